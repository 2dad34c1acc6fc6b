"""The bump follows the generated client: a handful of scenarios rendered for both schemas
(in-process), each one a case the old diff under-reported (issue 15)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from gio_codegen.commands.diff import compute_diff
from gio_codegen.diff.judge import DiffResult
from gio_codegen.load.config import load_config

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from diff_scenarios import CASES  # noqa: E402


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("verdicts")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(ROOT / "queries", root / "queries")
    for name, text in CASES.items():
        (root / f"{name}.graphql").write_text(text, encoding="utf-8")
    return root


def run(project: Path, old: str, new: str) -> DiffResult:
    return compute_diff(load_config(project / "pyproject.toml"), str(project / f"{old}.graphql"),
                        str(project / f"{new}.graphql"))


def kinds(result: DiffResult) -> set[tuple[str, str, str]]:
    return {(c.kind, c.coordinate, c.criticality) for c in result.changes}


def test_output_field_becoming_non_null_is_a_patch(project: Path) -> None:
    result = run(project, "base", "output_nonnull")
    assert kinds(result) == {("FIELD_TYPE_CHANGED", "Tag.businessType", "safe")}
    assert result.api is not None and "growingio_client.fragments.Tag.business_type" in result.api.changed
    assert "growingio_client/fragments.py" in result.api.files
    assert (result.schema_bump, result.api.level, result.bump) == ("patch", "patch", "patch")


def test_input_field_becoming_nullable_rewrites_input_types_and_bumps(project: Path) -> None:
    result = run(project, "base", "input_nullable")
    assert kinds(result) == {("INPUT_FIELD_TYPE_CHANGED", "AnalysisExportJobParam.analysisType", "safe")}
    assert result.api is not None and "growingio_client/input_types.py" in result.api.files
    assert (result.schema_bump, result.api.level, result.bump) == ("patch", "patch", "patch")


def test_input_field_default_added_is_minor(project: Path) -> None:
    result = run(project, "base", "input_default")
    assert kinds(result) == {("INPUT_FIELD_DEFAULT_VALUE_CHANGED", "AnalysisExportJobParam.analysisType", "dangerous")}
    assert {o.name: o.status for o in result.operations}["SubmitAnalysisExportJob"] == "affected"
    assert result.api is not None and (result.schema_bump, result.api.level, result.bump) == ("minor", "patch", "minor")


def test_deprecation_reason_change_is_reported(project: Path) -> None:
    result = run(project, "field_deprecated", "deprecation_reason")
    assert kinds(result) == {("FIELD_DEPRECATION_REASON_CHANGED", "Tag.businessType", "safe")}
    assert result.api is not None and (result.schema_bump, result.api.level, result.bump) == ("patch", "patch", "patch")


def test_new_root_type_is_minor(project: Path) -> None:
    result = run(project, "base", "root_type")
    assert ("SCHEMA_SUBSCRIPTION_TYPE_CHANGED", "schema.subscription", "safe") in kinds(result)
    assert result.api is not None and (result.schema_bump, result.api.level, result.bump) == ("minor", "patch", "minor")


def test_layout_only_change_is_a_patch_never_none(project: Path) -> None:
    result = run(project, "base", "layout")
    assert result.changes == [] and result.schema_bump == "none"
    assert result.api is not None and result.api.files == ["growingio_client/schema.graphql"]
    assert result.bump == "patch"


def test_removed_enum_value_breaks_the_python_api(project: Path) -> None:
    result = run(project, "base", "enum_value_removed")
    assert result.api is not None and result.api.level == "major"
    assert "growingio_client.enums.JobStage.RUNNING" in result.api.removed
    assert result.bump == "major"


SMALL = '''type Query {{ ping: Int }}
input Choice {oneof}{{ a: Int b: String{default} }}
type Mutation {{ pick(choice: Choice!): Int }}
'''


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        (SMALL.format(oneof="", default=""), SMALL.format(oneof=" @oneOf", default=""), "INPUT_OBJECT_ONE_OF_ADDED"),
        (SMALL.format(oneof="", default=' c: String! = "x"'), SMALL.format(oneof="", default=" c: String!"),
         "INPUT_FIELD_DEFAULT_VALUE_CHANGED"),
    ],
    ids=["oneOf-added", "non-null-input-field-loses-default"],
)
def test_a_broken_operation_is_major_even_with_one_change(tmp_path: Path, old: str, new: str, kind: str) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.gio-codegen]\npackage = "small"\n', encoding="utf-8")
    (tmp_path / "queries").mkdir()
    (tmp_path / "queries" / "pick.graphql").write_text('mutation Pick { pick(choice: {a: 1, b: "x"}) }\n', encoding="utf-8")
    (tmp_path / "old.graphql").write_text(old, encoding="utf-8")
    (tmp_path / "new.graphql").write_text(new, encoding="utf-8")
    result = run(tmp_path, "old", "new")
    assert [c.kind for c in result.changes] == [kind] and result.changes[0].criticality == "breaking"
    assert [o.status for o in result.operations] == ["broken"]
    assert result.bump == "major" and result.fails("broken")
