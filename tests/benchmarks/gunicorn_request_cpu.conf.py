"""deploy/gunicorn.conf.py, with each worker's CPU split into time inside requests and time between them.

Used by ``bench_served_profile --split``: gunicorn's ``pre_request`` and ``post_request`` hooks read the
worker's CPU clock (user + system), so each request's CPU from its parsed headers to its written response
is summed by kind, and the rest of the worker's CPU (accepting, reading and parsing a request, closing the
connection, idle polling) is what lies between. The time the cyclic garbage collector runs (wherever it
falls) is summed too. Each worker writes its sums to ``$COUNTERPOINT_PROFILE_DIR/cpu-<pid>.json`` as it exits.
"""

import gc
import json
import os
import re
import time
from collections import defaultdict
from pathlib import Path

_deploy = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"
exec(compile(_deploy.read_text(), str(_deploy), "exec"))  # the production settings, then the hooks below

_deploy_worker_exit = worker_exit  # noqa: F821 (set by the production settings)
_KINDS = (
    ("POST", re.compile(r"/quiz/(next|session/\d+/next)$"), "next"),
    ("GET", re.compile(r"/quiz/q/[^/]+$"), "question"),
    ("POST", re.compile(r"/quiz/q/[^/]+$"), "answer"),
    ("GET", re.compile(r"/quiz/q/[^/]+/feedback$"), "feedback"),
)
_inside: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
_began = {"request": 0.0, "first": 0.0, "collecting": 0.0}
_collected = [0.0]


def _time_collections(phase, _info):
    """A collection runs inside whatever allocated last, so it is timed on its own to see its share."""
    if phase == "start":
        _began["collecting"] = time.process_time()
    elif _began["first"]:
        _collected[0] += time.process_time() - _began["collecting"]


gc.callbacks.append(_time_collections)


def _kind(method: str, path: str) -> str:
    return next((kind for verb, pattern, kind in _KINDS if verb == method and pattern.match(path)), "other")


def pre_request(worker, request):
    now = time.process_time()
    _began["request"] = now
    if not _began["first"] and _kind(request.method, request.path) == "next":
        _began["first"] = now


def post_request(worker, request, environ, response):
    if _began["first"]:
        sums = _inside[_kind(request.method, request.path)]
        sums[0] += time.process_time() - _began["request"]
        sums[1] += 1


def worker_exit(server, worker):
    total = time.process_time() - _began["first"] if _began["first"] else 0.0
    target = Path(os.environ["COUNTERPOINT_PROFILE_DIR"]) / f"cpu-{os.getpid()}.json"
    target.write_text(json.dumps({"total": total, "inside": dict(_inside), "collecting": _collected[0]}))
    _deploy_worker_exit(server, worker)
