"""A deliberately misbehaving HTTP server on 127.0.0.1, scripted per test (standard library only).

`HostileServer()` serves in a thread; `script(path, *responders)` queues what the next requests
to `path` get (the last responder repeats); every request is recorded with its headers and body,
and `sent[path]` counts the body bytes the server managed to write. Responders are small
functions of (handler, request): a well-formed or malformed body, an endless or trickling
body, a redirect, an echo of the request, a dropped connection.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "hostile-token-5d1e9c"  # what the scripted token endpoint issues by default
TOKEN_PATH = "/accounts/oauth/access_token"


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    body: bytes


Responder = Callable[["_Handler", Request], None]


class HostileServer:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.sent: Counter[str] = Counter()
        self.stopping = threading.Event()
        self._scripts: dict[str, list[Responder]] = {TOKEN_PATH: [token_reply()]}
        self._lock = threading.Lock()
        self._http = _Server(("127.0.0.1", 0), _Handler)
        self._http.hostile = self
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def script(self, path: str, *responders: Responder) -> None:
        with self._lock:
            self._scripts[path] = list(responders)

    def to(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]

    def _next(self, path: str) -> Responder:
        with self._lock:
            queue = self._scripts.get(path) or [reply(404, b'{"error": "not scripted"}')]
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def close(self) -> None:
        self.stopping.set()
        self._http.shutdown()
        self._http.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    hostile: HostileServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-body is the point of most tests


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        hostile = self.server.hostile
        parts = urlsplit(self.path)
        length = int(self.headers.get("content-length") or 0)
        request = Request(
            self.command, parts.path, parse_qs(parts.query), {k.lower(): v for k, v in self.headers.items()},
            self.rfile.read(length),
        )
        with hostile._lock:
            hostile.requests.append(request)
        try:
            hostile._next(parts.path)(self, request)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def send(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def body(self, path: str, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()
        self.server.hostile.sent[path] += len(data)


def reply(status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None,
          content_type: str = "application/json") -> Responder:
    def respond(handler: _Handler, request: Request) -> None:
        handler.send(status, {"Content-Type": content_type, "Content-Length": str(len(body)), **(headers or {})})
        handler.body(request.path, body)

    return respond


def json_reply(payload: Any, status: int = 200, **options: Any) -> Responder:
    return reply(status, json.dumps(payload).encode(), **options)


def token_reply(token: str = TOKEN) -> Responder:
    return json_reply({"access_token": token, "token_type": "bearer", "expires_in": 7200})


def endless(chunk: bytes = b" " * 65536, limit: int = 256 * 1024 * 1024, content_type: str = "application/json") -> Responder:
    """A body without Content-Length that only ends when the client hangs up (or after `limit`)."""

    def respond(handler: _Handler, request: Request) -> None:
        handler.send(200, {"Content-Type": content_type, "Connection": "close"})
        while handler.server.hostile.sent[request.path] < limit and not handler.server.hostile.stopping.is_set():
            handler.body(request.path, chunk)

    return respond


def trickle(length: int = 1000, interval: float = 0.02, content_type: str = "text/csv") -> Responder:
    """Content-Length `length`, then one byte every `interval` seconds."""

    def respond(handler: _Handler, request: Request) -> None:
        handler.send(200, {"Content-Type": content_type, "Content-Length": str(length)})
        for _ in range(length):
            if handler.server.hostile.stopping.is_set():
                return
            handler.body(request.path, b"x")
            time.sleep(interval)

    return respond


def redirect(location: str, status: int = 307) -> Responder:
    return reply(status, b"", {"Location": location})


def echo(status: int = 500, body_first: bool = False) -> Responder:
    """What some proxies do on errors: send the request back, headers and body included (the
    Authorization header also as a response header, which httpcore logs at DEBUG)."""

    def respond(handler: _Handler, request: Request) -> None:
        parts = ["\n".join(f"{k}: {v}" for k, v in request.headers.items()), request.body.decode("utf-8", "replace")]
        text = "\n\n".join(parts[::-1] if body_first else parts)
        echoed = {"X-Echo-Authorization": request.headers.get("authorization", "-")}
        reply(status, text.encode(), echoed, content_type="text/plain")(handler, request)

    return respond


def drop() -> Responder:
    """Close the connection without answering."""

    def respond(handler: _Handler, request: Request) -> None:
        handler.connection.shutdown(socket.SHUT_RDWR)

    return respond


@contextmanager
def hostile_server() -> Iterator[HostileServer]:
    server = HostileServer()
    try:
        yield server
    finally:
        server.close()
