"""tests/bad_inputs/: every case fails with exit 1 at its location, no traceback, output untouched."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import run_cli, tree_bytes

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.json").is_file())


def _project(tmp_path: Path, case: Path | None) -> Path:
    project = tmp_path / "project"
    shutil.copytree(CORPUS / "_base", project)
    (project / "generated").mkdir()
    # A previous output, owned (listed in its manifest), and a canary outside the project.
    (project / "generated/keep.txt").write_text("the previous output\n", encoding="utf-8")
    digest = hashlib.sha256(b"the previous output\n").hexdigest()
    manifest = {"client_version": "0.1.0", "inputs": {}, "files": {"keep.txt": digest}}
    (project / "generated/.gio-codegen.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/canary.txt").write_text("not the project's\n", encoding="utf-8")
    if case is not None:
        spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
        for relative in spec["delete"]:
            (project / relative).unlink()
        for edit in spec.get("edits", []):
            target = project / edit["file"]
            text = target.read_text(encoding="utf-8")
            if "append" in edit:
                text += edit["append"]
            else:
                assert text.count(edit["old"]) == 1, edit
                text = text.replace(edit["old"], edit["new"])
            target.write_text(text, encoding="utf-8")
        for source in sorted(case.rglob("*")):
            if source.is_file() and source.name != "case.json":
                target = project / source.relative_to(case)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
    return project


def test_corpus_has_at_least_40_cases() -> None:
    assert len(CASES) >= 40


def test_base_project_is_valid(tmp_path: Path) -> None:
    result = run_cli("generate", cwd=_project(tmp_path, None))
    assert result.code == 0, result.text


@pytest.mark.parametrize("name", CASES)
def test_bad_input(tmp_path: Path, name: str) -> None:
    case = CORPUS / name
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    project = _project(tmp_path, case)
    before = _everything(tmp_path)
    result = run_cli("generate", cwd=project)
    assert result.code == spec["exit"], result.text
    assert "Traceback" not in result.text
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert any(line.startswith(spec["location"]) and spec["message"] in line for line in errors), result.err
    assert _everything(tmp_path) == before  # the project, its output and what is beside it


def _everything(tmp_path: Path) -> dict[str, bytes]:
    """Every file under tmp_path but gio-codegen's own state directory."""
    return {name: data for name, data in tree_bytes(tmp_path).items() if "/.gio-codegen/" not in f"/{name}"}


def test_huge_schema_is_handled(tmp_path: Path) -> None:
    """A huge schema with one error at the very end: found, located, nothing written.

    5 MB in `make test`; `make fuzz` sets GIO_HUGE_SCHEMA_MB=50 (graphql-core needs minutes for that).
    """
    megabytes = int(os.environ.get("GIO_HUGE_SCHEMA_MB", "5"))
    project = _project(tmp_path, None)
    schema = project / "schema.graphql"
    count = megabytes * 17_000
    filler = "".join(f"type Filler{i} {{\n  a: String\n  b: Int\n  c: [Filler{i}]\n}}\n\n" for i in range(count))
    schema.write_text(schema.read_text(encoding="utf-8") + filler + "type Broken {\n  x: Missing\n}\n", encoding="utf-8")
    assert schema.stat().st_size > megabytes * 1_000_000
    before = tree_bytes(project / "generated")
    result = run_cli("validate", cwd=project)
    assert result.code == 1
    assert "Unknown type 'Missing'" in result.err and "Traceback" not in result.err
    assert tree_bytes(project / "generated") == before
