"""Gunicorn settings for Counterpoint; every value can be changed from the environment.

    gunicorn --config deploy/gunicorn.conf.py 'app:create_app()'

Run ``flask --app app db upgrade`` once before starting: the workers never migrate the database.
"""

import os
from datetime import timedelta
from typing import Any

import gunicorn
import gunicorn.glogging
import gunicorn.http.wsgi

from app.logging_setup import JsonFormatter, TextFormatter
from app.orphan_workers import exit_with_master, stop_listening_if_orphaned

# The Server header names no product (gunicorn sends "Server: gunicorn"), so a scanner is not told which
# server's flaws to try. Gunicorn has no setting for it: its responses read the SERVER constant of
# gunicorn.http.wsgi, set here for the workers this process forks (tests/test_serving.py checks it).
gunicorn.SERVER = gunicorn.http.wsgi.SERVER = ""

bind = os.environ.get("COUNTERPOINT_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("COUNTERPOINT_WORKERS", "4"))
timeout = int(os.environ.get("COUNTERPOINT_TIMEOUT", "30"))
graceful_timeout = 20
# The app logs one line per request itself (with its id, user and duration), so no separate access log.
accesslog = None


class Logger(gunicorn.glogging.Logger):
    """Gunicorn's logger, which builds an access-log line only when the access log has somewhere to go.

    Given a logging configuration (``logconfig_dict`` below), gunicorn formats every request's access-log
    line, then hands it to a logger with no handler that drops it: work on every request for nothing.
    """

    def access(self, resp: Any, req: Any, environ: dict[str, Any], request_time: timedelta) -> None:
        if self.access_log.hasHandlers():  # an access log file or handler was set after all
            super().access(resp, req, environ, request_time)


logger_class = Logger
# X-Forwarded-* headers are trusted only through the app's own proxy settings (COUNTERPOINT_PROXY_FIX_*),
# not also by gunicorn, so that one setting decides.
forwarded_allow_ips = ""
# No control socket: it would live in $HOME, shared by every gunicorn of that user on the machine.
control_socket_disable = True

_formatter = "text" if os.environ.get("COUNTERPOINT_LOG_FORMAT", "json").lower() == "text" else "json"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": JsonFormatter},
        "text": {"()": TextFormatter},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": _formatter, "stream": "ext://sys.stderr"},
    },
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": [], "propagate": False},
    },
    "root": {"level": "WARNING", "handlers": ["stderr"]},
}

# A worker whose master was killed (kill -9, the OOM killer) stops after its current request, so a new
# master can bind the port at once: gunicorn's sync workers would otherwise keep serving while traffic
# lasts (see app/orphan_workers.py).
post_fork = exit_with_master
worker_exit = stop_listening_if_orphaned
