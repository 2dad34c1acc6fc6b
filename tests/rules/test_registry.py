"""The registry and `[tool.gio-codegen.rules]`: levels, unknown ids, rules that cannot be lowered."""

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import run_cli

from gio_codegen.errors import UserError
from gio_codegen.validate.rules import RULES, rule_levels, run_project_rules
from tests.rules.harness import project

SCHEMA = "type Query { a: Int }"


def test_every_rule_has_an_id_summary_and_a_module_of_its_own() -> None:
    assert len({rule.id for rule in RULES}) == len(RULES)
    assert all(rule.summary and rule.check.__module__.startswith("gio_codegen.validate.rules.") for rule in RULES)
    assert len({rule.check.__module__ for rule in RULES}) == len(RULES)


def test_levels_follow_the_config() -> None:
    context = project(SCHEMA, {"queries/a.graphql": "query A { a }\nquery B { a }"})
    assert run_project_rules(context) == []  # OneOperationPerFile is off by default
    raised = replace(context, config=replace(context.config, rules={"OneOperationPerFile": "warning"}))
    [found] = run_project_rules(raised)
    assert found.code == "OneOperationPerFile" and found.severity == "warning"


def test_an_unknown_rule_or_a_required_rule_turned_off_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.gio-codegen]\n[tool.gio-codegen.rules]\nOneOperationPerFiel = "error"\n')
    context = project(SCHEMA, "query A { a }")
    config = replace(context.config, config_file=tmp_path / "pyproject.toml", rules={"OneOperationPerFiel": "error"})
    with pytest.raises(UserError, match="unknown rule 'OneOperationPerFiel'; did you mean 'OneOperationPerFile'"):
        rule_levels(config)
    with pytest.raises(UserError, match="PythonSafeNames cannot be set to 'off'"):
        rule_levels(replace(config, rules={"PythonSafeNames": "off"}))


def test_the_rules_command_lists_every_rule_with_its_level(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.gio-codegen]\n[tool.gio-codegen.rules]\nNoDeprecated = "off"\n')
    result = run_cli("rules", cwd=tmp_path)
    assert result.code == 0, result.text
    lines = {line.split()[0]: line.split()[1] for line in result.out.splitlines() if line[:1].isupper() and "  " in line}
    assert lines["NoDeprecated"] == "off" and lines["OneOperationPerFile"] == "off"
    assert set(lines) == {rule.id for rule in RULES}
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "pyproject.toml").write_text('[tool.gio-codegen]\n[tool.gio-codegen.rules]\nNoDeprecated = "loud"\n')
    result = run_cli("rules", cwd=bad)
    assert result.code == 1 and "pyproject.toml:3:1: error:" in result.err and "'loud'" in result.err


def test_the_rules_command_outside_a_project_lists_the_defaults(tmp_path: Path) -> None:
    result = run_cli("rules", "--format", "json", cwd=tmp_path)
    assert result.code == 0, result.text
    import json

    assert {row["id"]: row["level"] for row in json.loads(result.out)} == {rule.id: rule.default for rule in RULES}
