"""A gunicorn worker whose master is gone (``kill -9``, the OOM killer) stops serving, so the port is freed.

Gunicorn's sync worker looks at its parent only when no client is waiting: under a class's steady traffic
an orphaned worker keeps accepting on the inherited socket, and a new master cannot bind the port for as
long as the traffic lasts. ``deploy/gunicorn.conf.py`` calls ``exit_with_master`` in each new worker: on Linux
the kernel sends the worker SIGTERM the moment its master dies (``PR_SET_PDEATHSIG``); elsewhere a thread
looks every second. SIGTERM is gunicorn's graceful stop: the request in hand is finished, then the
worker exits.
"""

import ctypes
import logging
import os
import signal
import sys
import threading
import time
from typing import Any

logger = logging.getLogger("gunicorn.error")

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_CHECK_SECONDS = 1.0


def exit_with_master(_arbiter: Any, worker: Any) -> None:
    """gunicorn's ``post_fork``, in the new worker: arrange for it to stop when its master is gone.

    Asked before the app is loaded, so a master killed while its workers start leaves none behind.
    """
    if not _signal_on_parent_death(signal.SIGTERM):
        threading.Thread(target=_watch_parent, args=(worker.ppid,), name="parent-watch", daemon=True).start()
    if os.getppid() != worker.ppid:  # the master died before the kernel was asked
        os.kill(os.getpid(), signal.SIGTERM)


def stop_listening_if_orphaned(_arbiter: Any, worker: Any) -> None:
    """gunicorn's ``worker_exit``: an orphan closes the listening sockets at once, so the port is free
    before the interpreter has finished shutting down, and says why it stopped."""
    if os.getppid() == worker.ppid:
        return  # the master holds the sockets and restarts workers as it sees fit
    for listener in worker.sockets:
        listener.close()
    logger.warning("worker %s stopped: its master (pid %s) is gone", os.getpid(), worker.ppid)


def _signal_on_parent_death(signal_number: int) -> bool:
    """Ask Linux to send ``signal_number`` to this process when its parent dies; False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal_number, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_CHECK_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)
