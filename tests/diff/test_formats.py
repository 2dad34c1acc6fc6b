"""Every format renders the same verdict: a JUnit case fails exactly when it counts towards the
exit status, SARIF results sit at the schema line, GitHub annotations carry the location."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from gio_codegen.diff.judge import FAIL_ON
from gio_codegen.diff.report import render

from .helpers import judged
from .kinds_table import ROWS, Row

SAMPLE = [r for r in ROWS if r.id in {
    "FIELD_REMOVED:used", "ENUM_VALUE_ADDED", "FIELD_ADDED", "FIELD_TYPE_CHANGED:nullable", "TYPE_DESCRIPTION_ADDED",
    "INPUT_FIELD_ADDED:required", "DIRECTIVE_LOCATION_REMOVED", "TYPE_ADDED",
}]


@pytest.mark.parametrize("row", SAMPLE, ids=lambda r: r.id)
@pytest.mark.parametrize("fail_on", FAIL_ON)
def test_junit_failures_match_the_exit_status(row: Row, fail_on: str) -> None:
    result = judged(row.old, row.new, row.ops)
    suites = ET.fromstring(render(result, "junit", fail_on=fail_on))
    failures = int(suites.get("failures", "0"))
    assert failures == sum(1 for case in suites.iter("testcase") if case.find("failure") is not None)
    assert (failures > 0) == result.fails(fail_on)
    names = {s.get("name"): len(s.findall("testcase")) for s in suites}
    assert names == {"operations": len(row.ops), "changes": len(result.changes), "client": 1}


@pytest.mark.parametrize("row", SAMPLE, ids=lambda r: r.id)
def test_sarif_results_are_at_the_schema_line(row: Row) -> None:
    result = judged(row.old, row.new, row.ops)
    sarif = json.loads(render(result, "sarif"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["tool"]["driver"]["name"] == "gio-codegen"
    rules = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    lines = {"old.graphql": row.old.splitlines(), "new.graphql": row.new.splitlines()}
    for entry, change in zip(sarif["runs"][0]["results"], result.changes, strict=False):
        assert entry["ruleId"] == change.kind and entry["ruleId"] in rules
        assert entry["level"] == {"breaking": "error", "dangerous": "warning", "safe": "note"}[change.criticality]
        physical = entry["locations"][0]["physicalLocation"]
        text = lines[physical["artifactLocation"]["uri"]][physical["region"]["startLine"] - 1]
        parts = change.coordinate.lstrip("@").replace("(", ".").rstrip(":)").split(".")
        assert any(part and part in text for part in parts), (change, text)  # the element, or its owner
    assert sarif["runs"][0]["properties"]["bump"] == result.bump


def test_github_annotations() -> None:
    row = next(r for r in ROWS if r.id == "FIELD_REMOVED:used")
    lines = render(judged(row.old, row.new, row.ops), "github", fail_on="broken").splitlines()
    assert lines[0].startswith("::error file=new.graphql,line=") and "FIELD_REMOVED" in lines[0]
    assert any(line.startswith("::error file=queries/P.graphql,line=1,col=1,title=operation P is broken::") for line in lines)
    assert lines[-1].startswith("::notice title=gio-codegen diff::bump: major")


def test_text_and_markdown_name_the_policy_and_the_verdicts() -> None:
    row = next(r for r in ROWS if r.id == "ENUM_VALUE_REMOVED:deprecated")
    result = judged(row.old, row.new, row.ops)
    text = render(result, "text")
    assert "Stage.OLD: enum value removed (was OLD) [ENUM_VALUE_REMOVED] [was deprecated]" in text
    assert "schema verdict: major" in text and text.rstrip().endswith("bump: major")
    assert "| 🔴 | `ENUM_VALUE_REMOVED` | `Stage.OLD` |" in render(result, "markdown")
