"""deploy/gunicorn.conf.py, with each worker run under cProfile from its first quiz cycle to its exit.

Used by ``bench_served_profile``: the profile starts at a worker's first POST /quiz/next (after the imports
and the logins, which would bury the cycle) and covers everything the worker does from then on, gunicorn's
own request handling included, which the in-process benchmark never sees. Each worker writes its
statistics to ``$COUNTERPOINT_PROFILE_DIR/worker-<pid>.prof`` as it exits.
"""

import cProfile
import os
from pathlib import Path

_deploy = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"
exec(compile(_deploy.read_text(), str(_deploy), "exec"))  # the production settings, then the hooks below

_deploy_worker_exit = worker_exit  # noqa: F821 (set by the production settings)
_profile = cProfile.Profile()  # wall time: a CPU-time clock costs more than most calls it would time


_started = False


def pre_request(worker, request):
    global _started
    if not _started and request.method == "POST" and request.path == "/quiz/next":
        _started = True
        _profile.enable()


def worker_exit(server, worker):
    _profile.disable()
    _profile.dump_stats(os.path.join(os.environ["COUNTERPOINT_PROFILE_DIR"], f"worker-{os.getpid()}.prof"))
    _deploy_worker_exit(server, worker)
