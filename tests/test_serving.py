"""Production serving: the health check, a reverse proxy's headers, one JSON log line per request."""

import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from flask import Flask, request, url_for
from sqlalchemy import text

from app import create_app
from app.config import PROJECT_ROOT
from app.extensions import db
from tests.conftest import PASSWORD, log_in


def _json_lines(captured: str) -> list[dict]:
    return [json.loads(line) for line in captured.splitlines() if line.startswith("{")]


def _request_lines(captured: str) -> list[dict]:
    return [entry for entry in _json_lines(captured) if entry["logger"] == "app.requests"]


def _app_with_probe(tmp_path: Path, **settings: object) -> Flask:
    """An app with a tiny page that shows what it believes about the request, as a page's links would."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
            **settings,
        }
    )

    @app.get("/probe")
    def probe() -> dict[str, str | None]:
        return {"home": url_for("main.home", _external=True), "remote_addr": request.remote_addr}

    return app


FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "cp.school"}


def test_behind_a_proxy_the_forwarded_scheme_host_and_client_are_used(tmp_path: Path) -> None:
    app = _app_with_probe(tmp_path, PROXY_FIX_X_FOR=1, PROXY_FIX_X_PROTO=1, PROXY_FIX_X_HOST=1)
    answer = app.test_client().get("/probe", headers=FORWARDED).get_json()
    assert answer == {"home": "https://cp.school/", "remote_addr": "203.0.113.7"}


def test_without_proxy_settings_forwarded_headers_are_ignored(tmp_path: Path) -> None:
    app = _app_with_probe(tmp_path)
    answer = app.test_client().get("/probe", headers=FORWARDED).get_json()
    assert answer == {"home": "http://localhost/", "remote_addr": "127.0.0.1"}


def test_secure_cookies_when_configured(tmp_path: Path) -> None:
    app = _app_with_probe(tmp_path, SESSION_COOKIE_SECURE=True, WTF_CSRF_ENABLED=True)
    response = app.test_client().get("/login")  # the form's CSRF token goes in the session cookie
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("session=")
    assert "Secure" in cookie


def test_cookies_are_same_site_lax_and_the_remember_cookie_follows_the_session_cookie(tmp_path: Path) -> None:
    assert _app_with_probe(tmp_path).config["REMEMBER_COOKIE_SAMESITE"] == "Lax"
    strict = _app_with_probe(tmp_path, SESSION_COOKIE_SAMESITE="Strict")
    assert strict.config["REMEMBER_COOKIE_SAMESITE"] == "Strict"
    apart = _app_with_probe(tmp_path, SESSION_COOKIE_SAMESITE="Strict", REMEMBER_COOKIE_SAMESITE="Lax")
    assert apart.config["REMEMBER_COOKIE_SAMESITE"] == "Lax"


def test_a_request_logs_one_json_line_with_its_fields(
    loaded_app: Flask, client, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    response = client.get("/read", headers={"X-Request-ID": "edge-42"})
    assert response.status_code == 200
    lines = _request_lines(capsys.readouterr().err)
    assert len(lines) == 1
    line = lines[0]
    assert set(line) >= {"time", "level", "logger", "message", "request_id", "method", "path", "status"}
    assert (line["method"], line["path"], line["status"], line["level"]) == ("GET", "/read", 200, "INFO")
    assert line["request_id"] == "edge-42" == response.headers["X-Request-ID"]
    assert line["duration_ms"] >= 0
    assert "user_id" not in line  # nobody is logged in


def test_a_logged_in_request_names_the_user_and_no_secret_is_logged(
    loaded_app: Flask, client, make_user, capsys: pytest.CaptureFixture[str]
) -> None:
    user = make_user("Ana")
    capsys.readouterr()
    log_in(client, "Ana")
    client.post("/quiz/next", data={"type": "true_false"})
    captured = capsys.readouterr().err
    lines = _request_lines(captured)
    assert [(line["method"], line["path"]) for line in lines] == [("POST", "/login"), ("POST", "/quiz/next")]
    assert lines[1]["user_id"] == user.id
    assert PASSWORD not in captured
    token = _last_presentation_token(loaded_app)
    capsys.readouterr()
    client.get(f"/quiz/q/{token}")
    (line,) = _request_lines(capsys.readouterr().err)
    assert line["path"] == "/quiz/q/<token>"


TOKEN = "Zq8xT3vLw0pR7nYk2sHc5dJf9gBm4aEu"  # shaped like a presentation token; none need exist


@pytest.mark.parametrize(
    ("method", "path", "status", "logged"),
    [
        ("GET", f"/cards/review/{TOKEN}", 405, "/cards/review/<token>"),  # the route takes only POST
        ("POST", f"/quiz/q/{TOKEN}/feedback", 405, "/quiz/q/<token>/feedback"),  # only GET
        ("DELETE", f"/quiz/q/{TOKEN}", 405, "/quiz/q/<token>"),
        ("GET", f"/quiz/q/{TOKEN}/elsewhere", 404, "/quiz/q/<redacted>/elsewhere"),  # no route at all
    ],
)
def test_a_token_is_not_logged_when_its_route_refuses_the_request(
    client, capsys: pytest.CaptureFixture[str], method: str, path: str, status: int, logged: str
) -> None:
    capsys.readouterr()
    assert client.open(path, method=method).status_code == status
    captured = capsys.readouterr().err
    (line,) = _request_lines(captured)
    assert (line["path"], line["status"]) == (logged, status)
    assert TOKEN not in captured


def test_a_path_that_matches_no_route_keeps_its_plain_segments(
    client, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    client.get("/teach/classes/2147483648/nothing-here.txt")
    (line,) = _request_lines(capsys.readouterr().err)
    assert line["path"] == "/teach/classes/2147483648/nothing-here.txt"


def _last_presentation_token(app: Flask) -> str:
    with app.app_context():
        return db.session.execute(
            text("SELECT token FROM presentation ORDER BY id DESC LIMIT 1")
        ).scalar_one()


def test_a_crafted_request_id_is_replaced(client, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    response = client.get("/healthz", headers={"X-Request-ID": 'x", "level": "forged'})
    (line,) = _request_lines(capsys.readouterr().err)
    assert line["request_id"] == response.headers["X-Request-ID"]
    assert len(line["request_id"]) == 32


def test_text_logs_for_development(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = _app_with_probe(tmp_path, LOG_FORMAT="text")
    capsys.readouterr()
    app.test_client().get("/probe")
    err = capsys.readouterr().err
    assert "INFO app.requests: GET /probe 200" in err
    assert not err.lstrip().startswith("{")


def test_the_log_level_filters_request_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = _app_with_probe(tmp_path, LOG_LEVEL="WARNING")
    capsys.readouterr()
    app.test_client().get("/probe")
    assert _request_lines(capsys.readouterr().err) == []


def test_healthz_is_ok_on_a_migrated_database_without_login(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok"}}
    assert "Set-Cookie" not in response.headers


def test_healthz_reports_a_database_behind_the_code(app: Flask, client) -> None:
    with app.app_context():
        db.session.execute(text("UPDATE alembic_version SET version_num = '1f7cf6edaaa2'"))
        db.session.commit()
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "error"
    assert "flask db upgrade" in body["checks"]["migrations"]


def test_healthz_reports_an_unreachable_database_without_saying_where(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "secret-name.sqlite3"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{missing}"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "checks": {"database": "unreachable"}}
    assert "secret-name" not in response.get_data(as_text=True)


class _Lines:
    """Collects a process's stderr lines in a thread, so the test can wait for one without blocking."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        with stream:
            for line in stream:
                self.lines.append(line.rstrip("\n"))

    def finish(self) -> None:
        self._thread.join(timeout=30)

    def wait_for(self, pattern: str, count: int = 1, seconds: float = 60) -> list[re.Match]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = [m for line in list(self.lines) if (m := re.search(pattern, line))]
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"no {pattern!r} in:\n" + "\n".join(self.lines))


def test_gunicorn_serves_the_app_with_two_workers(tmp_path: Path) -> None:
    """The README's commands: migrate once, then start gunicorn; stop it with SIGTERM."""
    instance = tmp_path / "instance"
    environment = {
        **{k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}},
        "COUNTERPOINT_INSTANCE_PATH": str(instance),
        "COUNTERPOINT_BIND": "127.0.0.1:0",
    }
    bin_dir = Path(sys.executable).parent
    migrate = subprocess.run(
        [bin_dir / "flask", "--app", "app", "db", "upgrade"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stderr
    server = subprocess.Popen(
        [bin_dir / "gunicorn", "--config", "deploy/gunicorn.conf.py", "--workers", "2", "app:create_app()"],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        log = _Lines(server.stderr)
        base = log.wait_for(r"Listening at: (http://127\.0\.0\.1:\d+)")[0].group(1)
        log.wait_for(r"Booting worker with pid", count=2)
        with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:
            assert response.status == 200
            assert response.headers["Server"] == ""  # no product name (gunicorn's default says "gunicorn")
            assert json.loads(response.read())["status"] == "ok"
        for _ in range(6):  # enough requests for both workers to answer some
            with urllib.request.urlopen(f"{base}/", timeout=30) as response:
                assert response.status == 200
                assert "Counterpoint" in response.read().decode()
        log.wait_for(r'"path": "/", "status": 200', count=6)
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        log.finish()
    entries = [json.loads(line) for line in log.lines if line.strip()]  # every line is JSON
    assert {(e["path"], e["status"]) for e in entries if e["logger"] == "app.requests"} == {
        ("/healthz", 200),
        ("/", 200),
    }
    assert stat.S_IMODE((instance / "secret_key").stat().st_mode) == 0o600
    assert stat.S_IMODE((instance / "counterpoint.sqlite3").stat().st_mode) == 0o600
    assert stat.S_IMODE(instance.stat().st_mode) == 0o700


def test_the_systemd_unit_is_valid(tmp_path: Path) -> None:
    """systemd's own checker on the example unit, pointed at this checkout instead of /srv/counterpoint."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    unit = (PROJECT_ROOT / "deploy" / "counterpoint.service").read_text(encoding="utf-8")
    (tmp_path / "counterpoint.service").write_text(
        unit.replace("/srv/counterpoint", str(PROJECT_ROOT)), encoding="utf-8"
    )
    result = subprocess.run(
        [analyze, "verify", str(tmp_path / "counterpoint.service")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "counterpoint.service" not in result.stderr  # no complaint about the unit itself


def test_the_container_files_name_only_what_exists() -> None:
    """Not a container build (CI has no engine): the files they copy and run exist in this repository."""
    dockerfile = (PROJECT_ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (PROJECT_ROOT / source).exists(), source
    assert "deploy/gunicorn.conf.py" in dockerfile
    compose = yaml.safe_load((PROJECT_ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    build = compose["services"]["app"]["build"]
    assert (PROJECT_ROOT / "deploy" / build["context"] / build["dockerfile"]).is_file()
