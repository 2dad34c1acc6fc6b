"""Rendering of diagnostics: repeated warnings are capped in human output, never in json or errors."""

from __future__ import annotations

import json

from gio_codegen.diagnostics import WARNINGS_PER_CODE, Diagnostic, render


def _many(severity: str, count: int) -> list[Diagnostic]:
    return [Diagnostic("schema.graphql", n, 3, f"field {n} unused", severity, "RootFieldCoverage") for n in range(1, count + 1)]


def test_repeated_warnings_are_capped_with_a_count() -> None:
    text = render(_many("warning", WARNINGS_PER_CODE + 5), frames=False)
    assert text.count(": warning: ") == WARNINGS_PER_CODE
    assert text.endswith("… and 5 more RootFieldCoverage warnings (--format json lists them all)")


def test_errors_and_json_are_never_capped() -> None:
    errors = render(_many("error", WARNINGS_PER_CODE + 5), frames=False)
    assert errors.count(": error: ") == WARNINGS_PER_CODE + 5 and "more" not in errors
    assert len(json.loads(render(_many("warning", WARNINGS_PER_CODE + 5), "json"))) == WARNINGS_PER_CODE + 5
