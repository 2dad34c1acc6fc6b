"""generate/check through the real CLI: determinism, no-op runs, atomic writes, drift detection."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, copy_project, run_cli, tree_bytes


def test_committed_output_is_current() -> None:
    result = run_cli("check", cwd=ROOT)
    assert result.code == 0, result.text
    assert "up to date" in result.out


def test_generate_from_scratch_matches_committed_output_and_is_deterministic(tmp_path: Path) -> None:
    project = copy_project(tmp_path, with_generated=False)
    first = run_cli("generate", cwd=project)
    assert first.code == 0, first.text
    once = tree_bytes(project / "generated")
    assert once == tree_bytes(ROOT / "generated")
    second = run_cli("generate", "--force", cwd=project)
    assert second.code == 0, second.text
    assert tree_bytes(project / "generated") == once
    assert b"20" not in once[".gio-codegen.json"].split(b'"inputs"')[0], "manifest must hold no timestamp"


def test_noop_generate_touches_nothing(project: Path) -> None:
    client = project / "generated/growingio_client/client.py"
    before = client.stat()
    first = run_cli("generate", cwd=project)  # a fresh checkout: renders, finds nothing changed
    assert first.code == 0 and "0 changed" in first.out, first.text
    second = run_cli("generate", cwd=project)
    assert second.code == 0, second.text
    assert "up to date" in second.out
    after = client.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_any_input_change_triggers_regeneration(project: Path) -> None:
    assert run_cli("generate", cwd=project).code == 0
    for path, old, new in [
        ("queries/tags.graphql", "...Tag", "...Tag\n    id"),
        ("schema.graphql", '"任务状态"', '"任务的状态"'),
        ("pyproject.toml", 'prefix = "Token"', 'prefix = "Bearer"'),
    ]:
        target = project / path
        target.write_text(target.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        result = run_cli("generate", cwd=project)
        assert result.code == 0 and "up to date" not in result.out, (path, result.text)


def test_regeneration_rewrites_only_changed_files(project: Path) -> None:
    tags = project / "queries/tags.graphql"
    tags.write_text(tags.read_text(encoding="utf-8").replace("...Tag", "# a comment\n    ...Tag"), encoding="utf-8")
    untouched = project / "generated/growingio_client/enums.py"
    before = untouched.stat()
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    assert "unchanged" in result.out
    after = untouched.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "# a comment" in (project / "generated/growingio_client/operations.py").read_text(encoding="utf-8")


def test_check_detects_each_kind_of_drift(project: Path) -> None:
    assert run_cli("check", cwd=project).code == 0

    schema = project / "schema.graphql"
    original_schema = schema.read_text(encoding="utf-8")
    schema.write_text(original_schema.replace('"任务状态"', '"任务的状态"', 1), encoding="utf-8")
    stale = run_cli("check", cwd=project)
    assert stale.code == 1 and "stale" in stale.out, stale.text
    schema.write_text(original_schema, encoding="utf-8")

    query = project / "queries/projects.graphql"
    original_query = query.read_text(encoding="utf-8")
    query.write_text(original_query.replace("projects {", "projects {\n    id", 1), encoding="utf-8")
    assert run_cli("check", cwd=project).code == 1
    query.write_text(original_query, encoding="utf-8")

    generated = project / "generated/growingio_client/client.py"
    original_generated = generated.read_bytes()
    generated.write_bytes(original_generated + b"# edited by hand\n")
    edited = run_cli("check", cwd=project)
    assert edited.code == 1 and "growingio_client/client.py" in edited.out
    assert "-# edited by hand" in edited.out, "a unified diff is shown"
    generated.write_bytes(original_generated)

    (project / "generated/growingio_client/extra.py").write_text("x = 1\n", encoding="utf-8")
    leftover = run_cli("check", "--format", "json", cwd=project)
    assert leftover.code == 1 and "generated/growingio_client/extra.py" in leftover.out
    (project / "generated/growingio_client/extra.py").unlink()

    (project / "generated/growingio_client/fragments.py").unlink()
    assert "missing" in run_cli("check", cwd=project).out
    assert run_cli("generate", cwd=project).code == 0
    assert run_cli("check", cwd=project).code == 0


def test_generate_removes_files_no_longer_produced(project: Path) -> None:
    (project / "queries/frequencyAnalyses.graphql").unlink()
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    assert "1 removed" in result.out
    assert not (project / "generated/growingio_client/frequency_analyses_query.py").exists()
    assert "RootFieldCoverage" in result.err


def test_hand_edit_of_generated_file_is_repaired_by_generate(project: Path) -> None:
    client = project / "generated/growingio_client/client.py"
    pristine = client.read_bytes()
    client.write_bytes(b"broken")
    result = run_cli("generate", cwd=project)
    assert result.code == 0 and "up to date" not in result.out
    assert client.read_bytes() == pristine


def test_orphaned_render_trees_are_removed_by_the_next_generate(project: Path) -> None:
    orphan = project / ".generated.gio-codegen-new-killed"
    orphan.mkdir()
    (orphan / "half.py").write_text("x = ", encoding="utf-8")
    result = run_cli("generate", "--force", cwd=project)
    assert result.code == 0, result.text
    assert not orphan.exists()
    assert run_cli("check", cwd=project).code == 0
    assert not list(project.glob(".generated.gio-codegen-*"))
