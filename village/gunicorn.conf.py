"""Gunicorn's settings for `manage.py serve` (`make prod`): how many processes, how long a
request may take, and logs through Django's logging (decision 0041).

Sync workers: each answers one request at a time, which is what a CPU-bound Django page
wants; as many as twice the cores plus one hide the waits on the database and the disk.
"""

import gc
import multiprocessing
import os

from village.log_formats import LOG_FORMATTERS


def _workers() -> int:
    chosen = os.environ.get("VILLAGE_WEB_WORKERS", "")
    if not chosen:
        return multiprocessing.cpu_count() * 2 + 1
    if not chosen.isdigit() or int(chosen) < 1:
        raise SystemExit(f"VILLAGE_WEB_WORKERS={chosen!r} must be a whole number, 1 or more.")
    return int(chosen)


wsgi_app = "village.wsgi:application"
workers = _workers()
worker_class = "sync"
# A page that takes longer than this is stuck: its worker is replaced, the client gets 502.
timeout = 30
graceful_timeout = 20
# Workers are replaced now and then, so a slow leak never grows for long.
max_requests = 5000
max_requests_jitter = 500
# The app is imported once, by the master, and each worker forked from it. Importing it
# takes 0.8 s (2.6 s where bytecode is not kept) and a worker's first page 0.5 s more:
# without this, each replacement above left its share of requests waiting that long
# (under load all of them come due within a minute).
# A new release needs a restart, not a HUP: a HUP forks the code already loaded.
preload_app = True


def when_ready(server):
    """Before any worker is forked, with the app loaded (village/wsgi.py loads what a
    first page would). No two workers may inherit one database connection: any the
    loading opened is closed."""
    from django.db import connections

    connections.close_all()
    # What the master holds now lives as long as the workers do: out of the collector's
    # sight, a worker's full collection walks its own objects alone. Over the app's 200,000
    # it took 100-170 ms, a page's answer held up now and then (and every page of memory
    # the walk touched copied from the master's).
    gc.freeze()


# Each request is logged by the app itself (core/logs.py), with its route instead of its
# path, which may hold a key; gunicorn's access log would print the path.
accesslog = None
# Gunicorn's own lines (workers started, killed, timed out) in the app's form: JSON with
# VILLAGE_LOG_FORMAT=json, like the app's (village/settings.py LOGGING).
_format = "json" if os.environ.get("VILLAGE_LOG_FORMAT") == "json" else "text"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    # Gunicorn's defaults name a `generic` formatter, which this dict replaces whole.
    "formatters": {**LOG_FORMATTERS, "generic": LOG_FORMATTERS["text"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": _format},
        "error_console": {"class": "logging.StreamHandler", "formatter": _format},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        # Off, as `accesslog = None` says: a logging config would switch it back on.
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
    },
}
# The address of a proxy in front, whose X-Forwarded-Proto is believed (HTTPS behind TLS).
forwarded_allow_ips = os.environ.get("VILLAGE_FORWARDED_ALLOW_IPS", "127.0.0.1")
