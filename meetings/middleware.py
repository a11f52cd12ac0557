"""A database that does not answer (restarting, failing over) is a 503 to try again, not a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        if request.path.startswith("/api/"):
            detail = "The database is not answering: try again shortly."
            response = JsonResponse({"detail": detail, "errors": []}, status=503)
        else:
            # A plain page: the site's own templates would ask the database (the signed-in user).
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response


class JsonApiErrorsMiddleware:
    """Under /api/ every answer is JSON: an error made outside the API's own handlers (a method the
    API does not allow, a host the site does not serve) is given the API's shape of error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            answer = JsonResponse({"detail": response.reason_phrase + ".", "errors": []}, status=response.status_code)
            for header in ("Allow", "Retry-After", "Vary"):
                if header in response:
                    answer[header] = response[header]
            return answer
        return response
