"""`gio-codegen diff` through the real CLI, on schema pairs built by tests/diff_scenarios.py."""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import copy_project, run_cli
from diff_scenarios import write_cases

CASES = write_cases(Path(tempfile.mkdtemp(prefix="gio-diff-cases-")))
atexit.register(shutil.rmtree, CASES, True)
LEVELS = {"breaking", "dangerous", "safe"}
STATUSES = {"broken", "affected", "unaffected"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("diff"), with_generated=False)


def diff(project: Path, old: str, new: str, *args: str) -> tuple[int, dict]:
    result = run_cli("--config", str(project / "pyproject.toml"), "diff", old, new, "--format", "json", *args, cwd=project)
    assert result.out, result.err
    return result.code, check_shape(json.loads(result.out))


def case(name: str) -> str:
    return str(CASES / f"{name}.graphql")


def check_shape(data: dict) -> dict:
    assert set(data) == {"old", "new", "changes", "operations", "bump"}
    assert data["bump"] in {"major", "minor", "patch", "none"}
    for change in data["changes"]:
        assert set(change) - {"deprecated_removal"} == {"level", "type", "coordinate", "message"}
        assert change["level"] in LEVELS and all(isinstance(change[k], str) for k in ("type", "coordinate", "message"))
        assert change.get("deprecated_removal", True) is True
    for operation in data["operations"]:
        assert set(operation) == {"file", "name", "status", "reasons"}
        assert operation["status"] in STATUSES and isinstance(operation["reasons"], list)
    return data


def statuses(data: dict) -> dict[str, str]:
    return {o["name"]: o["status"] for o in data["operations"]}


def changes(data: dict) -> set[tuple[str, str, str]]:
    return {(c["level"], c["type"], c["coordinate"]) for c in data["changes"]}


def test_field_removed_breaks_the_operation_that_selects_it(project: Path) -> None:
    code, data = diff(project, case("base"), case("field_removed"))
    assert code == 1
    assert changes(data) == {("breaking", "FIELD_REMOVED", "Tag.businessType")}
    assert "deprecated_removal" not in data["changes"][0]
    assert statuses(data)["Tags"] == "broken"
    assert any("businessType" in r for r in next(o for o in data["operations"] if o["name"] == "Tags")["reasons"])
    assert statuses(data)["Projects"] == "unaffected"
    assert data["bump"] == "major"


def test_removing_a_deprecated_field_is_still_breaking_but_marked(project: Path) -> None:
    _, data = diff(project, case("field_deprecated"), case("field_removed"))
    (change,) = data["changes"]
    assert change["level"] == "breaking" and change["deprecated_removal"] is True


def test_deprecation_added_is_safe(project: Path) -> None:
    code, data = diff(project, case("base"), case("field_deprecated"))
    assert code == 0
    assert changes(data) == {("safe", "DEPRECATION_ADDED", "Tag.businessType")}


def test_required_argument_on_a_used_root_field(project: Path) -> None:
    code, data = diff(project, case("base"), case("required_arg"))
    assert code == 1
    assert changes(data) == {("breaking", "REQUIRED_ARG_ADDED", "Query.tags(limit:)")}
    assert statuses(data)["Tags"] == "broken" and data["bump"] == "major"


def test_optional_argument_is_minor(project: Path) -> None:
    code, data = diff(project, case("base"), case("optional_arg"))
    assert code == 0
    assert changes(data) == {("dangerous", "OPTIONAL_ARG_ADDED", "Query.tags(limit:)")}
    assert statuses(data)["Tags"] == "affected" and data["bump"] == "minor"


def test_enum_value_added_affects_operations_selecting_the_enum(project: Path) -> None:
    code, data = diff(project, case("base"), case("enum_value"))
    assert code == 0
    assert changes(data) == {("dangerous", "VALUE_ADDED_TO_ENUM", "JobStage.PAUSED")}
    assert statuses(data)["JobResult"] == "affected"
    assert statuses(data)["Tags"] == "unaffected"
    assert data["bump"] == "minor"


def test_new_root_field_is_safe_and_minor(project: Path) -> None:
    _, data = diff(project, case("base"), case("root_field"))
    assert changes(data) == {("safe", "FIELD_ADDED", "Query.ping")}
    assert set(statuses(data).values()) == {"unaffected"}
    assert data["bump"] == "minor"


def test_description_change_is_patch(project: Path) -> None:
    _, data = diff(project, case("base"), case("description"))
    assert changes(data) == {("safe", "DESCRIPTION_CHANGED", "Query.tags")}
    assert data["bump"] == "patch"


def test_identical_schemas(project: Path) -> None:
    code, data = diff(project, case("base"), case("base"))
    assert (code, data["changes"], data["bump"]) == (0, [], "none")
    assert set(statuses(data).values()) == {"unaffected"}


@pytest.mark.parametrize(
    ("new", "fail_on", "code"),
    [
        ("field_removed", "broken", 1), ("field_removed", "breaking", 1),
        ("enum_value", "broken", 0), ("enum_value", "breaking", 0), ("enum_value", "dangerous", 1),
        ("enum_value", "affected", 1), ("root_field", "dangerous", 0), ("root_field", "affected", 0),
        ("description", "affected", 1), ("base", "affected", 0),
    ],
)
def test_fail_on(project: Path, new: str, fail_on: str, code: int) -> None:
    assert diff(project, case("base"), case(new), "--fail-on", fail_on)[0] == code


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_and_markdown(project: Path, fmt: str) -> None:
    result = run_cli("--config", str(project / "pyproject.toml"), "diff", case("base"), case("field_removed"),
                     "--format", fmt, cwd=project)
    assert result.code == 1
    assert "Tag.businessType" in result.out and "major" in result.out and "Traceback" not in result.text


def test_queries_option_and_bad_source(project: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q"
    queries.mkdir()
    for name in ("projects.graphql", "fragments.graphql"):
        shutil.copy(project / "queries" / name, queries)
    _, data = diff(project, case("base"), case("field_removed"), "--queries", str(queries))
    assert [o["name"] for o in data["operations"]] == ["Projects"] and data["bump"] == "patch"
    result = run_cli("--config", str(project / "pyproject.toml"), "diff", case("base"), "nope.graphql", cwd=project)
    assert result.code == 1 and "file not found" in result.err and "Traceback" not in result.text


def test_git_ref_source(project: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    shutil.copy(CASES / "base.graphql", repo / "schema.graphql")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "schema.graphql"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    shutil.copy(CASES / "field_removed.graphql", repo / "schema.graphql")
    result = run_cli("--config", str(project / "pyproject.toml"), "diff", "git:HEAD:schema.graphql", "schema.graphql",
                     "--queries", str(project / "queries"), "--format", "json", cwd=repo)
    data = check_shape(json.loads(result.out))
    assert result.code == 1 and data["old"] == "git:HEAD:schema.graphql" and statuses(data)["Tags"] == "broken"
    bad = run_cli("--config", str(project / "pyproject.toml"), "diff", "git:nope:schema.graphql", "schema.graphql",
                  cwd=repo)
    assert bad.code == 1 and "git show failed" in bad.text and "Traceback" not in bad.text


