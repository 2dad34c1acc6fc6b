"""One dev server for the whole session (real HTTP on a free port), knobs reset before every
test, and a `client` fixture that runs each test once with the blocking client and once with
the asyncio one."""

from __future__ import annotations

import asyncio
import inspect
import sys
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from .helpers import ROOT_DIR, SCHEMA, SECRET, AsyncRewritingTransport, RewritingTransport
from .hostile import HostileServer, hostile_server

for _path in (ROOT_DIR / "generated", ROOT_DIR / "devserver"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from gio_devserver.testing import run_server  # noqa: E402
from growingio_client import AsyncGrowingIO, GrowingIO  # noqa: E402


class Server:
    """The running dev server and its control endpoint."""

    def __init__(self, url: str) -> None:
        self.url = url

    def control(self, **knobs: Any) -> dict:
        response = httpx.post(f"{self.url}/__control__", json=knobs, timeout=5)
        response.raise_for_status()
        return response.json()

    def snapshot(self) -> dict:
        return httpx.get(f"{self.url}/__control__", timeout=5).json()

    def stats(self) -> dict:
        return self.snapshot()["stats"]

    def reset(self) -> None:
        httpx.post(f"{self.url}/__control__/reset", timeout=5).raise_for_status()


class Blocking:
    """Drives an AsyncGrowingIO from synchronous test code on one event loop, so that a
    test body written once exercises both clients. `wrapped` is the real async client."""

    def __init__(self, wrapped: AsyncGrowingIO, loop: asyncio.AbstractEventLoop) -> None:
        self.wrapped = wrapped
        self.loop = loop

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.wrapped, name)
        if not inspect.iscoroutinefunction(attribute):
            return attribute
        return lambda *args, **kwargs: self.loop.run_until_complete(attribute(*args, **kwargs))

    def __repr__(self) -> str:
        return repr(self.wrapped)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with run_server(SCHEMA, client_secret=SECRET) as url:
        yield Server(url)


@pytest.fixture(autouse=True)
def _fresh_knobs(server: Server) -> None:
    server.reset()


@pytest.fixture(params=["sync", "async"])
def make_client(request: pytest.FixtureRequest, server: Server) -> Iterator[Any]:
    """`make_client(**options)`: a GrowingIO, or an AsyncGrowingIO behind `Blocking`.

    Options go to the constructor (default: the server's client secret); `edit=f` rewrites
    every GraphQL response body with `f(payload)` (see helpers.RewritingTransport); `url=`
    points the client at another server (a hostile one); `http={...}` builds the caller-supplied
    httpx client of the right kind with these options (`make.kind` is "sync" or "async").
    """
    is_async = request.param == "async"
    loop = asyncio.new_event_loop() if is_async else None
    made: list[Any] = []

    def make(edit: Any = None, url: str | None = None, http: dict[str, Any] | None = None, **options: Any) -> Any:
        if "token" not in options:
            options.setdefault("client_secret", SECRET)
        if http is not None:
            options["http_client"] = httpx.AsyncClient(**http) if is_async else httpx.Client(**http)
            made.append(options["http_client"])
        if edit is not None:
            transport = AsyncRewritingTransport(edit) if is_async else RewritingTransport(edit)
            http = httpx.AsyncClient(transport=transport) if is_async else httpx.Client(transport=transport)
            made.append(http)
            options["http_client"] = http
        if loop is None:
            client: Any = GrowingIO(url or server.url, **options)
        else:
            client = Blocking(AsyncGrowingIO(url or server.url, **options), loop)
        made.append(client)
        return client

    make.kind = request.param  # type: ignore[attr-defined]
    yield make
    for thing in reversed(made):
        if isinstance(thing, httpx.AsyncClient):
            loop.run_until_complete(thing.aclose())  # type: ignore[union-attr]
        else:
            thing.close()
    if loop is not None:
        loop.close()


@pytest.fixture
def client(make_client: Any) -> Any:
    return make_client()


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    """A scripted, misbehaving HTTP server on 127.0.0.1 (hostile.py), fresh for each test."""
    with hostile_server() as server:
        yield server
