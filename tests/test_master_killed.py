"""kill -9 of gunicorn's master while a class keeps clicking: the workers stop and free the port, so the
service can start again (the figures: ``python -m tests.benchmarks.bench_master_killed``)."""

import runpy
from pathlib import Path

import pytest
import yaml

from app.config import PROJECT_ROOT
from tests.benchmarks.bench_master_killed import kill_master_under_traffic


def test_after_the_master_is_killed_the_port_is_freed_despite_steady_traffic() -> None:
    if not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc to tell a finished worker from a running one")
    # Generous on a busy machine: without the fix the port stays held for as long as the traffic lasts.
    outcome = kill_master_under_traffic(workers=2, clients=4, with_hook=True, patience=30)
    assert outcome.requests_served > 0
    assert outcome.port_free_after is not None, "an orphaned worker still holds the port"
    assert outcome.workers_gone_after is not None, "an orphaned worker is still running"


def test_the_shipped_ways_to_run_it_stop_the_whole_group_after_gunicorns_grace() -> None:
    """systemd kills every process of the unit, compose runs an init that forwards signals and reaps, and
    both wait longer than gunicorn's graceful timeout before killing (systemd-analyze checks the unit's
    syntax in tests/test_serving.py)."""
    graceful = runpy.run_path(str(PROJECT_ROOT / "deploy" / "gunicorn.conf.py"))["graceful_timeout"]
    unit_lines = (PROJECT_ROOT / "deploy" / "counterpoint.service").read_text(encoding="utf-8").splitlines()
    unit = dict(line.split("=", 1) for line in unit_lines if "=" in line and not line.startswith("#"))
    assert unit["KillMode"] == "control-group"
    assert int(unit["TimeoutStopSec"]) > graceful
    compose = yaml.safe_load((PROJECT_ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    app = compose["services"]["app"]
    assert app["init"] is True
    assert int(app["stop_grace_period"].removesuffix("s")) > graceful
