"""Valid GraphQL never crashes the generator and yields models that hold the response (issue 14).

Each shape once crashed ariadne-codegen or produced models failing `mypy --strict` or dropping
fields; generate/normalize.py rewrites them per the spec's field merging. The generated client
is type-checked, then calls a real GraphQL server on 127.0.0.1 and the test reads every field
the operation selected from the parsed models.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from fuzz.project import imported

SCHEMA = """\
type Query { hero(id: ID): Character  search(text: String): [SearchResult!]!  viewer: Human }
interface Character { id: ID! name: String friends: [Character!]! }
interface Named { name: String }
type Human implements Character & Named { id: ID! name: String height: Float friends: [Character!]! pet: Pet }
type Droid implements Character { id: ID! name: String primaryFunction: String friends: [Character!]! }
type Pet { name: String age: Int }
union SearchResult = Human | Droid
"""
SHAPES = {
    "root_spread": "query RootSpread { ...RootFields }\nfragment RootFields on Query { viewer { name } }",
    "union_in_interface": "query UnionInInterface { hero { id ... on SearchResult { ... on Human { height } } } }",
    "no_type_condition": "query NoTypeCondition($x: Boolean!) { hero { id ... @include(if: $x) { name } } }",
    "same_field_twice": "query SameFieldTwice { viewer { name } viewer { id } }",
    # An interface fragment inside another interface's selection (once a bad-input case: ariadne-codegen
    # 0.19 raised ParsingError): distributed over the concrete types both cover.
    "interface_in_interface": "query InterfaceInInterface { hero { id ... on Named { name } } }",
    "fragment_overlap": "query FragmentOverlap { viewer { pet { name } ...HumanPet } }\nfragment HumanPet on Human { pet { age } }",
}
LUKE = {"__typename": "Human", "id": "1", "name": "Luke", "height": 1.72, "friends": [], "pet": {"name": "Rex", "age": 3}}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shapes")
    (root / "queries").mkdir()
    (root / "pyproject.toml").write_text('[tool.gio-codegen]\npackage = "shapes_client"\n', encoding="utf-8")
    (root / "schema.graphql").write_text(SCHEMA, encoding="utf-8")
    for name, text in SHAPES.items():
        (root / "queries" / f"{name}.graphql").write_text(text + "\n", encoding="utf-8")
    result = run_cli("generate", cwd=root)
    assert result.code == 0 and "Traceback" not in result.text, result.text
    return root / "generated"


def test_the_models_pass_mypy_strict(generated: Path) -> None:
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "shapes_client"], cwd=generated,
                          capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout


@pytest.fixture(scope="module")
def server() -> Any:
    import socket
    import threading
    import time

    import uvicorn
    from ariadne.asgi import GraphQL
    from graphql import build_schema

    schema = build_schema(SCHEMA)
    schema.query_type.fields["hero"].resolve = lambda *_a, **_k: LUKE  # type: ignore[union-attr]
    schema.query_type.fields["viewer"].resolve = lambda *_a, **_k: LUKE  # type: ignore[union-attr]
    schema.query_type.fields["search"].resolve = lambda *_a, **_k: [LUKE]  # type: ignore[union-attr]
    for abstract in ("Character", "SearchResult", "Named"):
        schema.get_type(abstract).resolve_type = lambda obj, *_: obj["__typename"]  # type: ignore[union-attr]
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(GraphQL(schema), log_level="warning", lifespan="off", http="h11"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=5)


def test_every_shape_parses_a_real_response_with_every_field(generated: Path, server: str) -> None:
    with imported(generated, "shapes_client") as package:
        with package.Client(server, token="unused") as client:
            assert client.root_spread().name == "Luke"
            hero = client.union_in_interface()
            assert hero.id == "1" and hero.height == 1.72
            assert client.no_type_condition(x=True).name == "Luke"
            assert client.no_type_condition(x=False).name is None  # skipped by the server: absent, not an error
            twice = client.same_field_twice()
            assert (twice.name, twice.id) == ("Luke", "1")
            assert client.interface_in_interface().name == "Luke"
            pet = client.fragment_overlap().pet
            assert (pet.name, pet.age) == ("Rex", 3)


def test_input_defaults_are_typed_or_left_to_the_server(tmp_path: Path) -> None:
    """A default ariadne-codegen cannot copy as a typed value (a custom scalar's literal, `[Int] = [1, 2]`)
    is left out of the request, so the server applies it; other defaults stay in the model."""
    (tmp_path / "queries").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gio-codegen]\npackage = "defaults_client"\n[tool.gio-codegen.scalars]\nDate = "date"\n', encoding="utf-8")
    (tmp_path / "schema.graphql").write_text(
        'scalar Date\nenum Color { A B }\ninput I { d: Date = "1984-06-21"  xs: [Int] = [1, 2]  es: [Color!] = [A]  n: Int = 3 }\n'
        "type Query { f(i: I): Int }\n", encoding="utf-8")
    (tmp_path / "queries/f.graphql").write_text("query F($i: I) { f(i: $i) }\n", encoding="utf-8")
    assert run_cli("generate", cwd=tmp_path).code == 0
    generated = tmp_path / "generated"
    with imported(generated, "defaults_client") as package:
        value = package.I()
        assert (value.d, value.xs, value.es, value.n) == (None, None, [package.Color.A], 3)
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "defaults_client"], cwd=generated,
                          capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout
