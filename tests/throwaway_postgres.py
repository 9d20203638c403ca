"""A PostgreSQL server of a test's own, which the test may stop, start and restart as an administrator would.

It is made like the one ``.ci/run`` starts (Debian's server programs, trust authentication, listening on
127.0.0.1 only, durability off), in a folder of its own; run as root, the server runs as ``postgres``.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def server_programs() -> Path | None:
    """The folder of the newest installed PostgreSQL server's programs, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayPostgres:
    """One server in a temporary folder; ``close`` stops it and removes the folder."""

    def __init__(self, programs: Path) -> None:
        self.programs = programs
        shm = Path("/dev/shm")
        self.home = Path(
            tempfile.mkdtemp(prefix="counterpoint-pg-", dir=shm if os.access(shm, os.W_OK) else None)
        )
        self.data = self.home / "data"
        self.port = _free_port()
        self.as_postgres: list[str] = []
        try:
            if os.geteuid() == 0:  # the server refuses to run as root
                shutil.chown(self.home, user="postgres")
                self.as_postgres = ["runuser", "-u", "postgres", "--"]
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            )
            self.start()
        except BaseException:
            self.close()  # no folder or half-started server left behind
            raise

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.home} "
            "-c fsync=off -c full_page_writes=off -c synchronous_commit=off"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.home / "server.log"), "-w", "-o", options, "start"
        )

    def stop(self, mode: str = "fast") -> None:
        """``fast`` is what ``systemctl restart postgresql`` does: clients are disconnected at once."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        path = self.home / "server.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def close(self) -> None:
        subprocess.run(
            [
                *self.as_postgres,
                str(self.programs / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
            cwd=self.home,
        )
        shutil.rmtree(self.home, ignore_errors=True)

    def _run(self, program: str, *arguments: str) -> None:
        result = subprocess.run(
            [*self.as_postgres, str(self.programs / program), *arguments],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=self.home,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed:\n{result.stdout}{result.stderr}{self.log()}")
