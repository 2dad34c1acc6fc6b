"""One-shot faults injected in front of the real endpoints, for client resilience tests.

A fault is queued via ``POST /__control__ {"faults": [...]}`` and consumed by the next
``count`` requests whose path matches (any of the three API paths when ``path`` is
omitted). Faults are applied *before* authentication. Kinds:

``status``          answer ``status`` (JSON body; ``Retry-After`` when ``retry_after``)
``delay``           sleep ``seconds``, then handle the request normally
``drop``            close the TCP connection without sending a byte (uvicorn's transport
                    is closed directly; under another ASGI server it falls back to
                    sending the status line and headers, then aborting)
``malformed_json``  200 ``application/json`` with the real body cut in half
``html_200``        200 ``text/html`` proxy-style error page
``truncate``        real response, but only half of the declared Content-Length is sent
                    before the connection is closed
``graphql_error``   200 ``{"data": null, "errors": [...INTERNAL_SERVER_ERROR]}``
``wrong_type``      real JSON response with the first scalar leaf of ``data`` (or the
                    first top-level value) swapped to a wrong JSON type
``expire_token``    401 as for an expired token (clients should re-issue and retry)
"""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

from starlette.responses import HTMLResponse, JSONResponse, Response

API_PATHS = ("/graphql", "/download", "/accounts/oauth/access_token")
KINDS = (
    "status",
    "delay",
    "drop",
    "malformed_json",
    "html_200",
    "truncate",
    "graphql_error",
    "wrong_type",
    "expire_token",
)


def validate_fault(spec: Any) -> dict:
    """Return a normalized fault dict or raise ``ValueError`` with the reason."""
    if not isinstance(spec, dict):
        raise ValueError("a fault must be a JSON object")
    unknown = set(spec) - {"path", "kind", "status", "retry_after", "seconds", "count"}
    if unknown:
        raise ValueError(f"unknown fault keys: {sorted(unknown)}")
    kind, path = spec.get("kind"), spec.get("path")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {list(KINDS)}")
    if path is not None and path not in API_PATHS:
        raise ValueError(f"path must be one of {list(API_PATHS)} or omitted")
    count = spec.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError("count must be a positive integer")
    fault = {"path": path, "kind": kind, "count": count}
    if kind == "status":
        status = spec.get("status")
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise ValueError("status fault needs an HTTP status 100-599")
        fault["status"] = status
        if spec.get("retry_after") is not None:
            fault["retry_after"] = spec["retry_after"]
    if kind == "delay":
        seconds = spec.get("seconds")
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise ValueError("delay fault needs seconds >= 0")
        fault["seconds"] = seconds
    return fault


class FaultQueue:
    """FIFO of pending faults; ``take`` consumes one use of the first match."""

    def __init__(self) -> None:
        self._faults: list[dict] = []
        self._lock = threading.Lock()

    def add(self, fault: dict) -> None:
        with self._lock:
            self._faults.append(dict(fault))

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[dict]:
        with self._lock:
            return [dict(f) for f in self._faults]

    def take(self, path: str) -> dict | None:
        if path not in API_PATHS:
            return None
        with self._lock:
            for fault in self._faults:
                if fault["path"] in (None, path):
                    fault["count"] -= 1
                    if fault["count"] <= 0:
                        self._faults.remove(fault)
                    return dict(fault)
        return None


async def abort_connection(send) -> None:
    """Close the client connection now (see ``drop`` above for the fallback)."""
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is not None and hasattr(cycle, "disconnected"):
        transport.close()
        cycle.disconnected = True  # keeps uvicorn from writing a 500 afterwards
        return
    if not getattr(cycle, "response_started", True):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1")]})
    raise ConnectionAbortedError("devserver fault: connection dropped")


async def _capture(app, scope, receive) -> tuple[int, list, bytes]:
    """Run ``app`` and collect its response (only used for small JSON responses)."""
    status, headers, chunks = 500, [], []

    async def send(message):
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status, headers = message["status"], list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, headers, b"".join(chunks)


def _wrong_type(value: Any) -> Any:
    if isinstance(value, bool):
        return "true"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return 12345
    return "wrong-type"


def _swap_first_leaf(node: Any) -> bool:
    """Replace the first non-null scalar leaf (depth-first) with a wrong JSON type."""
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in list(items):
        if isinstance(value, (dict, list)):
            if _swap_first_leaf(value):
                return True
        elif value is not None:
            node[key] = _wrong_type(value)
            return True
    return False


class FaultMiddleware:
    """Outermost ASGI layer, so ``drop``/``truncate`` get uvicorn's own ``send``."""

    def __init__(self, app, state) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope, receive, send) -> None:
        fault = self.state.faults.take(scope["path"]) if scope["type"] == "http" else None
        if fault is None:
            return await self.app(scope, receive, send)
        self.state.count("faults_applied")
        kind = fault["kind"]
        if kind == "delay":
            await asyncio.sleep(fault["seconds"])
            return await self.app(scope, receive, send)
        if kind == "drop":
            return await abort_connection(send)
        if kind == "truncate":
            return await self._truncate(scope, receive, send)
        response = await self._replacement(fault, scope, receive)
        await response(scope, receive, send)

    async def _replacement(self, fault: dict, scope, receive) -> Response:
        kind = fault["kind"]
        if kind == "status":
            headers = {}
            if "retry_after" in fault:
                headers["Retry-After"] = str(fault["retry_after"])
            return JSONResponse(
                {"error": "injected_fault", "status": fault["status"], "message": "devserver injected this status"},
                status_code=fault["status"],
                headers=headers,
            )
        if kind == "html_200":
            return HTMLResponse(
                "<html><head><title>502 Bad Gateway</title></head><body>"
                "<center><h1>502 Bad Gateway</h1></center><hr>"
                "<center>nginx</center></body></html>"
            )
        if kind == "graphql_error":
            return JSONResponse(
                {
                    "data": None,
                    "errors": [
                        {
                            "message": "Internal server error (devserver injected fault)",
                            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
                        }
                    ],
                }
            )
        if kind == "expire_token":
            from .auth import unauthorized

            return unauthorized("expired", self.state.knobs.token_prefix)
        if scope["path"] == "/download":  # never buffer a (possibly huge) download
            body = b'{"data": {"jobRes'
        else:
            status, headers, body = await _capture(self.app, scope, receive)
        if kind == "malformed_json":
            return Response(body[: max(1, len(body) // 2)], media_type="application/json")
        try:  # wrong_type
            payload = json.loads(body)
        except ValueError:
            return Response(body, status_code=status, media_type="application/json")
        if isinstance(payload, dict) and isinstance(payload.get("data"), (dict, list)):
            _swap_first_leaf(payload["data"])
        elif isinstance(payload, (dict, list)):
            _swap_first_leaf(payload)
        return JSONResponse(payload, status_code=status)

    async def _truncate(self, scope, receive, send) -> None:
        budget: list[int | None] = [None]

        async def cut(message):
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers", []))
                length = headers.get(b"content-length")
                budget[0] = int(length) // 2 if length else None
                return await send(message)
            body = message.get("body", b"")
            if budget[0] is None:
                budget[0] = len(body) // 2
            if len(body) < budget[0]:
                budget[0] -= len(body)
                return await send(message)
            await send({"type": "http.response.body", "body": body[: budget[0]], "more_body": True})
            await abort_connection(send)
            raise _Truncated

        try:
            await self.app(scope, receive, cut)
        except BaseException as exc:  # may arrive wrapped in an ExceptionGroup
            if not _is_truncated(exc):
                raise


def _is_truncated(exc: BaseException) -> bool:
    if isinstance(exc, _Truncated):
        return True
    return isinstance(exc, BaseExceptionGroup) and all(  # noqa: F821 (py3.11+)
        _is_truncated(e) for e in exc.exceptions
    )


class _Truncated(Exception):
    """Stops the wrapped app once the truncated body has been sent."""
