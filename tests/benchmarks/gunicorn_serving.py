"""Serve a benchmark's database with gunicorn, as the README's Deploy section does, on a free port."""

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.config import PROJECT_ROOT

COUNTERPOINT_APP = "app:create_app()"
DEPLOY_CONFIG = "deploy/gunicorn.conf.py"


@dataclass(frozen=True)
class GunicornServer:
    base: str  # the URL it serves on
    pid: int  # the master's process id; the workers are its children


@contextmanager
def gunicorn_server(
    database_url: str,
    workers: int,
    app_spec: str = COUNTERPOINT_APP,
    config: str = DEPLOY_CONFIG,
    extra_environment: dict[str, str] | None = None,
) -> Iterator[GunicornServer]:
    """gunicorn with ``config`` (deploy/gunicorn.conf.py unless told) and ``workers`` sync workers serving
    ``app_spec`` on ``database_url``; stops it afterwards."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench",
        "COUNTERPOINT_BIND": "127.0.0.1:0",
        "COUNTERPOINT_LOG_LEVEL": "WARNING",  # a line a request would bury the figures
        **(extra_environment or {}),
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "--config", config, "--workers", str(workers), app_spec],
        cwd=PROJECT_ROOT,
        env=environment,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base, booted = None, 0
        deadline = time.monotonic() + 120
        while (base is None or booted < workers) and time.monotonic() < deadline:
            line = server.stderr.readline()
            if not line:
                raise RuntimeError("gunicorn stopped before it served")
            if found := re.search(r"Listening at: (http://[\d.]+:\d+)", line):
                base = found.group(1)
            booted += "Booting worker" in line
        time.sleep(1.0)  # the workers import the app after saying they boot
        yield GunicornServer(base, server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        server.stderr.close()


@contextmanager
def served_by_gunicorn(database: Path, workers: int) -> Iterator[str]:
    """gunicorn with ``workers`` sync workers on the SQLite file ``database``; yields the base URL."""
    with gunicorn_server(f"sqlite:///{database}", workers) as server:
        yield server.base
