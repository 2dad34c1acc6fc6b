"""`gio-codegen init`: what it scaffolds, and that it never overwrites anything."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import run_cli

from gio_codegen import __version__
from gio_codegen.load.config import load_config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_scaffolds_a_downstream_repo(tmp_path: Path) -> None:
    repo = tmp_path / "acme-api"
    repo.mkdir()
    result = run_cli("init", cwd=repo)
    assert result.code == 0, result.text
    config = load_config(repo / "pyproject.toml")
    assert (config.schema, config.queries, config.output) == (repo / "schema.graphql", repo / "queries", repo / "generated")
    assert (config.package, config.distribution, config.client_name) == ("acme_api_client", "acme-api-client", "Client")
    assert [p.name for p in (repo / "queries").iterdir()] == [".gitkeep"]
    assert not (repo / "schema.graphql").exists()  # the schema is the user's: init points at it
    assert "gio-codegen introspect" in result.out
    makefile = (repo / "Makefile").read_text()
    for target in ("generate", "check", "watch"):
        assert f"\n{target}:" in makefile and f"\t$(GIO_CODEGEN) {target}\n" in makefile
    workflow = (repo / ".github" / "workflows" / "gio-codegen.yml").read_text()
    assert "gio-codegen check" in workflow and f"gio-codegen=={__version__}" in workflow
    assert (repo / ".gitignore").read_text() == ".gio-codegen/\ndist/\n"


def test_appends_to_an_existing_pyproject_and_gitignore(tmp_path: Path) -> None:
    original = '[project]\nname = "acme"\nversion = "1.0"\n'
    (tmp_path / "pyproject.toml").write_text(original)
    (tmp_path / ".gitignore").write_text("*.pyc\ndist/")
    result = run_cli("init", "--package", "acme_sdk", "--client-name", "Acme", cwd=tmp_path)
    assert result.code == 0, result.text
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(original)
    document = tomllib.loads(text)
    assert document["project"]["name"] == "acme"
    assert document["tool"]["gio-codegen"]["package"] == "acme_sdk"
    assert document["tool"]["gio-codegen"]["async-client-name"] == "AsyncAcme"
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\ndist/\n.gio-codegen/\n"


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text("all:\n\techo mine\n")
    workflow = tmp_path / ".github" / "workflows" / "gio-codegen.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: mine\n")
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 1
    assert "Makefile: error: already exists; refusing to overwrite it" in result.err
    assert ".github/workflows/gio-codegen.yml: error: already exists" in result.err
    assert "Traceback" not in result.err
    assert (tmp_path / "Makefile").read_text() == "all:\n\techo mine\n"
    assert workflow.read_text() == "name: mine\n"
    assert not (tmp_path / "pyproject.toml").exists() and not (tmp_path / "queries").exists()


def test_refuses_a_second_init(tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).code == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    (tmp_path / "Makefile").unlink()
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 1 and "already has a [tool.gio-codegen] section" in result.err
    assert not (tmp_path / "Makefile").exists()
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == {
        p: b for p, b in before.items() if p.name != "Makefile"}


def test_rejects_names_that_are_not_identifiers(tmp_path: Path) -> None:
    result = run_cli("init", "--package", "acme-sdk", cwd=tmp_path)
    assert result.code == 1 and "'acme-sdk' is not a Python identifier" in result.err
    assert list(tmp_path.iterdir()) == []
