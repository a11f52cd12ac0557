"""gunicorn for the load benchmarks (bench/serve.py, bench/load.py): the site's own config and
production settings, on 127.0.0.1, plain HTTP."""

import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_env(port: int, settings_module: str = "minutes_site.settings") -> dict[str, str]:
    """This process's environment with the production settings on top (DEBUG off; HTTPS off, on 127.0.0.1)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": str(ROOT),
        "DEBUG": "false",
        "HTTPS": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-" + "x" * 50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
        "GUNICORN_LOG_LEVEL": "warning",
        "STATIC_ROOT": tempfile.mkdtemp(prefix="minutebook-static-"),
        # All the load comes from one address: the API's limit per address would refuse it.
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "1000000/s"),
    }


def manage(env: dict, *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def gunicorn(env: dict):
    """gunicorn running with minutes_site/gunicorn.conf.py until the block ends; yields its process."""
    manage(env, "collectstatic", "--noinput", "-v0")
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(ROOT / "minutes_site" / "gunicorn.conf.py")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(f"http://{env['GUNICORN_BIND']}/healthz")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer at {url}")


@contextmanager
def importing(env: dict, every: float):
    """bench/crawling.py importing a meeting every `every` seconds until the block ends (nothing
    where `every` is 0); yields a function counting the meetings it imported, deleted after."""
    if not every:
        yield lambda: 0
        return
    crawler = [sys.executable, str(ROOT / "bench" / "crawling.py")]
    process = subprocess.Popen([*crawler, "--every", str(every)], env=env, cwd=ROOT)
    try:
        yield lambda: subprocess.run([*crawler, "--count"], env=env, capture_output=True, text=True).stdout.strip()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        subprocess.run([*crawler, "--clean"], env=env, check=True)
