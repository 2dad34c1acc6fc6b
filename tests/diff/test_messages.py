"""The diff never reads graphql-core's English: with every graphql-core message reworded
(errors, breaking/dangerous change descriptions), every record, status and verdict is the same."""

from __future__ import annotations

import importlib
from typing import Any

import graphql
import pytest
from graphql.error import graphql_error

from .helpers import judged, records, statuses
from .kinds_table import ROWS


def verdicts() -> list[Any]:
    out = []
    for row in ROWS:
        result = judged(row.old, row.new, row.ops)
        out.append((row.id, records(result), result.schema_bump, result.bump, statuses(result),
                    [(c.coordinate, c.location) for c in result.changes]))
    return out


def test_verdicts_do_not_depend_on_graphql_core_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    before = verdicts()
    original_init = graphql_error.GraphQLError.__init__

    def reworded_init(self: Any, message: str, *args: Any, **kwargs: Any) -> None:
        original_init(self, f"Reworded in a future release ({len(message)})", *args, **kwargs)

    monkeypatch.setattr(graphql_error.GraphQLError, "__init__", reworded_init)
    changes = importlib.import_module("graphql.utilities.find_breaking_changes")
    for name in ("BreakingChange", "DangerousChange"):
        original = getattr(changes, name)
        monkeypatch.setattr(changes, name, lambda type_, description, cls=original: cls(type_, "Reworded."))
    assert graphql.GraphQLError("x").message.startswith("Reworded")
    old, new = graphql.build_schema("type Query { a: Int b: Int }"), graphql.build_schema("type Query { a: Int }")
    assert [c.description for c in graphql.find_breaking_changes(old, new)] == ["Reworded."]
    assert verdicts() == before
