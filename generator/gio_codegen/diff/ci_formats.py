"""CI renderings of a diff: GitHub Actions annotations, JUnit XML and SARIF 2.1.0.

In JUnit there is one test case per operation, per change and one for the generated
client; a case fails exactly when it contributes to the exit status under `--fail-on`, so
a CI dashboard and the exit code always agree. SARIF results sit at the schema line
(diff/locate.py), so code scanning annotates the definition that changed.
"""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from gio_codegen import __version__
from gio_codegen.diff.judge import DiffResult
from gio_codegen.diff.kinds import KINDS
from gio_codegen.diff.model import Change
from gio_codegen.diff.usage import OperationReport

_SARIF_LEVEL = {"breaking": "error", "dangerous": "warning", "safe": "note"}
_GITHUB_LEVEL = {"breaking": "error", "dangerous": "warning", "safe": "notice"}


def change_fails(change: Change, fail_on: str) -> bool:
    if not change.counts:
        return False
    if fail_on == "client":
        return True
    if fail_on == "dangerous":
        return change.criticality != "safe"
    if fail_on == "breaking":
        return change.criticality == "breaking"
    return False


def operation_fails(operation: OperationReport, fail_on: str) -> bool:
    if operation.status == "broken":
        return True
    return operation.status == "affected" and fail_on in ("affected", "client")


def client_fails(result: DiffResult, fail_on: str) -> bool:
    if fail_on == "client":
        return result.bump != "none"
    return fail_on in ("breaking", "dangerous") and result.api is not None and result.api.level == "major"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: DiffResult, fail_on: str) -> str:
    lines = []
    for change in result.changes:
        if not change.counts:
            continue
        where = ""
        if change.location is not None:
            where = f"file={_escape_property(change.location.file)},line={change.location.line},col={change.location.column},"
        title = _escape_property(f"{change.kind} ({change.criticality})")
        lines.append(f"::{_GITHUB_LEVEL[change.criticality]} {where}title={title}::{_escape_data(change.message + '. ' + change.reason)}")
    for operation in result.operations:
        if operation.status == "unaffected":
            continue
        level = "error" if operation.status == "broken" else "warning"
        where = f"file={_escape_property(operation.file)}"
        if operation.line:
            where += f",line={operation.line},col={operation.column}"
        title = _escape_property(f"operation {operation.name} is {operation.status}")
        lines.append(f"::{level} {where},title={title}::{_escape_data(chr(10).join(operation.reasons))}")
    summary = f"bump: {result.bump} (schema: {result.schema_bump}; Python API: {result.api.level if result.api else '-'})"
    lines.append(f"::notice title=gio-codegen diff::{_escape_data(summary)}")
    return "\n".join(lines)


def render_junit(result: DiffResult, fail_on: str) -> str:
    root = ET.Element("testsuites", name="gio-codegen diff")
    operations = ET.SubElement(root, "testsuite", name="operations")
    for operation in result.operations:
        case = ET.SubElement(operations, "testcase", classname=f"operations.{operation.file}", name=operation.name,
                             file=operation.file, line=str(operation.line))
        text = "\n".join(operation.reasons)
        if operation_fails(operation, fail_on):
            ET.SubElement(case, "failure", message=operation.status, type=operation.status).text = text
        elif text:
            ET.SubElement(case, "system-out").text = f"{operation.status}\n{text}"
    changes = ET.SubElement(root, "testsuite", name="changes")
    for change in result.changes:
        case = ET.SubElement(changes, "testcase", classname=f"changes.{change.criticality}",
                             name=f"{change.kind} {change.coordinate}")
        if change.location is not None:
            case.set("file", change.location.file)
            case.set("line", str(change.location.line))
        detail = f"{change.message}\n{change.reason}" + (f"\npolicy: {change.policy}" if change.policy else "")
        if change.ignored is not None:
            ET.SubElement(case, "skipped", message=f"ignored: {change.ignored}")
        elif change_fails(change, fail_on):
            ET.SubElement(case, "failure", message=change.message, type=change.criticality).text = detail
        else:
            ET.SubElement(case, "system-out").text = detail
    client = ET.SubElement(root, "testsuite", name="client")
    case = ET.SubElement(client, "testcase", classname="client", name="version bump")
    api = result.api
    detail = "\n".join([f"bump: {result.bump}", f"schema verdict: {result.schema_bump}", *result.why,
                        f"python API: {api.level if api else 'not compared'} {api.note if api else ''}".rstrip(),
                        *(api.breakages if api else [])])
    if client_fails(result, fail_on):
        ET.SubElement(case, "failure", message=f"bump {result.bump}", type="bump").text = detail
    else:
        ET.SubElement(case, "system-out").text = detail
    total = failures = skipped = 0
    for suite in root:
        cases = list(suite)
        suite_failures = sum(1 for c in cases if c.find("failure") is not None)
        suite_skipped = sum(1 for c in cases if c.find("skipped") is not None)
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        suite.set("skipped", str(suite_skipped))
        total, failures, skipped = total + len(cases), failures + suite_failures, skipped + suite_skipped
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def render_sarif(result: DiffResult, fail_on: str) -> str:
    rules: dict[str, dict[str, object]] = {}
    results: list[dict[str, object]] = []
    for change in result.changes:
        rules.setdefault(change.kind, _rule(change.kind, KINDS.get(change.kind, change.kind), change.criticality))
        entry: dict[str, object] = {
            "ruleId": change.kind,
            "level": _SARIF_LEVEL[change.criticality],
            "message": {"text": f"{change.message}. {change.reason}"},
            "locations": [_location(change.location.file if change.location else None,
                                    change.location.line if change.location else 0,
                                    change.location.column if change.location else 0, change.coordinate)],
            "properties": {"coordinate": change.coordinate, "criticality": change.criticality,
                           "old": change.old, "new": change.new, "failsBuild": change_fails(change, fail_on)},
        }
        if change.ignored is not None:
            entry["suppressions"] = [{"kind": "external", "justification": change.ignored}]
        results.append(entry)
    for operation in result.operations:
        if operation.status == "unaffected":
            continue
        rule = f"OPERATION_{operation.status.upper()}"
        rules.setdefault(rule, _rule(rule, f"operation {operation.status}",
                                     "breaking" if operation.status == "broken" else "dangerous"))
        first = operation.diagnostics[0] if operation.diagnostics else None
        results.append({
            "ruleId": rule,
            "level": "error" if operation.status == "broken" else "warning",
            "message": {"text": f"{operation.name}: " + "; ".join(operation.reasons)},
            "locations": [_location(first.file if first else operation.file, first.line if first else operation.line,
                                    first.column if first else operation.column, operation.name)],
        })
    run = {
        "tool": {"driver": {"name": "gio-codegen", "version": __version__, "rules": list(rules.values())}},
        "results": results,
        "properties": {"bump": result.bump, "schemaBump": result.schema_bump,
                       "apiBump": result.api.level if result.api else None, "failOn": fail_on,
                       "fails": result.fails(fail_on)},
    }
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2)


def _rule(rule_id: str, title: str, criticality: str) -> dict[str, object]:
    return {"id": rule_id, "name": "".join(part.title() for part in rule_id.split("_")),
            "shortDescription": {"text": title}, "defaultConfiguration": {"level": _SARIF_LEVEL[criticality]}}


def _location(file: str | None, line: int, column: int, logical: str) -> dict[str, object]:
    location: dict[str, object] = {"logicalLocations": [{"fullyQualifiedName": logical}]}
    if file:
        region = {"startLine": line, "startColumn": column} if line else {}
        physical: dict[str, object] = {"artifactLocation": {"uri": file}}
        if region:
            physical["region"] = region
        location["physicalLocation"] = physical
    return location
