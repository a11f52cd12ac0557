"""Exit 0 if a PostgreSQL server answers at the URL given, else 1 (used by `make test`).

Where the server is installed here but stopped (Debian's pg_ctlcluster), start it first.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg2


def answers(url: str) -> bool:
    config = dj_database_url.parse(url)
    try:
        psycopg2.connect(
            dbname="postgres",
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            host=config["HOST"] or None,
            port=config["PORT"] or None,
            connect_timeout=3,
        ).close()
    except psycopg2.OperationalError:
        return False
    return True


def start_local_cluster() -> None:
    if not shutil.which("pg_ctlcluster") or not Path("/etc/postgresql").is_dir():
        return
    for version in sorted(path.name for path in Path("/etc/postgresql").iterdir()):
        print(f"PostgreSQL did not answer; starting the local cluster {version}/main")
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)


if __name__ == "__main__":
    url = sys.argv[1]
    if not answers(url):
        start_local_cluster()
    sys.exit(0 if answers(url) else 1)
