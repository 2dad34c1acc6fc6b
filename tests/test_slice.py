"""Runs on a slice of the schema (load/slice.py) and with remembered validation (validate/memo.py)
give exactly what a full run gives: the same files, the same diagnostics, the same errors.

Every comparison is against the same command with GIO_CODEGEN_NO_SLICE set and no memo.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, tree_bytes

from gio_codegen.load.config import load_config
from gio_codegen.load.schema import NO_SLICE_ENV
from gio_codegen.pipeline import load_and_validate

# Everything a slice must carry over: an unused type, interfaces with implementations, a union,
# inputs and enums, deprecations, a job type whose mutation selects only `id`, descriptions read
# by the client (root fields and their arguments, input fields, scalars), an unmapped scalar,
# an explicit schema definition, a directive, fragments across files.
SCHEMA = '''
schema { query: Root mutation: Change }

"Marks a field as costly."
directive @cost(weight: Weight = LOW) on FIELD_DEFINITION

enum Weight { LOW HIGH }

"When something happened."
scalar Moment

"A scalar nobody maps."
scalar Blob

interface Node { id: ID! }

interface Named implements Node { id: ID! name: String! @deprecated(reason: "use title") title: String }

"An author."
type Author implements Node & Named {
  id: ID!
  name: String! @deprecated(reason: "use title")
  title: String
  "Books they wrote."
  books(first: Int = 10, "Only these genres." genres: [Genre!]): [Book!]! @cost(weight: HIGH)
  born: Moment
}

type Book implements Node & Named {
  id: ID!
  name: String! @deprecated(reason: "use title")
  title: String
  genre: Genre
  author: Author!
  unusedHere: Blob
}

type Magazine implements Node { id: ID! issue: Int! }

union SearchResult = Author | Book | Magazine

enum Genre { FICTION POETRY HISTORY @deprecated(reason: "too broad") }

enum JobStage { QUEUED RUNNING FINISH ERROR }

"A long-running export."
type ExportJob { id: ID! stage: JobStage! uris: [String!] error: String }

"What starting an export hands back: job-like by its `id` and `stage` alone."
type ExportTicket { id: ID! stage: JobStage! }

input BookFilter { "Part of the title." title: String genre: Genre = FICTION, author: AuthorFilter }

input AuthorFilter { name: String }

type NeverUsed { id: ID! weight: Weight }

type Root {
  "Search everything."
  search("The words." text: String!, filter: BookFilter): [SearchResult!]!
  node(id: ID!): Node
  "Look a job up."
  job(id: ID!): ExportJob
  neverCalled: NeverUsed
}

type Change {
  "Start an export."
  exportBooks("What to export." filter: BookFilter): ExportTicket!
}
'''

QUERIES = {
    "search.graphql": """query Search($text: String!, $filter: BookFilter) {
  search(text: $text, filter: $filter) {
    ... on Named { id name }
    ... on Book { genre author { ...AuthorParts } }
    ... on Magazine { issue }
  }
}
""",
    "node.graphql": "query Node($id: ID!) {\n  node(id: $id) { id ... on Author { title } }\n}\n",
    "job.graphql": "query Job($id: ID!) {\n  job(id: $id) { id stage uris }\n}\n",
    "exportBooks.graphql": "mutation ExportBooks($filter: BookFilter) {\n  exportBooks(filter: $filter) { id }\n}\n",
    "fragments.graphql": "fragment AuthorParts on Author {\n  id\n  title\n  books(genres: [POETRY]) { title }\n}\n",
}


def _run(project: Path, *args: str, full: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    env.pop(NO_SLICE_ENV, None)
    if full:
        env[NO_SLICE_ENV] = "1"
        shutil.rmtree(project / ".gio-codegen", ignore_errors=True)  # and nothing remembered
    return subprocess.run(
        [sys.executable, "-m", "gio_codegen", *args], cwd=project, capture_output=True, text=True, env=env, timeout=120
    )


def _write(project: Path, schema: str, queries: dict[str, str]) -> Path:
    (project / "pyproject.toml").write_text(
        '[tool.gio-codegen]\nschema = "schema.graphql"\nqueries = "queries"\noutput = "generated"\n'
        'package = "books_client"\nclient-name = "Books"\nasync-client-name = "AsyncBooks"\ncli-name = "books"\n\n'
        '[tool.gio-codegen.scalars]\nMoment = "datetime"\n',
        encoding="utf-8",
    )
    (project / "schema.graphql").write_text(schema, encoding="utf-8")
    (project / "queries").mkdir(exist_ok=True)
    for name, text in queries.items():
        (project / "queries" / name).write_text(text, encoding="utf-8")
    return project


def _sliced_and_full(project: Path) -> tuple[dict[str, bytes], dict[str, bytes], str, str]:
    """Generate + validate twice: on a slice (after a first run cached the index), then in full."""
    first = _run(project, "generate")
    assert first.returncode == 0, first.stderr
    sliced = _run(project, "generate", "--force")
    assert sliced.returncode == 0, sliced.stderr
    assert load_and_validate(load_config(project / "pyproject.toml"))[0].sliced  # type: ignore[attr-defined]
    sliced_tree = tree_bytes(project / "generated")
    sliced_report = _run(project, "validate", "--format", "json").stdout
    full = _run(project, "generate", "--force", full=True)
    assert full.returncode == 0, full.stderr
    full_report = _run(project, "validate", "--format", "json", full=True).stdout
    return sliced_tree, tree_bytes(project / "generated"), sliced_report, full_report


@pytest.fixture()
def books(tmp_path: Path) -> Path:
    return _write(tmp_path, SCHEMA, QUERIES)


def test_slice_generates_the_same_client_and_diagnostics(books: Path) -> None:
    sliced, full, sliced_report, full_report = _sliced_and_full(books)
    assert sliced == full
    assert sliced_report == full_report
    codes = {d["code"] for d in json.loads(full_report)}
    assert {"NoDeprecated", "RootFieldCoverage", "UnmappedScalar"} <= codes, codes
    # The job flow was recognised from `stage`/`uris`, which the mutation does not select.
    assert b"def export_books" in full["books_client/client.py"]


def test_slice_of_this_project_matches_full_run(tmp_path: Path) -> None:
    project = copy_project(tmp_path, with_generated=False)
    sliced, full, sliced_report, full_report = _sliced_and_full(project)
    assert sliced == full
    assert sliced_report == full_report


def test_slice_holds_only_what_operations_use(books: Path) -> None:
    assert _run(books, "generate").returncode == 0
    config = load_config(books / "pyproject.toml")
    context = load_and_validate(config)[0]
    schema = context.schema  # type: ignore[attr-defined]
    assert context.sliced  # type: ignore[attr-defined]
    assert "NeverUsed" not in schema.type_map
    assert set(schema.type_map["Book"].fields) == {"id", "name", "title", "genre", "author"}  # not unusedHere
    assert "Magazine" in schema.type_map and "issue" in schema.type_map["Magazine"].fields
    # The whole schema is still what schema-wide rules see.
    assert "NeverUsed" in context.schema_facts.type_names  # type: ignore[attr-defined]


def test_errors_are_reported_from_the_full_schema(books: Path) -> None:
    assert _run(books, "generate").returncode == 0
    query = books / "queries" / "node.graphql"
    query.write_text(query.read_text().replace("title", "titel"))
    sliced = _run(books, "generate")
    full = _run(books, "generate", full=True)
    assert sliced.returncode == full.returncode == 1
    assert "Did you mean" in sliced.stderr  # a suggestion only the whole type can make
    assert sliced.stderr.replace(sliced.stderr.splitlines()[-1], "") == full.stderr.replace(full.stderr.splitlines()[-1], "")


def test_schema_with_extensions_is_never_sliced(tmp_path: Path) -> None:
    project = _write(tmp_path, SCHEMA + "\nextend type Root { extra: Int }\n", QUERIES)
    assert _run(project, "generate").returncode == 0
    context = load_and_validate(load_config(project / "pyproject.toml"))[0]
    assert not context.sliced  # type: ignore[attr-defined]


def test_memo_revalidates_a_file_whose_fragment_changed(books: Path) -> None:
    assert _run(books, "generate").returncode == 0
    fragments = books / "queries" / "fragments.graphql"
    # search.graphql is unchanged, but the fragment it spreads can no longer be spread there.
    fragments.write_text(fragments.read_text().replace("on Author", "on Magazine").replace("title\n  books(genres: [POETRY]) { title }", "issue"))
    result = _run(books, "generate")
    assert result.returncode == 1
    assert "queries/search.graphql" in result.stderr and "cannot be spread here" in result.stderr, result.stderr


def test_memo_keeps_warnings_of_unchanged_files(books: Path) -> None:
    assert _run(books, "generate").returncode == 0
    before = json.loads(_run(books, "validate", "--format", "json").stdout)
    (books / "queries" / "node.graphql").write_text(QUERIES["node.graphql"].replace("{ id", "{\n  # edited\n  id", 1))
    after = json.loads(_run(books, "validate", "--format", "json").stdout)
    deprecated = [d for d in after if d["code"] == "NoDeprecated"]
    assert deprecated and deprecated == [d for d in before if d["code"] == "NoDeprecated"]
    assert any((books / ".gio-codegen").glob("validation-*.pickle"))


def test_selecting_one_more_field_reparses_one_definition(books: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gio_codegen.load import cache
    from gio_codegen.load import slice as slicing

    assert _run(books, "generate").returncode == 0
    parsed: list[int] = []
    real_parse = slicing.parse

    def counting_parse(source: object, **options: object) -> object:
        document = real_parse(source, **options)  # type: ignore[arg-type]
        parsed.append(len(document.definitions))
        return document

    monkeypatch.setattr(slicing, "parse", counting_parse)
    config = load_config(books / "pyproject.toml")
    assert load_and_validate(config)[0].sliced  # type: ignore[attr-defined]
    first = sum(parsed)
    assert first > 5, "the first slice parses all its definitions"
    cache.wait_pending()
    query = books / "queries" / "node.graphql"
    query.write_text(query.read_text().replace("{ id ... on Author { title }", "{ id ... on Author { title born }"))
    context = load_and_validate(config)[0]
    assert "born" in context.schema.type_map["Author"].fields  # type: ignore[attr-defined]
    assert parsed[1:] == [1], "only the changed type is parsed again"
