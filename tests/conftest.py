from pathlib import Path

import pytest
from django.core.cache import caches

from importers.records import ParsedMeeting
from importers.text import parse_minutes, read_document

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "meetings" / "sample_minutes"
DATA = Path(__file__).resolve().parent / "data"
APRIL_2017 = SAMPLES / "2017-04-27-education-scrutiny-board-2.txt"
APRIL_2016 = SAMPLES / "2016-04-14-education-scrutiny-board-2.txt"
COMMITTEE_SLUG = "education-and-childrens-services-scrutiny-board-2"


def parse_path(path: Path, **options) -> ParsedMeeting:
    return parse_minutes(read_document(path), str(path), **options)


@pytest.fixture(scope="session")
def april_2017() -> ParsedMeeting:
    return parse_path(APRIL_2017)


@pytest.fixture(scope="session")
def april_2016() -> ParsedMeeting:
    return parse_path(APRIL_2016)


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Each test starts with no cached pages: its database starts again from the same site version.
    Each request reads the site's versions (as it does a second after the last), so that what a
    page costs is the same whatever was asked before it (tests/test_pagecache.py tries otherwise)."""
    from meetings import pagecache

    for each in caches.all(initialized_only=True):
        each.clear()
    pagecache.forget_versions()
    settings.PAGE_VERSIONS_FRESH_FOR = 0


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A second alias, "replica1", for the replica router's tests: a test mirror, so it reads the
    test database through a connection of its own, as a streaming replica would. Nothing is routed
    to it unless a test names it in REPLICA_DATABASES (tests/test_replicas.py)."""
    from django.conf import settings
    from django.db import connections

    replica = {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
    settings.DATABASES["replica1"] = replica
    connections.settings = connections.configure_settings(settings.DATABASES)
