# The project's fixtures (the seeds parsed, an empty cache for each test, the database settings).
from tests.conftest import _empty_cache, april_2016, april_2017, django_db_modify_db_settings  # noqa: F401
