"""gio-codegen as another repo uses it: installed from a wheel built from this repo (no access to
its files), `init` → a schema with interfaces, unions, inputs, lists of lists, enums, deprecations,
an unmapped custom scalar and operations named in odd case → `generate` → the package imports,
passes `mypy --strict`, and talks to an ariadne server for that schema with a token.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from ariadne import InterfaceType, MutationType, ObjectType, QueryType, UnionType, make_executable_schema
from ariadne.asgi import GraphQL
from conftest import ROOT
from graphql import GraphQLEnumType

TOKEN = "downstream-token"

SCHEMA = '''\
"""A small catalogue API exercising the schema features the generator must handle."""
schema {
  query: Query
  mutation: Mutation
}

"Opaque cursor; deliberately without a mapping in [tool.gio-codegen.scalars]."
scalar Cursor

interface Node {
  id: ID!
}

interface Named {
  name: String!
}

enum Genre {
  FICTION
  SCIENCE
  HISTORY @deprecated(reason: "Use SCIENCE.")
}

type Author implements Node & Named {
  id: ID!
  name: String!
  books: [Book!]!
}

type Book implements Node & Named {
  id: ID!
  name: String!
  genre: Genre!
  "One row per year, one column per month."
  ratingGrid: [[Int!]!]!
  isbn: String @deprecated(reason: "Use `ids`.")
  ids: [String!]
  author: Author!
}

union SearchResult = Author | Book

input PageInput {
  first: Int = 10
  after: Cursor
}

input BookFilter {
  genres: [Genre!]
  nameContains: String
  page: PageInput
  matrix: [[Float!]]
}

input NewBook {
  name: String!
  genre: Genre!
  authorId: ID!
  tags: [String!] = []
}

type BookPage {
  items: [Book!]!
  next: Cursor
}

type Query {
  node(id: ID!): Node
  search(text: String!): [SearchResult!]!
  books(filter: BookFilter): BookPage!
  oldBooks: [Book!]! @deprecated(reason: "Use books.")
}

type Mutation {
  addBook(input: NewBook!): Book!
}
'''

QUERIES = {
    "node.graphql": """\
query NODE($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on Author { name }
    ... on Book { name genre ratingGrid }
  }
}
""",
    "search.graphql": """\
query search($text: String!) {
  search(text: $text) {
    __typename
    ... on Author { id name }
    ... on Book { id name genre author { name } }
  }
}
""",
    "books.graphql": """\
query bOOKS($filter: BookFilter) {
  books(filter: $filter) {
    items { ...BookFields }
    next
  }
}
""",
    "fragments.graphql": """\
fragment BookFields on Book {
  id
  name
  genre
  ratingGrid
  isbn
}
""",
    "add_book.graphql": """\
mutation ADD_BOOK($input: NewBook!) {
  addBook(input: $input) { id name genre }
}
""",
}

CLIENT_SCRIPT = """\
import json, sys
from acme_api_client import AuthError, BookFilter, Client, Genre, NewBook, PageInput

url = sys.argv[1]
with Client(url, token=sys.argv[2]) as client:
    node = client.node(id="b1")
    author = client.node(id="a1")
    hits = client.search(text="s")
    page = client.b_ooks(filter=BookFilter(genres=[Genre.SCIENCE], page=PageInput(first=1, after="c0"),
                                          matrix=[[1.0, 2.0], [3.0]]))
    added = client.add_book(input=NewBook(name="New", genre=Genre.FICTION, author_id="a1", tags=["x"]))
try:
    with Client(url, token="wrong") as client:
        client.node(id="b1")
    denied = "no"
except AuthError:
    denied = "AuthError"
print(json.dumps({
    "node": [type(node).__name__, node.id, getattr(node, "rating_grid", None), str(getattr(node, "genre", ""))],
    "author": [type(author).__name__, author.name],
    "search": [[type(h).__name__, h.name] for h in hits],
    "page": [[b.name, b.rating_grid, b.isbn] for b in page.items] + [page.next],
    "added": [added.id, added.name, str(added.genre)],
    "denied": denied,
}))
"""

BOOKS = {
    "b1": {"id": "b1", "name": "Cosmos", "genre": "SCIENCE", "ratingGrid": [[5, 4], [3]], "isbn": "978-0", "authorId": "a1"},
    "b2": {"id": "b2", "name": "Dune", "genre": "FICTION", "ratingGrid": [], "isbn": None, "authorId": "a2"},
}
AUTHORS = {"a1": {"id": "a1", "name": "Sagan"}, "a2": {"id": "a2", "name": "Herbert"}}
SEEN: dict[str, Any] = {}


def _kind(obj: dict[str, Any], *_: Any) -> str:
    return "Book" if "genre" in obj else "Author"


def ariadne_app() -> Any:
    query, mutation = QueryType(), MutationType()

    @query.field("node")
    def node(*_: Any, id: str) -> Any:
        return BOOKS.get(id) or AUTHORS.get(id)

    @query.field("search")
    def search(*_: Any, text: str) -> Any:
        return [item for item in [*AUTHORS.values(), *BOOKS.values()] if text in item["name"].lower()]

    @query.field("books")
    def books(*_: Any, filter: dict[str, Any] | None = None) -> Any:
        SEEN["filter"] = filter
        genres = (filter or {}).get("genres") or ["SCIENCE", "FICTION"]
        first = ((filter or {}).get("page") or {}).get("first", 10)
        return {"items": [b for b in BOOKS.values() if b["genre"] in genres][:first], "next": {"after": "b1"}}

    @mutation.field("addBook")
    def add_book(*_: Any, input: dict[str, Any]) -> Any:
        SEEN["input"] = input
        return {"id": "b3", "name": input["name"], "genre": input["genre"], "ratingGrid": [], "authorId": input["authorId"]}

    book = ObjectType("Book")
    book.set_field("author", lambda obj, *_: AUTHORS[obj["authorId"]])
    schema = make_executable_schema(
        SCHEMA, query, mutation, book, InterfaceType("Node", _kind), InterfaceType("Named", _kind),
        UnionType("SearchResult", _kind),
    )
    for type_ in schema.type_map.values():
        # ariadne 1.1 wraps enum parse_value with a one-argument function, but graphql-core 3.2.14
        # passes two: enum variables would fail on the server. Our enums have no defaults to repair.
        if isinstance(type_, GraphQLEnumType) and "parse_value" in vars(type_):
            del type_.parse_value
    graphql = GraphQL(schema)

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        headers = dict(scope.get("headers") or [])
        if scope["type"] == "http" and headers.get(b"authorization") != f"Bearer {TOKEN}".encode():
            await send({"type": "http.response.start", "status": 401, "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": b'{"error": "invalid token"}'})
            return
        await graphql(scope, receive, send)

    return app


@pytest.fixture
def server() -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(ariadne_app(), log_level="warning", lifespan="off", http="h11")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "ariadne app did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        uv.should_exit = True
        thread.join(timeout=5)
        sock.close()


@pytest.fixture
def installed(tmp_path: Path) -> Path:
    """A venv with gio-codegen installed from a wheel of this repo; its dependencies are borrowed
    from the dev venv's site-packages (plain path, so the editable install there is not seen)."""
    dist = tmp_path / "wheel"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=120)
    (wheel,) = dist.glob("gio_codegen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "gio_codegen/generate/templates/package/client.py.jinja" in names
    assert "gio_codegen/init_templates/Makefile.jinja" in names
    assert not [n for n in names if n.endswith(".graphql") or "__pycache__" in n]  # the schema is not the tool's
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "dev-venv-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, timeout=120)
    return venv


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def test_init_generate_typecheck_and_call(tmp_path: Path, installed: Path, server: str) -> None:
    repo = tmp_path / "acme-api"
    repo.mkdir()
    gio = str(installed / "bin" / "gio-codegen")
    env = clean_env()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([gio, *args], cwd=repo, capture_output=True, text=True, env=env, timeout=120)

    where = subprocess.run([str(installed / "bin" / "python"), "-c", "import gio_codegen; print(gio_codegen.__file__)"],
                           cwd=repo, capture_output=True, text=True, env=env, check=True)
    assert where.stdout.startswith(str(installed)), where.stdout

    init = run("init")
    assert init.returncode == 0, init.stderr
    (repo / "schema.graphql").write_text(SCHEMA, encoding="utf-8")
    for name, text in QUERIES.items():
        (repo / "queries" / name).write_text(text, encoding="utf-8")

    generated = run("generate")
    assert generated.returncode == 0, generated.stderr
    assert "custom scalar 'Cursor' has no mapping" in generated.stderr and "typed as 'json'" in generated.stderr
    assert "Book.isbn is deprecated" in generated.stderr
    package = repo / "generated" / "acme_api_client"
    assert (package / "py.typed").exists()
    assert run("check", "--no-diff").returncode == 0

    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "mypy-cache"), "acme_api_client"],
        cwd=repo / "generated", capture_output=True, text=True, env=env, timeout=300,
    )
    assert mypy.returncode == 0, mypy.stdout

    call = subprocess.run([sys.executable, "-c", CLIENT_SCRIPT, server, TOKEN], capture_output=True, text=True,
                          env={**env, "PYTHONPATH": str(repo / "generated")}, timeout=60)
    assert call.returncode == 0, call.stderr
    result = json.loads(call.stdout)
    assert result["node"][1:] == ["b1", [[5, 4], [3]], "Genre.SCIENCE"] and result["node"][0].endswith("Book")
    assert result["author"][0].endswith("Author") and result["author"][1] == "Sagan"
    assert [name for _kind, name in result["search"]] == ["Sagan", "Cosmos"]
    assert result["page"] == [["Cosmos", [[5, 4], [3]], "978-0"], {"after": "b1"}]
    assert result["added"] == ["b3", "New", "Genre.FICTION"]
    assert result["denied"] == "AuthError"
    assert SEEN["filter"] == {"genres": ["SCIENCE"], "page": {"first": 1, "after": "c0"}, "matrix": [[1.0, 2.0], [3.0]]}
    assert SEEN["input"] == {"name": "New", "genre": "FICTION", "authorId": "a1", "tags": ["x"]}
