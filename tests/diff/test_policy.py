"""`[tool.gio-codegen.diff]`: ignores need reasons, severities and kinds are checked, and the
policy changes verdicts only through the records it marks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from gio_codegen.diff.policy import Ignore, Policy, load_policy
from gio_codegen.errors import UserError
from gio_codegen.load.config import load_config

from .helpers import judged, statuses
from .kinds_table import BASE, OPS, edit


def config_with(tmp_path: Path, table: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "pyproject.toml"
    path.write_text(f'[tool.gio-codegen]\nschema = "schema.graphql"\n\n[tool.gio-codegen.diff]\n{table}\n', encoding="utf-8")
    return load_config(path)


def test_parses_every_key(tmp_path: Path) -> None:
    policy = load_policy(config_with(tmp_path, '''deprecated-removal = "dangerous"
client-id = "ci"
scope = "read"
ignore = [
  { coordinate = "Tag.businessType", reason = "announced" },
  { kind = "ENUM_VALUE_ADDED", reason = "forward compatible enums" },
]
severity = { DIRECTIVE_USAGE_OBJECT_ADDED = "safe" }'''))
    assert policy.deprecated_removal == "dangerous" and (policy.client_id, policy.scope) == ("ci", "read")
    assert policy.ignore == (Ignore("announced", "Tag.businessType"), Ignore("forward compatible enums", None, "ENUM_VALUE_ADDED"))
    assert policy.severity == {"DIRECTIVE_USAGE_OBJECT_ADDED": "safe"}


@pytest.mark.parametrize(
    ("table", "message", "line"),
    [
        ('ignore = [{ coordinate = "Tag" }]', "ignore entry 1 needs a reason", 5),
        ('ignore = [{ reason = "x" }]', "needs a coordinate or a kind", 5),
        ('ignore = [{ kind = "FIELD_REMOVD", reason = "x" }]', "did you mean 'FIELD_REMOVED'", 5),
        ('severity = { FIELD_REMOVED = "fatal" }', "must be one of breaking, dangerous, safe", 5),
        ('deprecated-removal = "safe"', 'must be "breaking" or "dangerous"', 5),
        ('ignroe = []', "did you mean 'ignore'", 5),
    ],
)
def test_errors_point_at_the_key(tmp_path: Path, table: str, message: str, line: int) -> None:
    with pytest.raises(UserError) as raised:
        load_policy(config_with(tmp_path, table))
    (diagnostic,) = raised.value.diagnostics
    assert message in diagnostic.message and diagnostic.line == line and diagnostic.file.endswith("pyproject.toml")


def test_ignored_changes_leave_verdicts_and_statuses() -> None:
    new = edit("  RUNNING\n", "  RUNNING\n  PAUSED\n")
    plain = judged(BASE, new, OPS)
    assert plain.schema_bump == "minor" and statuses(plain) == {"P": "affected"}
    ignored = judged(BASE, new, OPS, Policy(ignore=(Ignore("clients keep unknown values", "Stage"),)))
    (change,) = ignored.changes
    assert change.ignored == "clients keep unknown values" and not change.counts
    assert ignored.schema_bump == "patch" and statuses(ignored) == {} and not ignored.fails("dangerous")
    assert ignored.fails("client")  # the schema text differs all the same (see the Python-API verdict)


def test_ignore_matches_a_coordinate_and_what_is_inside_it() -> None:
    entry = Ignore("r", "Project.tags")
    change = judged(BASE, edit("first: Int = 10", "first: Int = 20"), OPS).changes[0]
    assert change.coordinate == "Project.tags(first:)" and entry.matches(change)
    assert not Ignore("r", "Project.tag").matches(change) and not Ignore("r", "Project", "FIELD_REMOVED").matches(change)
    assert Ignore("r", None, "FIELD_ARGUMENT_DEFAULT_CHANGED").matches(change)


def test_severity_override_and_deprecated_removal() -> None:
    removed = edit('  legacy: String @deprecated(reason: "Use name")\n', "")
    lenient = judged(BASE, removed, OPS, Policy(deprecated_removal="dangerous"))
    (change,) = lenient.changes
    assert change.criticality == "dangerous" and change.deprecated_removal and "deprecated-removal" in (change.policy or "")
    assert lenient.schema_bump == "major"  # P still selects it: broken whatever the policy says
    unused = edit("  nick: String\n", "  nick: String\n  age: Int\n")
    strict = judged(BASE, unused, OPS, Policy(severity={"FIELD_ADDED": "breaking"}))
    assert strict.changes[0].criticality == "breaking" and strict.fails("breaking")
    assert strict.schema_bump == "patch"  # nothing uses Person.age
    assert replace(strict.changes[0], ignored="x").counts is False
