"""Throwaway projects generated in-process, imported, and served by an echoing GraphQL server.

Shared by tests/fuzz/, tests/test_name_safety.py and tests/test_text_safety.py.
"""

from __future__ import annotations

import importlib
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def write_project(root: Path, schema: str, queries: dict[str, str], *, package: str, scalars: str = "") -> Path:
    """pyproject.toml + schema.graphql + queries/<name>.graphql under `root` (bytes exactly as given)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        "[tool.gio-codegen]\n"
        'schema = "schema.graphql"\nqueries = "queries"\noutput = "generated"\n'
        f'package = "{package}"\nclient-name = "Client"\nasync-client-name = "AsyncClient"\n'
        + (f"\n[tool.gio-codegen.scalars]\n{scalars}" if scalars else ""),
        encoding="utf-8",
    )
    (root / "schema.graphql").write_bytes(schema.encode("utf-8"))
    (root / "queries").mkdir(exist_ok=True)
    for name, text in queries.items():
        (root / "queries" / f"{name}.graphql").write_bytes(text.encode("utf-8"))
    return root


def generate(root: Path, into: str = "generated") -> Path:
    """load → validate → render into root/<into>, in this process (no swap, no manifest),
    with the project's `.gio-codegen/` caches (the second run reads what the first stored)."""
    from gio_codegen.generate.tree import RenderInputs, render_tree
    from gio_codegen.pipeline import load_and_validate, read_inputs, state_dir

    inputs = read_inputs(root / "pyproject.toml")
    context, _warnings = load_and_validate(inputs.config)
    dest = root / into
    dest.mkdir()
    render_tree(RenderInputs(context, "0.1.0", state_dir(inputs.config)), dest)
    return dest


@contextmanager
def imported(generated: Path, package: str) -> Iterator[ModuleType]:
    """Import the generated package; forget it afterwards (each example uses its own name)."""
    sys.path.insert(0, str(generated))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(generated))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def compile_all(generated: Path) -> None:
    for path in sorted(generated.rglob("*.py")):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


def mypy_strict(generated: Path, package: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(generated.parent / ".mypy"), package],
        cwd=generated, capture_output=True, text=True, timeout=300,
    )


@contextmanager
def echo_server(schema: str, resolvers: dict[str, Any] | None = None) -> Iterator[str]:
    """An ariadne app on 127.0.0.1 whose every root field returns the request exactly as received.

    Each root field resolves to `{"query": <the query string received>, "variables": <the
    variables object as JSON>, "args": <the field's arguments as JSON>}` merged with
    `resolvers[field](**args)` when given.
    """
    import uvicorn
    from ariadne.asgi import GraphQL
    from graphql import build_schema

    def make_resolver(field: str) -> Any:
        def resolve(_obj: object, info: Any, **args: Any) -> dict[str, Any]:
            body = info.context["body"]
            echoed = {
                "query": body["query"],
                "variables": json.dumps(body.get("variables"), ensure_ascii=False, sort_keys=True),
                "args": json.dumps(args, ensure_ascii=False, sort_keys=True, default=str),
            }
            if resolvers and field in resolvers:
                echoed.update(resolvers[field](**args))
            return echoed

        return resolve

    # Built by graphql-core, resolvers set directly: ariadne 1.1's make_executable_schema patches
    # enum parse_value in a way graphql-core 3.2.14 rejects for enums inside input objects.
    executable = build_schema(schema)
    for name, field_ in executable.query_type.fields.items():  # type: ignore[union-attr]
        field_.resolve = make_resolver(name)
    app = GraphQL(executable, context_value=lambda request, data: {"request": request, "body": data}, debug=False)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", http="h11"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("echo server failed to start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()
