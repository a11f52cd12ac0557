"""The site's own settings, with one more URL for bench/serve.py: a view that returns a constant
response through the same middleware, the ceiling the reading pages are measured against."""

from minutes_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
