"""Subscriptions (issue 14): async iterators of typed models over `graphql-transport-ws` (and the
legacy `graphql-ws`), against a real ariadne subscription server under uvicorn on 127.0.0.1.

The server checks the `connection_init` payload, streams ticks, and records when a subscription's
source generator is closed: the proof that cancelling or leaving `async with` ended it server-side.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli
from fuzz.project import imported, mypy_strict
from local_asgi import serve

SCHEMA = """\
type Query { ping: String }
type Subscription { tick(count: Int!): Tick!  forever: Tick!  broken: Tick! }
type Tick { n: Int! label: String }
"""
OPERATIONS = {
    "tick": "subscription OnTick($count: Int!) { tick(count: $count) { n label } }\n",
    "forever": "subscription Forever { forever { n } }\n",
    "broken": "subscription Broken { broken { n } }\n",
    "ping": "query Ping { ping }\n",
}
TOKEN = "good-token-value"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("subs")
    (root / "queries").mkdir()
    (root / "pyproject.toml").write_text('[tool.gio-codegen]\npackage = "subs_client"\n', encoding="utf-8")
    (root / "schema.graphql").write_text(SCHEMA, encoding="utf-8")
    for name, text in OPERATIONS.items():
        (root / "queries" / f"{name}.graphql").write_text(text, encoding="utf-8")
    result = run_cli("generate", cwd=root)
    assert result.code == 0, result.text
    return root / "generated"


@pytest.fixture(scope="module")
def server() -> Any:
    from ariadne import QueryType, SubscriptionType, make_executable_schema
    from ariadne.asgi import GraphQL
    from ariadne.asgi.handlers import GraphQLTransportWSHandler, GraphQLWSHandler
    from starlette.applications import Starlette
    from starlette.routing import Route, WebSocketRoute

    events: dict[str, list[Any]] = {"init": [], "closed": []}
    subscription = SubscriptionType()

    @subscription.source("tick")
    async def tick_source(_obj: Any, _info: Any, count: int) -> Any:
        for n in range(count):
            yield {"n": n, "label": f"tick {n}"}

    @subscription.source("forever")
    async def forever_source(_obj: Any, _info: Any) -> Any:
        n = 0
        try:
            while True:
                yield {"n": n}
                n += 1
                await asyncio.sleep(0.02)
        finally:
            events["closed"].append(n)

    @subscription.source("broken")
    async def broken_source(_obj: Any, _info: Any) -> Any:
        yield {"n": 0}
        raise ValueError("the ticker broke")

    for name in ("tick", "forever", "broken"):
        subscription.set_field(name, lambda tick, _info, **_kw: tick)

    def on_connect(_websocket: Any, payload: Any) -> None:
        events["init"].append(payload)
        if payload != {"Authorization": f"Bearer {TOKEN}"}:
            raise ValueError("bad credentials")

    schema = make_executable_schema(SCHEMA, QueryType(), subscription)
    modern = GraphQL(schema, websocket_handler=GraphQLTransportWSHandler(on_connect=on_connect))
    legacy = GraphQL(schema, websocket_handler=GraphQLWSHandler(on_connect=on_connect))
    app = Starlette(routes=[
        Route("/graphql", modern, methods=["POST"]),
        WebSocketRoute("/graphql", modern),
        WebSocketRoute("/legacy/graphql", legacy),
    ])
    with serve(app, ws="websockets-sansio") as url:
        yield url, events


def test_messages_are_typed_models(generated: Path, server: Any) -> None:
    url, events = server

    async def run(package: Any) -> list[Any]:
        async with package.AsyncClient(url, token=TOKEN) as client:
            async with client.on_tick(count=3) as ticks:
                return [tick async for tick in ticks]

    with imported(generated, "subs_client") as package:
        ticks = asyncio.run(run(package))
        model = package.OnTickSubscriptionTick
    assert [(t.n, t.label) for t in ticks] == [(0, "tick 0"), (1, "tick 1"), (2, "tick 2")]
    assert all(isinstance(t, model) for t in ticks)
    assert events["init"][-1] == {"Authorization": f"Bearer {TOKEN}"}


def test_the_legacy_protocol_too(generated: Path, server: Any) -> None:
    url, _events = server

    async def run(package: Any) -> list[int]:
        async with package.AsyncClient(url + "/legacy", token=TOKEN) as client:
            async with client.on_tick(count=2, protocol="graphql-ws") as ticks:
                return [tick.n async for tick in ticks]

    with imported(generated, "subs_client") as package:
        assert asyncio.run(run(package)) == [0, 1]


def _wait_closed(events: dict[str, list[Any]], before: int) -> None:
    deadline = time.monotonic() + 5
    while len(events["closed"]) == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(events["closed"]) == before + 1, "the server's subscription was not ended"


def test_cancelling_the_task_ends_the_subscription(generated: Path, server: Any) -> None:
    url, events = server
    seen: list[int] = []

    async def consume(client: Any) -> None:
        async for tick in client.forever():
            seen.append(tick.n)

    async def run(package: Any) -> None:
        async with package.AsyncClient(url, token=TOKEN) as client:
            task = asyncio.create_task(consume(client))
            while len(seen) < 3:
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    before = len(events["closed"])
    with imported(generated, "subs_client") as package:
        asyncio.run(run(package))
    assert seen[:3] == [0, 1, 2]
    _wait_closed(events, before)


def test_leaving_async_with_ends_the_subscription(generated: Path, server: Any) -> None:
    url, events = server

    async def run(package: Any) -> int:
        async with package.AsyncClient(url, token=TOKEN) as client:
            async with client.forever() as ticks:
                async for tick in ticks:
                    if tick.n == 2:
                        break
            with pytest.raises(StopAsyncIteration):  # closed: no more messages
                await ticks.__anext__()
            return int(tick.n)

    before = len(events["closed"])
    with imported(generated, "subs_client") as package:
        assert asyncio.run(run(package)) == 2
    _wait_closed(events, before)


def test_a_failing_subscription_is_a_graphql_error(generated: Path, server: Any) -> None:
    url, _events = server

    async def run(package: Any) -> list[int]:
        got = []
        async with package.AsyncClient(url, token=TOKEN) as client:
            async with client.broken() as ticks:
                async for tick in ticks:
                    got.append(tick.n)
        return got

    with imported(generated, "subs_client") as package:
        with pytest.raises(package.GraphQLResponseError, match="the ticker broke"):
            asyncio.run(run(package))


def test_rejected_credentials_are_an_error_of_the_client(generated: Path, server: Any) -> None:
    url, events = server

    async def run(package: Any) -> None:
        async with package.AsyncClient(url, token="wrong-token-value") as client:
            async with client.forever() as ticks:
                async for _tick in ticks:
                    raise AssertionError("a rejected connection streamed")

    with imported(generated, "subs_client") as package:
        with pytest.raises(package.AuthError, match="refused the subscription's connection_init") as caught:
            asyncio.run(run(package))
    assert "wrong-token-value" not in str(caught.value)
    assert events["init"][-1] == {"Authorization": "Bearer wrong-token-value"}


def test_only_the_async_client_subscribes_and_it_type_checks(generated: Path) -> None:
    with imported(generated, "subs_client") as package:
        assert hasattr(package.AsyncClient, "on_tick") and not hasattr(package.Client, "on_tick")
    assert '"websockets' in (generated / "pyproject.toml").read_text(encoding="utf-8")
    assert "websockets" not in (ROOT / "generated/pyproject.toml").read_text(encoding="utf-8")  # no subscriptions here
    result = mypy_strict(generated, "subs_client")
    assert result.returncode == 0, result.stdout
