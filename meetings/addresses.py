"""Committees' addresses: unique across councils, and every one published kept working.

A site that follows one council names a committee by its name alone (/committees/cabinet/).
Once it follows a second council, every council's committee is named with its council's slug
in front (/committees/coventry-city-council-cabinet/): the same rule for every council, whichever
was crawled first, so no council's Cabinet is "cabinet" and another's "cabinet-2". The move
happens once, when the second council's first committee is made (`settle_addresses`); each
address a committee had before is kept as a FormerSlug, and:

- every page under it (meetings, minutes, feeds, calendars, downloads, the API) answers with a
  permanent redirect to the same page at the new address (`FormerSlugRedirectMiddleware`: a
  committee has too many pages for django.contrib.redirects, which keeps one row a path);
- a filter in a saved link, a feed reader or an alert (`?committee=cabinet`) still chooses it
  (`committee_at`, used by the filters);
- references stored with the old slug are rewritten to the new one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from .models import Committee, Council, FormerSlug, Reference
from .pagecache import site_changed

MAX_SLUG = 255


def several_councils() -> bool:
    """Whether the site follows more than one council (committees belong to more than one)."""
    return Committee.objects.filter(council__isnull=False).order_by().values("council").distinct()[:2].count() > 1


def committee_at(slug: str, committees=None) -> Committee | None:
    """The committee published at `slug` now, or once (among `committees`, all by default)."""
    committees = Committee.objects.all() if committees is None else committees
    return committees.filter(Q(slug=slug) | Q(former_slugs__slug=slug)).first()


def _free(slug: str) -> str:
    """`slug`, or with -2, -3 ... where a committee has (or had) it."""
    slug = slug[:MAX_SLUG].rstrip("-")
    candidates = [slug] + [f"{slug[: MAX_SLUG - 4]}-{number}" for number in range(2, 100)]
    used = set(Committee.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    used |= set(FormerSlug.objects.filter(slug__in=candidates).values_list("slug", flat=True))
    return next(each for each in candidates if each not in used)


def _prefix(council: Council) -> str:
    return f"{council.slug}-"


def new_slug(name: str, council: Council | None) -> str:
    """A new committee's slug: its name's, with its council's in front where the site follows
    (or, with this committee, will follow) more than one council."""
    plain = Committee.slug_for(name) or "committee"
    if council is not None and Committee.objects.filter(council__isnull=False).exclude(council=council).exists():
        return _free(_prefix(council) + plain)
    return _free(plain)


def slug_named(name: str, council: Council | None) -> str:
    """The slug under which a minute of `council` names the committee `name` ("Further to Cabinet
    minute 45/16"): that council's committee's, published or not yet."""
    plain = Committee.slug_for(name)
    slug = _prefix(council) + plain if council is not None and several_councils() else plain
    found = committee_at(slug)
    return found.slug if found is not None else slug


def move(committee: Committee, slug: str, old: str | None = None) -> None:
    """Publish `committee` at `slug`, keeping the address it had (`old`, else its slug now) as a
    former one (call inside a transaction; the caller retires the cached pages)."""
    old = old or committee.slug
    committee.slug = slug
    committee.save(update_fields=["slug"])
    FormerSlug.objects.filter(slug=slug, committee=committee).delete()  # moved back where it was
    FormerSlug.objects.create(slug=old, committee=committee)
    # Slugs are unique: every reference under the old one meant this committee.
    Reference.objects.filter(committee_slug=old).update(committee_slug=slug)


def settle_addresses() -> list[tuple[str, str]]:
    """Where the site follows more than one council, give every council's committee its council's
    slug in front, keeping the old address as a former one (call inside a transaction). Returns
    the (old, new) slugs moved; nothing where there was nothing to move."""
    if not several_councils():
        return []
    moved = []
    unsettled = Committee.objects.filter(council__isnull=False).exclude(
        slug__startswith=Concat("council__slug", Value("-"))
    )
    for committee in unsettled.select_related("council").order_by("pk"):
        old = committee.slug
        move(committee, _free(_prefix(committee.council) + old))
        moved.append((old, committee.slug))
    for council in Council.objects.filter(committees__slug__in=[new for _old, new in moved]).distinct():
        # A council's minutes naming one of its committees not published yet: named as it will be.
        published = Committee.objects.values("slug")
        Reference.objects.filter(from_item__committee__council=council).exclude(
            Q(committee_slug__startswith=_prefix(council)) | Q(committee_slug__in=published)
        ).update(committee_slug=Concat(Value(_prefix(council)), "committee_slug"))
    if moved:
        site_changed()  # every page links to committees by their addresses
    return moved


class FormerSlugRedirectMiddleware:
    """A page not found under /committees/<slug>/ (or the API's, or a download's) where `slug` is
    a committee's former address: a permanent redirect to the same page at its address now."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404 or "committees/" not in request.path_info:
            return response
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return response
        slug = match.kwargs.get("slug")
        if not slug or "committees/" not in match.route:
            return response
        moved = FormerSlug.objects.filter(slug=slug).select_related("committee").first()
        if moved is None:
            return response
        try:
            path = reverse(match.view_name, args=match.args, kwargs={**match.kwargs, "slug": moved.committee.slug})
        except NoReverseMatch:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)
