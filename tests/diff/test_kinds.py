"""A test per change kind: the record, the schema verdict and each operation's status
(tests/diff/kinds_table.py), plus graphql-core's own findings as a cross-check."""

from __future__ import annotations

import pytest
from graphql import find_breaking_changes, find_dangerous_changes

from gio_codegen.diff.kinds import GRAPHQL_JS, KINDS

from .helpers import judged, records, schema, statuses
from .kinds_table import ROWS, Row


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_change_kind(row: Row) -> None:
    result = judged(row.old, row.new, row.ops)
    assert records(result) == sorted(row.records)
    assert result.schema_bump == row.bump, result.why
    assert result.bump == row.bump  # no rendering here: the schema verdict is the bump
    assert statuses(result) == row.statuses
    assert all(c.deprecated_removal == row.deprecated_removal for c in result.changes if c.kind.endswith("_REMOVED"))
    assert all(c.reason and c.message.startswith(c.coordinate) for c in result.changes)


def test_every_kind_has_a_scenario() -> None:
    covered = {record[0] for row in ROWS for record in row.records}
    assert sorted(set(KINDS) - covered) == []
    assert sorted(covered - set(KINDS)) == []


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_graphql_core_findings_are_all_covered(row: Row) -> None:
    """Each breaking/dangerous change graphql-core finds has a record of a corresponding kind that is
    at least as severe (only the change *types* are compared, never graphql-core's sentences)."""
    old, new = schema(row.old), schema(row.new)
    ours = [(c.kind, c.criticality) for c in judged(row.old, row.new, row.ops).changes]
    for level, found in (("breaking", find_breaking_changes(old, new)), ("dangerous", find_dangerous_changes(old, new))):
        for item in found:
            if item.type.name == "TYPE_REMOVED" and not any(kind == "TYPE_REMOVED" for kind, _ in ours):
                continue  # graphql-core reports a built-in scalar no longer referenced; every schema has them
            allowed = ("breaking",) if level == "breaking" else ("breaking", "dangerous")
            assert any(kind in GRAPHQL_JS[item.type.name] and crit in allowed for kind, crit in ours), (item.type, ours)
