"""The production configuration: settings from the environment, security headers, static files, /healthz."""

import json
import os
import re
import secrets
import subprocess
import sys

import pytest

from .conftest import APRIL_2017, ROOT, SAMPLES
from .factories import import_path

ENVIRONMENT_FILE = ROOT / "docs" / "minutebook.env"
HOST = "minutes.example.gov.uk"
CSP = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
}


def directives(policy: str) -> dict[str, str]:
    """A Content-Security-Policy header as {directive: sources} (django-csp does not keep their order)."""
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def documented_environment() -> dict[str, str]:
    """The production environment docs/deployment.md tells an operator to set (docs/minutebook.env)."""
    lines = ENVIRONMENT_FILE.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def production(tmp_path, **changes: str) -> dict[str, str]:
    """This process's environment with the documented production one on top: a real secret key, and
    a database and static files of the test's own."""
    documented = documented_environment()
    inherited = {name: value for name, value in os.environ.items() if name not in documented}
    return inherited | documented | {"SECRET_KEY": secrets.token_urlsafe(50)} | changes


def run(env: dict[str, str], *arguments: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *arguments], env=env, cwd=ROOT, capture_output=True, text=True, **options)


def test_check_deploy_passes_with_the_documented_environment(tmp_path):
    checked = run(production(tmp_path), "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert checked.returncode == 0, checked.stderr
    assert "System check identified no issues (0 silenced)." in checked.stdout


def test_check_deploy_warns_on_a_development_key(tmp_path):
    """The check above can fail: left at the placeholder, the key is refused as insecure."""
    checked = run(
        production(tmp_path, SECRET_KEY="CHANGE-ME"), "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert checked.returncode == 1
    assert "security.W009" in checked.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    refused = run(production(tmp_path, SECRET_KEY=""), "manage.py", "check")
    assert refused.returncode == 1
    assert "SECRET_KEY must be set when DEBUG is off." in refused.stderr


# Requests to the production configuration, through every middleware, in a process of their own.
REQUESTS = """
import json
import django

django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

call_command("migrate", verbosity=0)
call_command("collectstatic", verbosity=0, interactive=False)
client = Client(HTTP_HOST="minutes.example.gov.uk")
https = {"HTTP_X_FORWARDED_PROTO": "https"}


def seen(response):
    cookies = {name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"])} for name, m in response.cookies.items()}
    body = b"" if response.streaming else response.content
    return {"status": response.status_code, "headers": dict(response.headers), "cookies": cookies, "body": body.decode(errors="replace")}


print(json.dumps({
    "plain": seen(client.get("/")),
    "home": seen(client.get("/", **https)),
    "login": seen(client.get("/accounts/login/", **https)),
    "healthz": seen(client.get("/healthz")),
    "stylesheet": static("minutebook.css"),
    "static": seen(client.get(static("minutebook.css"), HTTP_ACCEPT_ENCODING="gzip, br", **https)),
}))
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    env = production(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CACHE_URL="locmem://",
        STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_SETTINGS_MODULE="minutes_site.settings",
    )
    answered = run(env, "-c", REQUESTS, timeout=120)
    assert answered.returncode == 0, answered.stderr
    return json.loads(answered.stdout.splitlines()[-1])


def test_plain_http_is_redirected_to_https(served):
    assert served["plain"]["status"] == 301
    assert served["plain"]["headers"]["Location"] == f"https://{HOST}/"


def test_pages_carry_the_security_headers(served):
    home = served["home"]
    assert home["status"] == 200
    headers = home["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert directives(headers["Content-Security-Policy"]) == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_cookies_are_secure(served):
    assert served["login"]["cookies"]["csrftoken"]["secure"] is True


def test_whitenoise_serves_hashed_compressed_static_files_for_a_year(served):
    stylesheet = served["stylesheet"]
    assert re.fullmatch(r"/static/minutebook\.[0-9a-f]{12}\.css", stylesheet)
    assert f'<link rel="stylesheet" href="{stylesheet}">' in served["home"]["body"]
    static = served["static"]
    assert static["status"] == 200
    assert static["headers"]["Cache-Control"] == "max-age=315360000, public, immutable"
    assert static["headers"]["Content-Encoding"] in {"br", "gzip"}
    assert static["headers"]["Content-Type"].startswith("text/css")


def test_healthz_is_exempt_from_the_https_redirect_and_never_cached(served):
    healthz = served["healthz"]
    assert (healthz["status"], healthz["body"]) == (200, "ok\n")
    assert "no-store" in healthz["headers"]["Cache-Control"]


# -- /healthz ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_ok_while_the_database_does(client):
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"] == "text/plain"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


HEALTHZ = """
import django

django.setup()
from django.test import Client

client = Client(raise_request_exception=False)
response = client.get("/healthz")
print(response.status_code, response.content.decode().strip(), response["Cache-Control"])
page = client.get("/committees/cabinet/")
print(page.status_code, page["Retry-After"], "Back in a moment" in page.content.decode())
data = client.get("/api/meetings")
print(data.status_code, data["Retry-After"], data["Content-Type"], data.json()["detail"])
"""


@pytest.mark.parametrize(
    "database",
    [
        "sqlite:////nonexistent-directory/minutebook.sqlite3",  # a file that cannot be opened
        "postgres://postgres@127.0.0.1:1/minutebook",  # nothing listens on port 1
    ],
)
def test_healthz_and_pages_are_503_when_the_database_does_not_answer(database):
    env = {**os.environ, "DATABASE_URL": database, "DJANGO_SETTINGS_MODULE": "minutes_site.settings"}
    answered = run(env, "-c", HEALTHZ, timeout=60)
    assert answered.returncode == 0, answered.stderr
    healthz, page, data = answered.stdout.strip().splitlines()
    assert healthz == "503 database unavailable max-age=0, no-cache, no-store, must-revalidate, private"
    # A reading page says to try again shortly, rather than that something broke.
    assert page == "503 30 True"
    # And the API in JSON, as it answers everything.
    assert data == "503 30 application/json The database is not answering: try again shortly."


# -- Content-Security-Policy ---------------------------------------------------------------

INLINE = re.compile(
    r"<script(?![^>]*\ssrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)


def inline_code(html: str) -> list[str]:
    return INLINE.findall(html)


def test_the_scan_finds_inline_script_and_style():
    assert inline_code('<p style="color: red">') == [" style="]
    assert inline_code("<script>alert(1)</script>") == ["<script>"]
    assert inline_code('<button onclick="go()">') == [" onclick="]
    assert inline_code("<style>p {}</style>") == ["<style"]
    assert inline_code('<script src="/static/site.js"></script><a href="/">') == []


def test_no_template_has_inline_script_or_style():
    """(Mails are not served under the policy: a mail program reads a style sheet only inline.)"""
    mails = ROOT / "templates" / "alerts" / "email"
    templates = sorted(path for path in (ROOT / "templates").rglob("*.html") if mails not in path.parents)
    assert len(templates) > 10
    found = {str(path.relative_to(ROOT)): inline_code(path.read_text()) for path in templates}
    assert {path: code for path, code in found.items() if code} == {}


@pytest.mark.django_db
def test_every_page_carries_the_content_security_policy(client):
    import_path(APRIL_2017)
    for url in ["/", "/search/?q=schools", "/committees/education-and-childrens-services-scrutiny-board-2/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert directives(response["Content-Security-Policy"]) == CSP
        assert inline_code(response.content.decode()) == []


# -- What a page says about where minutes came from ----------------------------------------


@pytest.mark.django_db
def test_a_meeting_names_its_file_never_the_servers_directory(client):
    import_path(APRIL_2017.resolve())
    html = client.get("/committees/education-and-childrens-services-scrutiny-board-2/meetings/2017-04-27/").content
    assert b"Imported from 2017-04-27-education-scrutiny-board-2.txt on" in html
    assert str(SAMPLES).encode() not in html
    assert str(ROOT).encode() not in html
