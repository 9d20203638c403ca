"""Serve a benchmark's database with gunicorn, as the README's Deploy section does, on a free port."""

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.config import PROJECT_ROOT


@contextmanager
def served_by_gunicorn(database: Path, workers: int) -> Iterator[str]:
    """gunicorn with ``workers`` sync workers on ``database``; yields the base URL, stops it afterwards."""
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECRET_KEY": "bench",
        "COUNTERPOINT_BIND": "127.0.0.1:0",
        "COUNTERPOINT_LOG_LEVEL": "WARNING",  # a line a request would bury the figures
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "--config", "deploy/gunicorn.conf.py", "--workers", str(workers), "app:create_app()"],
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
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        server.stderr.close()
