"""Run the dev server in a background thread for tests: ``with run_server(...) as url``.

A thread (not a subprocess) keeps startup around 100 ms and lets a debugger see both
sides; the server still speaks real HTTP on a free 127.0.0.1 port.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from .app import create_app
from .settings import Settings


@contextmanager
def run_server(
    schema_path: str | Path,
    *,
    client_secret: str = "dev-secret",
    settings: Settings | None = None,
    startup_timeout: float = 10.0,
    log_level: str = "warning",
) -> Iterator[str]:
    """Start the server, yield its base URL (``http://127.0.0.1:PORT``), stop it after."""
    app = create_app(schema_path, client_secret=client_secret, settings=settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level=log_level, lifespan="off", http="h11", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"gio-devserver-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError("gio devserver failed to start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()


def control(base_url: str, **knobs: Any) -> dict:
    """POST knobs/faults to ``/__control__`` and return the resulting snapshot."""
    import httpx

    response = httpx.post(f"{base_url}/__control__", json=knobs, timeout=5)
    response.raise_for_status()
    return response.json()
