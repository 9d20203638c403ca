"""kill -9 of gunicorn's master under steady traffic: how long until the port is free for a new master?

Runs gunicorn through ``deploy/gunicorn.conf.py`` twice, with and without the hook that stops orphaned
workers, keeps a few clients requesting a static file (no database needed), kills the master with SIGKILL
and prints the seconds until the port can be bound again and until every worker has exited.

    .venv/bin/python -m tests.benchmarks.bench_master_killed
"""

import argparse
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.config import PROJECT_ROOT

CONFIG = PROJECT_ROOT / "deploy" / "gunicorn.conf.py"
WITHOUT_HOOK = (
    f"exec(open({str(CONFIG)!r}).read())\n"
    "def post_fork(server, worker):\n    pass\n"
    "def worker_exit(server, worker):\n    pass\n"
)


@dataclass
class Outcome:
    port_free_after: float | None  # seconds; None if still held when we stopped looking
    workers_gone_after: float | None
    requests_served: int


def port_is_free(port: int) -> bool:
    """Whether a new master could bind the port (gunicorn sets SO_REUSEADDR, so do we)."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with contextlib.suppress(FileNotFoundError):  # a zombie (dead, not yet reaped) counts as gone
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    return True


def _start(config: Path, workers: int, instance: Path) -> tuple[subprocess.Popen, int, list[int]]:
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}},
        "COUNTERPOINT_INSTANCE_PATH": str(instance),
        "COUNTERPOINT_BIND": "127.0.0.1:0",
        "SECRET_KEY": "bench",
        "COUNTERPOINT_LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    master = subprocess.Popen(
        [gunicorn, "--config", str(config), "--workers", str(workers), "app:create_app()"],
        cwd=PROJECT_ROOT,
        env=environment,
        stderr=subprocess.PIPE,
        text=True,
    )
    port, pids = None, []
    deadline = time.monotonic() + 120
    while (port is None or len(pids) < workers) and time.monotonic() < deadline:
        line = master.stderr.readline()
        if not line:
            raise RuntimeError("gunicorn stopped before it served")
        if found := re.search(r"Listening at: http://[\d.]+:(\d+)", line):
            port = int(found.group(1))
        if found := re.search(r"Booting worker with pid: (\d+)", line):
            pids.append(int(found.group(1)))
    return master, port, pids


def _drain(stream: Any) -> None:
    """Read the server's log to its end (when the last worker exits), so no process blocks on it."""
    with stream:
        for _line in stream:
            pass


def kill_master_under_traffic(
    workers: int = 2, clients: int = 4, with_hook: bool = True, patience: float = 10.0
) -> Outcome:
    """Start gunicorn, keep ``clients`` requesting, SIGKILL the master, and time what follows."""
    with tempfile.TemporaryDirectory() as folder:
        config = CONFIG
        if not with_hook:
            config = Path(folder) / "without_hook.conf.py"
            config.write_text(WITHOUT_HOOK, encoding="utf-8")
        master, port, pids = _start(config, workers, Path(folder) / "instance")
        drain = threading.Thread(target=_drain, args=(master.stderr,), daemon=True)
        drain.start()
        served = 0
        stop = threading.Event()

        def client() -> None:
            nonlocal served
            while not stop.is_set():
                try:
                    url = f"http://127.0.0.1:{port}/static/counterpoint.css"
                    with urllib.request.urlopen(url, timeout=2) as response:
                        response.read()
                    served += 1
                except OSError:
                    time.sleep(0.01)

        threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
        for thread in threads:
            thread.start()
        try:
            flowing_by = time.monotonic() + 120
            while served < 20 * workers and time.monotonic() < flowing_by:  # every worker has loaded the app
                time.sleep(0.1)
            master.send_signal(signal.SIGKILL)
            master.wait(timeout=10)
            killed = time.monotonic()
            port_free = workers_gone = None
            while time.monotonic() - killed < patience and (port_free is None or workers_gone is None):
                now = time.monotonic() - killed
                if port_free is None and port_is_free(port):
                    port_free = now
                if workers_gone is None and not any(_alive(pid) for pid in pids):
                    workers_gone = now
                time.sleep(0.02)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=5)
            for pid in pids:  # whatever is still running was started here
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            drain.join(timeout=10)
        return Outcome(port_free, workers_gone, served)


def _seconds(value: float | None, patience: float) -> str:
    return f"{value:.2f} s" if value is not None else f"still held after {patience:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--patience", type=float, default=10.0)
    options = parser.parse_args()
    for with_hook in (False, True):
        outcome = kill_master_under_traffic(options.workers, options.clients, with_hook, options.patience)
        label = "with the orphan hook   " if with_hook else "without the orphan hook"
        print(
            f"{label}: port free after {_seconds(outcome.port_free_after, options.patience)}, "
            f"workers gone after {_seconds(outcome.workers_gone_after, options.patience)}, "
            f"{outcome.requests_served} requests served in all"
        )


if __name__ == "__main__":
    main()
