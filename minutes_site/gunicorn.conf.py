"""gunicorn's settings for Minutebook: `gunicorn -c minutes_site/gunicorn.conf.py` (what `make serve` runs).

Each may be changed from the environment: GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS,
GUNICORN_TIMEOUT. Reload the code without dropping a request with `kill -HUP <master pid>`
(`systemctl reload minutebook`): new workers start before the old ones finish their requests.
"""

import multiprocessing
import os

wsgi_app = "minutes_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Pages are made by Python and the database answers quickly: two workers a core, as gunicorn advises.
# Behind nginx, which buffers slow clients, plain (sync) workers serve the most: measured with
# bench/serve.py, a page served from the cache went from ~1,050 to ~2,000 requests a second on
# two workers when each stopped running four threads. GUNICORN_THREADS=4 without a buffering proxy.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"

# A request taking longer than this is stuck: its worker is replaced. Workers get this long to
# finish their requests on a reload or shutdown.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# A worker is replaced after this many requests (plus a random few, so they do not all go at once):
# whatever memory a worker gathers is given back. Not often: the requests waiting for a worker
# stall while it is replaced (bench/serve.py: every 5,000 requests, the slowest 1% took ~200 ms;
# every 50,000, which pages from the cache now reach in 25 s, a stall of 100-190 ms showed in the
# slowest 1% of a 10-second run). A worker's memory stays at 65-70 MB under load.
max_requests = 500_000
max_requests_jitter = 50_000

# Load the application before forking: workers share its memory, and a broken deployment fails
# at once instead of in every worker.
preload_app = True

# Access and error logs to stdout/stderr, for journald (or whatever runs gunicorn) to keep.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# nginx in front: trust its X-Forwarded-* headers only from this machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
