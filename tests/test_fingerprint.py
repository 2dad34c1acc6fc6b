"""The one fingerprint (generator/gio_codegen/fingerprint.py) covers every config key.

Each key of `[tool.gio-codegen]` is changed in a real project, and the test proves that the
change invalidates the no-op path and every cache keyed by configuration (the validated
schema, and through it the models memo). The format memo is content-addressed — a pure
function of the file text ruff is given, which already reflects any config change — so it
is not keyed by configuration; that is the documented exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from gio_codegen import fastpath
from gio_codegen.load import config as config_module

BASE = Path(__file__).parent / "bad_inputs" / "_base"

# key → (line in the base pyproject.toml, or None to add it, new line). Every key must be here.
CHANGES = {
    "schema": ('schema = "schema.graphql"', 'schema = "api.graphql"'),
    "queries": ('queries = "queries"', 'queries = "operations"'),
    "output": ('output = "generated"', 'output = "client"'),
    "package": ('package = "mini_client"', 'package = "mini_client2"'),
    "distribution": (None, 'distribution = "mini-client-dist"'),
    "client-name": ('client-name = "Mini"', 'client-name = "Mini2"'),
    "async-client-name": ('async-client-name = "AsyncMini"', 'async-client-name = "AsyncMini2"'),
    "cli-name": (None, 'cli-name = "mini"'),
    "title": (None, 'title = "the Mini API"'),
    "auth": (None, 'auth = { type = "header", name = "X-Api-Key" }'),
    "download-path": (None, 'download-path = "/files"'),
    "version": (None, 'version = "2.0.0"'),
    "diff": (None, 'diff = { deprecated-removal = "dangerous" }'),
    "rules": ('OneOperationPerFile = "error"', 'OneOperationPerFile = "warning"'),
    "scalars": ('HashId = { type = "str", pattern = "[A-Za-z0-9]{8}" }', 'HashId = { type = "str", pattern = "[A-Za-z0-9]{9}" }'),
}


def test_every_config_key_is_covered() -> None:
    keys = set(config_module._STRING_KEYS) | config_module._TABLE_KEYS  # noqa: SLF001
    assert keys == set(CHANGES), "a new config key needs a row here (and must reach the fingerprint)"


def _entries(project: Path, kind: str) -> set[str]:
    return {p.name for p in (project / ".gio-codegen").glob(f"{kind}-*.pickle")}


@pytest.mark.parametrize("key", sorted(CHANGES))
def test_a_config_change_invalidates_the_no_op_path_and_the_caches(tmp_path: Path, key: str) -> None:
    import shutil

    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    assert run_cli("generate", cwd=project).code == 0
    assert fastpath.is_noop(str(project / "pyproject.toml")) == "generated"
    assert run_cli("generate", "--force", cwd=project).code == 0  # a second build stores the schema
    schema_entries, model_entries = _entries(project, "schema"), _entries(project, "models")
    assert schema_entries and model_entries
    old, new = CHANGES[key]
    config = project / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(old, new) if old else text.replace("[tool.gio-codegen]\n", f"[tool.gio-codegen]\n{new}\n")
    config.write_text(text, encoding="utf-8")
    if key == "schema":
        (project / "schema.graphql").rename(project / "api.graphql")
    if key == "queries":
        (project / "queries").rename(project / "operations")

    assert fastpath.is_noop(str(config)) is None, f"{key}: the no-op path still answers"
    result = run_cli("generate", cwd=project)
    assert result.code == 0 and "wrote" in result.out, (key, result.text)
    # The changed config's schema key was recorded as built once (load/cache.seen_before), under a new key.
    seen = (project / ".gio-codegen/schema-seen").read_text(encoding="ascii").strip()
    assert f"schema-{seen}.pickle" not in schema_entries, f"{key}: the schema cache entry was reused"
    assert not _entries(project, "models") & model_entries, f"{key}: the models memo entry was reused"


def test_a_changed_scalar_pattern_is_applied_to_literals_at_once(tmp_path: Path) -> None:
    """The stale verdict of issue 13: after HashId's pattern changes, a literal that no longer
    matches is an error in `validate` and `generate`, with nothing deleted from .gio-codegen/."""
    import shutil

    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    tags = project / "queries/tags.graphql"
    text = tags.read_text(encoding="utf-8")
    assert "$projectId: HashId!" in text
    (project / "queries/fixed.graphql").write_text(
        text.replace("query Tags($projectId: HashId!)", "query Fixed").replace("$projectId", '"WlGk4Daj"'),
        encoding="utf-8",
    )
    assert run_cli("validate", cwd=project).code == 0
    assert run_cli("generate", cwd=project).code == 0
    config = project / "pyproject.toml"
    config.write_text(config.read_text().replace('pattern = "[A-Za-z0-9]{8}"', 'pattern = "[0-9]{8}"'))
    for verb in ("validate", "generate"):
        result = run_cli(verb, cwd=project)
        assert result.code == 1, (verb, result.text)
        assert "queries/fixed.graphql:" in result.err and "HashId" in result.err, result.err
