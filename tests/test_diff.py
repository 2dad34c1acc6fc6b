"""`gio-codegen diff` through the real CLI, on schema pairs built by tests/diff_scenarios.py.

Each run renders both clients (the Python-API verdict); pure structural tests of every change
kind are in tests/diff/.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import copy_project, run_cli
from diff_scenarios import write_cases

CASES = write_cases(Path(tempfile.mkdtemp(prefix="gio-diff-cases-")))
atexit.register(shutil.rmtree, CASES, True)
CRITICALITIES = {"breaking", "dangerous", "safe"}
STATUSES = {"broken", "affected", "unaffected"}
BUMPS = {"major", "minor", "patch", "none"}


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
    assert set(data) == {"old", "new", "changes", "operations", "schema_bump", "why", "api", "bump"}
    assert data["bump"] in BUMPS and data["schema_bump"] in BUMPS
    for change in data["changes"]:
        assert {"kind", "coordinate", "criticality", "old", "new", "reason", "message"} <= set(change)
        assert change["criticality"] in CRITICALITIES and change["coordinate"] and change["reason"]
        assert change.get("deprecated_removal", True) is True
    for operation in data["operations"]:
        assert {"file", "name", "status", "reasons"} <= set(operation)
        assert operation["status"] in STATUSES and isinstance(operation["reasons"], list)
    return data


def statuses(data: dict) -> dict[str, str]:
    return {o["name"]: o["status"] for o in data["operations"]}


def changes(data: dict) -> set[tuple[str, str, str]]:
    return {(c["criticality"], c["kind"], c["coordinate"]) for c in data["changes"]}


def test_field_removed_breaks_the_operation_that_selects_it(project: Path) -> None:
    code, data = diff(project, case("base"), case("field_removed"))
    assert code == 1
    assert changes(data) == {("breaking", "FIELD_REMOVED", "Tag.businessType")}
    assert data["changes"][0]["old"] == "String" and data["changes"][0]["new"] is None
    assert data["changes"][0]["location"]["file"].endswith("field_removed.graphql")  # at the type in NEW
    assert "deprecated_removal" not in data["changes"][0]
    assert statuses(data)["Tags"] == "broken"
    assert any("businessType" in r for r in next(o for o in data["operations"] if o["name"] == "Tags")["reasons"])
    assert statuses(data)["Projects"] == "unaffected"
    assert data["bump"] == "major" and data["schema_bump"] == "major"
    # The broken operation cannot be rendered for NEW: the clients are compared without it.
    assert data["api"]["compared"] and "11 of 12 operation files" in data["api"]["note"]


def test_removing_a_deprecated_field_is_still_breaking_but_marked(project: Path) -> None:
    _, data = diff(project, case("field_deprecated"), case("field_removed"), "--schema-only")
    (change,) = data["changes"]
    assert change["criticality"] == "breaking" and change["deprecated_removal"] is True


def test_deprecation_added_is_safe(project: Path) -> None:
    code, data = diff(project, case("base"), case("field_deprecated"), "--schema-only")
    assert code == 0
    assert changes(data) == {("safe", "FIELD_DEPRECATION_ADDED", "Tag.businessType")}
    assert data["bump"] == "patch" and data["api"]["compared"] is False


def test_required_argument_on_a_used_root_field(project: Path) -> None:
    code, data = diff(project, case("base"), case("required_arg"), "--schema-only")
    assert code == 1
    assert changes(data) == {("breaking", "FIELD_ARGUMENT_ADDED", "Query.tags(limit:)")}
    assert statuses(data)["Tags"] == "broken" and data["bump"] == "major"


def test_optional_argument_is_minor(project: Path) -> None:
    code, data = diff(project, case("base"), case("optional_arg"), "--schema-only")
    assert code == 0
    assert changes(data) == {("dangerous", "FIELD_ARGUMENT_ADDED", "Query.tags(limit:)")}
    assert statuses(data)["Tags"] == "affected" and data["bump"] == "minor"


def test_enum_value_added_affects_operations_selecting_the_enum(project: Path) -> None:
    code, data = diff(project, case("base"), case("enum_value"))
    assert code == 0
    assert changes(data) == {("dangerous", "ENUM_VALUE_ADDED", "JobStage.PAUSED")}
    assert statuses(data)["JobResult"] == "affected"
    assert statuses(data)["Tags"] == "unaffected"
    assert data["bump"] == "minor"
    assert data["api"]["bump"] == "minor" and data["api"]["added"] == ["growingio_client.enums.JobStage.PAUSED"]


def test_new_root_field_is_safe_and_minor(project: Path) -> None:
    _, data = diff(project, case("base"), case("root_field"), "--schema-only")
    assert changes(data) == {("safe", "FIELD_ADDED", "Query.ping")}
    assert set(statuses(data).values()) == {"unaffected"}
    assert data["bump"] == "minor"


def test_description_change_is_patch(project: Path) -> None:
    _, data = diff(project, case("base"), case("description"), "--schema-only")
    assert changes(data) == {("safe", "FIELD_DESCRIPTION_CHANGED", "Query.tags")}
    assert data["bump"] == "patch"


def test_identical_schemas(project: Path) -> None:
    code, data = diff(project, case("base"), case("base"))
    assert (code, data["changes"], data["bump"], data["api"]["bump"]) == (0, [], "none", "none")
    assert set(statuses(data).values()) == {"unaffected"}


@pytest.mark.parametrize(
    ("new", "fail_on", "code"),
    [
        ("field_removed", "broken", 1), ("field_removed", "breaking", 1),
        ("enum_value", "broken", 0), ("enum_value", "breaking", 0), ("enum_value", "dangerous", 1),
        ("enum_value", "affected", 1), ("root_field", "dangerous", 0), ("root_field", "affected", 0),
        ("root_field", "client", 1), ("description", "affected", 1), ("base", "affected", 0), ("base", "client", 0),
    ],
)
def test_fail_on(project: Path, new: str, fail_on: str, code: int) -> None:
    assert diff(project, case("base"), case(new), "--fail-on", fail_on, "--schema-only")[0] == code


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_text_and_markdown(project: Path, fmt: str) -> None:
    result = run_cli("--config", str(project / "pyproject.toml"), "diff", case("base"), case("field_removed"),
                     "--format", fmt, "--schema-only", cwd=project)
    assert result.code == 1
    assert "Tag.businessType" in result.out and "major" in result.out and "Traceback" not in result.text


def test_ci_formats(project: Path) -> None:
    """junit: a case per operation and per change, failing exactly as the exit status; sarif at the
    schema line; github annotations."""
    args = ["--config", str(project / "pyproject.toml"), "diff", case("base"), case("field_removed"), "--schema-only"]
    junit = run_cli(*args, "--format", "junit", cwd=project)
    suites = ET.fromstring(junit.out)
    cases = {s.get("name"): s.findall("testcase") for s in suites}
    assert len(cases["operations"]) == 12 and len(cases["changes"]) == 1 and len(cases["client"]) == 1
    failed = [c.get("name") for s in suites for c in s.findall("testcase") if c.find("failure") is not None]
    assert junit.code == 1 and failed == ["Tags"]
    sarif = json.loads(run_cli(*args, "--format", "sarif", cwd=project).out)
    assert sarif["version"] == "2.1.0"
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "FIELD_REMOVED"]
    region = result["locations"][0]["physicalLocation"]
    text = (CASES / "field_removed.graphql").read_text(encoding="utf-8").splitlines()
    assert text[region["region"]["startLine"] - 1].startswith("type Tag")
    broken = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "OPERATION_BROKEN"]
    # Tags is broken by the fragment it spreads: the annotation is at the fragment's selection.
    assert broken[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "queries/fragments.graphql"
    github = run_cli(*args, "--format", "github", cwd=project)
    assert github.code == 1
    assert any(line.startswith("::error file=") and "FIELD_REMOVED" in line for line in github.out.splitlines())
    assert any(line.startswith("::error file=queries/tags.graphql,line=1,") for line in github.out.splitlines())


def test_policy_ignore_severity_and_deprecated_removal(project: Path, tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text((project / "pyproject.toml").read_text(encoding="utf-8") + """
[tool.gio-codegen.diff]
deprecated-removal = "dangerous"
ignore = [{ kind = "ENUM_VALUE_ADDED", coordinate = "JobStage", reason = "clients keep unknown values" }]

[tool.gio-codegen.diff.severity]
FIELD_DESCRIPTION_CHANGED = "dangerous"
""", encoding="utf-8")
    shutil.copytree(project / "queries", tmp_path / "queries")

    def run(old: str, new: str, *args: str) -> tuple[int, dict]:
        result = run_cli("--config", str(config), "diff", case(old), case(new), "--format", "json", "--schema-only",
                         *args, cwd=tmp_path)
        return result.code, check_shape(json.loads(result.out))

    code, data = run("base", "enum_value", "--fail-on", "dangerous")
    assert code == 0 and data["changes"][0]["ignored"] == "clients keep unknown values"
    assert set(statuses(data).values()) == {"unaffected"} and data["bump"] == "patch"
    _, data = run("base", "description")
    assert data["changes"][0]["criticality"] == "dangerous" and data["bump"] == "minor" and data["changes"][0]["policy"]
    code, data = run("field_deprecated", "field_removed", "--fail-on", "breaking")
    assert data["changes"][0]["criticality"] == "dangerous" and statuses(data)["Tags"] == "broken" and code == 1
    config.write_text(config.read_text(encoding="utf-8").replace(', reason = "clients keep unknown values"', ""),
                      encoding="utf-8")
    bad = run_cli("--config", str(config), "diff", case("base"), case("enum_value"), cwd=tmp_path)
    assert bad.code == 1 and "needs a reason" in bad.err and "pyproject.toml:" in bad.err and "Traceback" not in bad.text


def test_check_against_is_schema_against(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    result = run_cli("check", "--against", str(CASES / "enum_value.graphql"), "--format", "github", cwd=project)
    assert result.code == 1, result.text  # --fail-on client: a new enum value changes the client
    lines = result.out.splitlines()
    assert lines[0].startswith("generated/ is up to date")
    assert any(line.startswith("::warning file=") and "ENUM_VALUE_ADDED" in line for line in lines)
    assert lines[-1].startswith("::notice title=gio-codegen diff::bump: minor")


def test_queries_option_and_bad_source(project: Path, tmp_path: Path) -> None:
    queries = tmp_path / "q"
    queries.mkdir()
    for name in ("projects.graphql", "fragments.graphql"):
        shutil.copy(project / "queries" / name, queries)
    _, data = diff(project, case("base"), case("field_removed"), "--queries", str(queries))
    assert [o["name"] for o in data["operations"]] == ["Projects"] and data["bump"] == "patch"
    assert data["api"]["files"] == ["growingio_client/schema.graphql"]
    result = run_cli("--config", str(project / "pyproject.toml"), "diff", case("base"), "nope.graphql", cwd=project)
    assert result.code == 1 and "file not found" in result.err and "Traceback" not in result.text


def test_git_ref_source_and_against(project: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    shutil.copy(CASES / "base.graphql", repo / "schema.graphql")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "schema.graphql"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=repo, check=True)
    shutil.copy(CASES / "field_removed.graphql", repo / "schema.graphql")
    result = run_cli("--config", str(project / "pyproject.toml"), "diff", "git:HEAD:schema.graphql", "schema.graphql",
                     "--queries", str(project / "queries"), "--format", "json", "--schema-only", cwd=repo)
    data = check_shape(json.loads(result.out))
    assert result.code == 1 and data["old"] == "git:HEAD:schema.graphql" and statuses(data)["Tags"] == "broken"
    assert data["changes"][0]["location"]["file"] == "schema.graphql"
    bad = run_cli("--config", str(project / "pyproject.toml"), "diff", "git:nope:schema.graphql", "schema.graphql",
                  cwd=repo)
    assert bad.code == 1 and "git show failed" in bad.text and "Traceback" not in bad.text
    # --against: OLD from the option, NEW the configured schema (the project's, unchanged: no changes).
    same = run_cli("diff", "--against", str(CASES / "base.graphql"), "--format", "json", "--schema-only", cwd=project)
    assert same.code == 0 and json.loads(same.out)["bump"] == "none" and json.loads(same.out)["new"] == "schema.graphql"
    both = run_cli("diff", "a", "b", "--against", "c", cwd=project)
    assert both.code == 1 and "not both" in both.err


def test_url_source_with_client_credentials_from_the_config(project: Path) -> None:
    """`--against URL`: no token given; one is obtained with $GIO_CLIENT_SECRET at the config's token-path."""
    from gio_devserver.testing import run_server

    env_before = dict(os.environ)
    with run_server(project / "schema.graphql") as url:
        os.environ.pop("GIO_TOKEN", None)
        os.environ["GIO_CLIENT_SECRET"] = "dev-secret"
        try:
            result = run_cli("diff", "--against", f"{url}/graphql", "--format", "json", cwd=project)
            wrong = os.environ["GIO_CLIENT_SECRET"] = "wrong"
            denied = run_cli("diff", "--against", f"{url}/graphql", cwd=project)
        finally:
            os.environ.clear()
            os.environ.update(env_before)
    assert result.code == 0, result.text
    data = check_shape(json.loads(result.out))
    assert data["changes"] == [] and data["bump"] == "none", data["api"]
    assert denied.code == 1 and "token request" in denied.err and wrong not in denied.text
