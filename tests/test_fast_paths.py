"""The fast paths (no-op `generate` before click, the cached schema, GC pausing) change no output.

Timings are never asserted here (they live in benchmarks/); these tests prove that a
cached run equals a full one byte for byte, that every kind of change is noticed, and
that concurrent runs cannot corrupt the cache or the output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run_cli, tree_bytes
from graphql import GraphQLSchema, print_schema

from gio_codegen import fastpath
from gio_codegen.load import cache
from gio_codegen.load.config import load_config
from gio_codegen.load.schema import LoadedSchema, load_schema


def _entries(project: Path) -> list[Path]:
    return sorted((project / ".gio-codegen").glob(f"{cache.PREFIX}*{cache.SUFFIX}"))


def _schema_and_text(loaded: LoadedSchema) -> tuple[GraphQLSchema, str]:
    return loaded.schema, loaded.text


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """generated/ from a run with no cache at all (the cache is written by this run)."""
    project = copy_project(tmp_path_factory.mktemp("reference"), with_generated=False)
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    return tree_bytes(project / "generated")


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    """Inputs only; the cache tests below call `load_schema` in-process."""
    return copy_project(tmp_path, with_generated=False)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path, with_generated=False)
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    return project


def test_cached_run_is_byte_identical_to_full_run(project: Path, reference: dict[str, bytes]) -> None:
    assert _entries(project) == [], "a first build is not cached: a one-shot run would never read it"
    assert run_cli("generate", "--force", cwd=project).code == 0
    assert len(_entries(project)) == 1, "the second build of the same schema is cached"
    assert tree_bytes(project / "generated") == reference
    shutil.rmtree(project / "generated")
    result = run_cli("generate", cwd=project)  # schema from the cache
    assert result.code == 0 and "wrote" in result.out, result.text
    assert tree_bytes(project / "generated") == reference
    assert tree_bytes(project / "generated") == tree_bytes(ROOT / "generated")


def test_cached_schema_equals_built_schema(inputs: Path) -> None:
    config = load_config(inputs / "pyproject.toml")
    built, text = _schema_and_text(load_schema(config))
    load_schema(config, inputs / ".gio-codegen")
    load_schema(config, inputs / ".gio-codegen")  # the second build of one schema stores it (load/schema.py)
    assert len(_entries(inputs)) == 1
    cached, cached_text = _schema_and_text(load_schema(config, inputs / ".gio-codegen"))
    assert cached is not built
    assert cached_text == text
    assert print_schema(cached) == print_schema(built)
    # Locations survive, so diagnostics on schema nodes still point at file:line.
    field = cached.query_type.fields["tags"]  # type: ignore[union-attr]
    assert field.ast_node is not None and field.ast_node.loc is not None
    assert field.ast_node.loc.source.name == "schema.graphql"
    assert field.ast_node.loc.source.body == text


def test_schema_change_invalidates_cache(inputs: Path) -> None:
    project = inputs
    config = load_config(project / "pyproject.toml")
    load_schema(config, project / ".gio-codegen")
    load_schema(config, project / ".gio-codegen")  # the second build of one schema stores it (load/schema.py)
    [old_entry] = _entries(project)
    with (project / "schema.graphql").open("a", encoding="utf-8") as handle:
        handle.write('\n"A type only this test adds."\ntype FastPathProbe {\n  id: ID!\n}\n')
    schema = load_schema(config, project / ".gio-codegen").schema
    assert "FastPathProbe" in schema.type_map, "a stale cached schema was returned"
    load_schema(config, project / ".gio-codegen")  # built a second time: stored
    [new_entry] = _entries(project)  # the old entry is replaced, not kept beside it
    assert new_entry != old_entry
    again = load_schema(config, project / ".gio-codegen").schema
    assert "FastPathProbe" in again.type_map


def test_invalid_schema_is_never_cached(inputs: Path) -> None:
    from gio_codegen.errors import UserError

    _edit(inputs / "schema.graphql", "type Query {", "type Query {\n  broken: NoSuchType")
    config = load_config(inputs / "pyproject.toml")
    with pytest.raises(UserError):
        load_schema(config, inputs / ".gio-codegen")
    assert _entries(inputs) == []


def test_corrupt_cache_entry_is_a_miss(inputs: Path) -> None:
    config = load_config(inputs / "pyproject.toml")
    state = inputs / ".gio-codegen"
    expected = print_schema(load_schema(config).schema)
    load_schema(config, state)
    load_schema(config, state)  # the second build of one schema stores it (load/schema.py)
    [entry] = _entries(inputs)
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert print_schema(load_schema(config, state).schema) == expected  # a miss: rebuilt, and stored again
    [rewritten] = _entries(inputs)
    loaded = cache.load(state, rewritten.name[len(cache.PREFIX) : -len(cache.SUFFIX)])
    assert loaded is not None and print_schema(loaded[0]) == expected


def test_schema_cache_key_follows_text_and_name() -> None:
    from gio_codegen.load.schema import schema_key

    config = load_config(ROOT / "pyproject.toml")
    key = schema_key("type Query { a: Int }", "schema.graphql", config)
    assert key == schema_key("type Query { a: Int }", "schema.graphql", config)
    assert key != schema_key("type Query { a: Int }", "other/schema.graphql", config)
    assert key != schema_key("type Query { b: Int }", "schema.graphql", config)


CHANGES = [
    ("schema", lambda p: _edit(p / "schema.graphql", '"任务状态"', '"任务的状态"')),
    ("query", lambda p: _edit(p / "queries/tags.graphql", "...Tag", "...Tag\n    id")),
    ("query comment", lambda p: _edit(p / "queries/tags.graphql", "...Tag", "# note\n    ...Tag")),
    ("new query file", lambda p: (p / "queries/extra.graphql").write_text(
        "query Extra {\n  projects {\n    id\n  }\n}\n", encoding="utf-8")),
    ("removed query file", lambda p: (p / "queries/projects.graphql").rename(p / "projects.graphql.off")),
    ("config", lambda p: _edit(p / "pyproject.toml", 'prefix = "Token"', 'prefix = "Bearer"')),
    ("config elsewhere in pyproject", lambda p: _edit(p / "pyproject.toml", "[tool.pytest.ini_options]",
                                                     "[tool.other]\nx = 1\n\n[tool.pytest.ini_options]")),
    ("generated file edited", lambda p: _edit(p / "generated/growingio_client/client.py", "class", "class  ")),
    ("generated file removed", lambda p: (p / "generated/growingio_client/enums.py").unlink()),
    ("generated file added", lambda p: (p / "generated/growingio_client/extra.py").write_text("", encoding="utf-8")),
    ("manifest digest edited", lambda p: _edit(p / "generated/.gio-codegen.json", '"growingio_client/client.py": "',
                                               '"growingio_client/client.py": "0')),
    ("state lost", lambda p: (p / ".gio-codegen/last-generate").unlink()),
]


def test_fast_path_notices_every_change(project: Path) -> None:
    config_file = str(project / "pyproject.toml")
    noop = run_cli("generate", cwd=project)
    assert noop.code == 0 and "up to date" in noop.out, noop.text
    for name, change in CHANGES:
        assert fastpath.is_noop(config_file) == "generated", f"before {name}: an unchanged project is a no-op"
        change(project)
        assert fastpath.is_noop(config_file) is None, name
        result = run_cli("generate", cwd=project)
        assert result.code == 0, (name, result.text)
        if name == "config elsewhere in pyproject":
            # Not an input: the normal path re-checks, finds nothing to do and re-stamps.
            assert "up to date" in result.out, result.text
        else:
            assert "up to date" not in result.out, (name, result.text)
        if name == "generated file added":
            # Not the generator's: kept and reported (issue 12), so the user removes it.
            assert "extra.py was not written by gio-codegen; kept" in result.err, result.text
            (project / "generated/growingio_client/extra.py").unlink()
    assert fastpath.is_noop(config_file) == "generated"
    check = run_cli("check", "--no-diff", cwd=project)
    assert check.code == 0, check.text


def test_toolchain_covers_code_templates_and_tool_versions() -> None:
    """Every .py and .jinja file under gio_codegen/, by relative path and content (a plain
    pathlib walk as the reference), the tool versions importlib.metadata reports, Python's."""
    import hashlib
    from importlib.metadata import version

    from gio_codegen import __version__, fingerprint

    versions = fingerprint.tool_versions()
    assert versions == {name: version(name) for name in ("graphql_core", "ariadne_codegen", "ruff")}
    root = ROOT / "generator" / "gio_codegen"
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0{versions}".encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".jinja") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    assert fingerprint.toolchain() == digest.hexdigest()


def test_fast_path_is_used_only_for_a_bare_generate(project: Path) -> None:
    # `generate --force` and other verbs go through click; the fast path never answers them.
    forced = run_cli("generate", "--force", cwd=project)
    assert forced.code == 0 and "wrote" in forced.out, forced.text
    probe = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gio_codegen", "generate"],
        cwd=project, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "generator"), "PATH": ""},
    )
    assert probe.returncode == 0 and "up to date" in probe.stdout, probe.stderr[-2000:]
    assert "| click" not in probe.stderr and "| graphql" not in probe.stderr, "the no-op path imported click/graphql"


def test_concurrent_generate_runs_are_safe(project: Path, reference: dict[str, bytes]) -> None:
    shutil.rmtree(project / "generated")
    shutil.rmtree(project / ".gio-codegen")
    results = []

    def run() -> None:
        results.append(run_cli("generate", "--force", cwd=project))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.code == 0 for r in results), [r.text for r in results]
    assert tree_bytes(project / "generated") == reference
    [entry] = _entries(project)
    key = entry.name[len(cache.PREFIX) : -len(cache.SUFFIX)]
    assert cache.load(project / ".gio-codegen", key) is not None
    assert not list((project / ".gio-codegen").glob("*.tmp"))


def test_concurrent_cache_writers_leave_a_whole_entry(tmp_path: Path) -> None:
    from graphql import build_schema

    schema = build_schema("type Query { a: Int b: [String!] }")
    writers = [threading.Thread(target=cache.store, args=(tmp_path, "k" * 32, (schema, "text"))) for _ in range(4)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    loaded = cache.load(tmp_path, "k" * 32)
    assert loaded is not None and print_schema(loaded[0]) == print_schema(schema)
    assert [p.name for p in tmp_path.iterdir()] == [f"{cache.PREFIX}{'k' * 32}{cache.SUFFIX}"]


def test_format_memo_reformats_only_new_files(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-render whose files were all formatted before needs no ruff at all, and gives the same bytes;
    a file never seen before goes to ruff alone."""
    from gio_codegen.generate.tree import RenderInputs, render_tree
    from gio_codegen.generate import format as formatting
    from gio_codegen.pipeline import load_and_validate, read_manifest

    state = project / ".gio-codegen"
    assert any(state.glob("format-*.pickle")), "the first run remembers formatted files"
    context, _ = load_and_validate(load_config(project / "pyproject.toml"))
    manifest = read_manifest(project / "generated")
    assert manifest is not None
    expected = {k: v for k, v in tree_bytes(project / "generated").items() if k != ".gio-codegen.json"}
    # This process renders once with ruff (ariadne-codegen's raw import order can follow the hash
    # seed, so another process's raw text may differ), then again: everything is remembered.
    for name in ("first", "second"):
        tree = project / name
        tree.mkdir()
        render_tree(RenderInputs(context, manifest.client_version, state), tree)
        assert tree_bytes(tree) == expected
        if name == "first":
            ruff_runs: list[list[str]] = []
            monkeypatch.setattr(formatting, "_run_ruff", lambda _ruff, paths: ruff_runs.append(sorted(p.name for p in paths)))
    assert ruff_runs == []
    alone = project / "alone"
    alone.mkdir()
    (alone / "brand_new.py").write_text("import os\nx=1\n", encoding="utf-8")
    formatting.format_tree(alone, state)
    assert ruff_runs == [["brand_new.py"]]


def _imports_of_generate(project: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    process = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "gio_codegen", "generate"], cwd=project, capture_output=True, text=True,
        env=env, timeout=120,
    )
    assert process.returncode == 0, process.stderr
    return process.stderr


def test_models_memo_skips_ariadne_for_comment_edits_only(project: Path) -> None:
    """Models depend on operations as parsed: a comment edit reuses them without importing
    ariadne-codegen (or pydantic);
    a selection change runs the engine again."""
    _edit(project / "queries/tags.graphql", "...Tag", "# a comment the models never see\n    ...Tag")
    assert "ariadne_codegen" not in _imports_of_generate(project)
    documents = (project / "generated/growingio_client/operations.py").read_text(encoding="utf-8")
    assert "a comment the models never see" in documents
    remembered = tree_bytes(project / "generated")
    for entry in (project / ".gio-codegen").glob("models-*.pickle"):
        entry.unlink()
    assert run_cli("generate", "--force", cwd=project).code == 0
    assert tree_bytes(project / "generated") == remembered, "remembered models equal freshly generated ones"
    before = {entry.name for entry in (project / ".gio-codegen").glob("models-*.pickle")}
    _edit(project / "queries/tags.graphql", "...Tag", "...Tag\n    tagAlias: name")
    # The engine runs again: new models under a new key.
    assert run_cli("generate", cwd=project).code == 0
    assert {entry.name for entry in (project / ".gio-codegen").glob("models-*.pickle")} - before
    assert "tag_alias" in (project / "generated/growingio_client/tags_query.py").read_text(encoding="utf-8")


def test_model_shape_ignores_layout_but_not_meaning() -> None:
    from graphql import parse

    from gio_codegen.generate.models import _shape

    def shape(text: str) -> list[str]:
        return _shape(parse(text).definitions[0])

    base = shape("query Q($a: Int) { x(a: $a) { y } }")
    assert shape("query Q($a: Int) {\n  # note\n  x(a: $a) {\n    y\n  }\n}") == base
    assert shape("query Q($a: Int) { x(a: $a) { z: y } }") != base
    assert shape("query Q($a: Int) { x(a: 1) { y } }") != base
    assert shape("query Q($a: Int!) { x(a: $a) { y } }") != base
