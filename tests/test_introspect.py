"""`gio-codegen introspect` against the dev server: the SDL round-trips to schema.graphql."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from graphql import GraphQLNamedType, build_schema, find_breaking_changes, find_dangerous_changes

from conftest import ROOT, run_cli

SCHEMA = ROOT / "schema.graphql"


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, str]]:
    from gio_devserver.testing import run_server

    with run_server(SCHEMA) as url:
        form = {"grant_type": "client_credentials", "client_id": "api", "client_secret": "dev-secret", "scope": "system"}
        token = httpx.post(f"{url}/accounts/oauth/access_token", data=form).json()["access_token"]
        yield url, token


def described(named: GraphQLNamedType) -> dict[str, str | None]:
    out = {named.name: named.description}
    for key, item in (getattr(named, "fields", None) or getattr(named, "values", None) or {}).items():
        out[f"{named.name}.{key}"] = item.description
        for arg_name, arg in (getattr(item, "args", None) or {}).items():
            out[f"{named.name}.{key}({arg_name}:)"] = arg.description
    return out


def test_introspected_schema_is_equivalent(server: tuple[str, str], tmp_path: Path) -> None:
    url, token = server
    output = tmp_path / "out" / "schema.graphql"
    result = run_cli("introspect", f"{url}/graphql", "-o", str(output), "--header", f"Authorization: Token {token}",
                     cwd=tmp_path)
    assert result.code == 0, result.text
    original, fetched = build_schema(SCHEMA.read_text()), build_schema(output.read_text())
    for a, b in ((original, fetched), (fetched, original)):
        assert find_breaking_changes(a, b) == [] and find_dangerous_changes(a, b) == []
    names = sorted(n for n in original.type_map if not n.startswith("__"))
    assert sorted(n for n in fetched.type_map if not n.startswith("__")) == names
    for name in names:
        assert described(fetched.type_map[name]) == described(original.type_map[name]), name
    assert fetched.type_map["DateTime"].specified_by_url == original.type_map["DateTime"].specified_by_url
    types = [line.split()[1] for line in output.read_text().splitlines() if line.startswith(("type ", "enum "))]
    assert types == sorted(types)
    # Nothing left over from the atomic write; the diff verb agrees: no change at all.
    assert [p.name for p in output.parent.iterdir()] == ["schema.graphql"]


def test_token_from_environment_and_stdout(server: tuple[str, str], tmp_path: Path) -> None:
    url, token = server
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator"), "GIO_TOKEN": token}
    process = subprocess.run([sys.executable, "-m", "gio_codegen", "introspect", f"{url}/graphql"],
                             capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert process.returncode == 0, process.stderr
    assert "scalar HashId" in process.stdout
    # GrowingIO's dev server: `Authorization: Token …` (the default is Bearer).
    (tmp_path / "pyproject.toml").write_text(
        '[tool.gio-codegen]\nschema = "schema.graphql"\n\n[tool.gio-codegen.auth]\ntype = "header"\nprefix = "Token"\n'
    )
    (tmp_path / "queries").mkdir()
    diff = subprocess.run([sys.executable, "-m", "gio_codegen", "diff", str(SCHEMA), f"{url}/graphql", "--format", "json"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert diff.returncode == 0, diff.stderr
    assert json.loads(diff.stdout)["bump"] == "none"


def test_missing_token_is_a_diagnostic(server: tuple[str, str], tmp_path: Path) -> None:
    url, _ = server
    env_free = {k: v for k, v in os.environ.items() if k != "GIO_TOKEN"}
    process = subprocess.run([sys.executable, "-m", "gio_codegen", "introspect", f"{url}/graphql"],
                             capture_output=True, text=True, cwd=tmp_path, timeout=120,
                             env={**env_free, "PYTHONPATH": str(ROOT / "generator")})
    assert process.returncode == 1 and "HTTP 401" in process.stderr and "Traceback" not in process.stderr
