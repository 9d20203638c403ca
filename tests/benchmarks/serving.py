"""A real threaded server for benchmarks, in its own process so client threads do not share its GIL."""

import logging
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from werkzeug.serving import make_server


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """Serve ``app`` on a free loopback port for the duration of the block; yields the base URL."""
    logging.getLogger("werkzeug").setLevel(logging.CRITICAL)  # a line a request would bury the figures
    server = make_server("127.0.0.1", 0, app, threaded=True)
    process = multiprocessing.get_context("fork").Process(target=server.serve_forever, daemon=True)
    process.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        process.terminate()
        process.join()
        server.server_close()
