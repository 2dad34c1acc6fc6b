"""The semver verdict and the three renderings (text, json, markdown) of a diff.

The verdict is about the *generated client*, not the schema: a change only
matters as much as the operations it reaches (rules in docs/versioning.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import click

from gio_codegen.diff.changes import Change
from gio_codegen.diff.usage import OperationReport, Usage

ADDITIONS = {
    "FIELD_ADDED", "TYPE_ADDED", "VALUE_ADDED_TO_ENUM", "OPTIONAL_ARG_ADDED", "OPTIONAL_INPUT_FIELD_ADDED",
    "TYPE_ADDED_TO_UNION", "INTERFACE_ADDED_TO_OBJECT",
}
FAIL_ON = ("breaking", "dangerous", "affected", "broken")


@dataclass
class DiffResult:
    old: str
    new: str
    changes: list[Change]
    operations: list[OperationReport]
    bump: str

    def to_json(self) -> dict[str, object]:
        return {
            "old": self.old, "new": self.new,
            "changes": [c.to_json() for c in self.changes],
            "operations": [o.to_json() for o in self.operations],
            "bump": self.bump,
        }

    def fails(self, fail_on: str) -> bool:
        if fail_on == "client":  # anything that would change the generated client
            return self.bump != "none"
        if fail_on == "breaking":
            return any(c.level == "breaking" for c in self.changes)
        if fail_on == "dangerous":
            return any(c.level in ("breaking", "dangerous") for c in self.changes)
        if fail_on == "affected":
            return any(o.status in ("broken", "affected") for o in self.operations)
        return any(o.status == "broken" for o in self.operations)


def semver_bump(changes: list[Change], operations: list[OperationReport], usage: Usage, root_types: set[str]) -> str:
    if not changes:
        return "none"
    reaching = [c for c in changes if usage.touches(c.coordinate)]
    if any(o.status == "broken" for o in operations) or any(c.level == "breaking" for c in reaching):
        return "major"
    for change in changes:
        root_field = change.type == "FIELD_ADDED" and change.coordinate.split(".", 1)[0] in root_types
        if root_field or (change in reaching and (change.type in ADDITIONS or change.level == "dangerous")):
            return "minor"
    return "patch"


_COLOURS = {"breaking": "red", "dangerous": "yellow", "safe": "green",
            "broken": "red", "affected": "yellow", "unaffected": "green"}


def render_text(result: DiffResult, colour: bool = False) -> str:
    def style(text: str, key: str) -> str:
        return click.style(text, fg=_COLOURS.get(key), bold=True) if colour else text

    lines = [f"{result.old} → {result.new}"]
    if not result.changes:
        lines.append("no schema changes")
    for level in ("breaking", "dangerous", "safe"):
        group = [c for c in result.changes if c.level == level]
        if group:
            lines.append("")
            lines.append(style(f"{level} ({len(group)})", level))
            for c in group:
                note = " [was deprecated]" if c.deprecated_removal else ""
                lines.append(f"  {c.coordinate or '-'}: {c.message} [{c.type}]{note}")
    if result.operations:
        lines.append("")
        lines.append("operations:")
        for o in result.operations:
            lines.append(f"  {style(o.status, o.status):<12} {o.name} ({o.file})")
            lines.extend(f"      {reason}" for reason in o.reasons)
    lines.append("")
    lines.append(f"bump: {style(result.bump, 'breaking' if result.bump == 'major' else 'safe')}")
    return "\n".join(lines)


def render_markdown(result: DiffResult) -> str:
    icons = {"breaking": "🔴", "dangerous": "🟡", "safe": "🟢", "broken": "🔴", "affected": "🟡", "unaffected": "🟢"}
    counts = {lvl: sum(c.level == lvl for c in result.changes) for lvl in ("breaking", "dangerous", "safe")}
    lines = [
        f"### GraphQL schema diff: `{result.old}` → `{result.new}`",
        "",
        f"**Suggested client version bump: {result.bump}** — "
        + ", ".join(f"{n} {lvl}" for lvl, n in counts.items()),
        "",
    ]
    if result.changes:
        lines += ["| | change | coordinate | |", "| --- | --- | --- | --- |"]
        for c in result.changes:
            note = " (was deprecated)" if c.deprecated_removal else ""
            lines.append(f"| {icons[c.level]} | `{c.type}` | `{c.coordinate}` | {_cell(c.message)}{note} |")
        lines.append("")
    shown = [o for o in result.operations if o.status != "unaffected"]
    if shown:
        lines += ["| | operation | file | why |", "| --- | --- | --- | --- |"]
        for o in shown:
            lines.append(f"| {icons[o.status]} {o.status} | `{o.name}` | `{o.file}` | {_cell('<br>'.join(o.reasons))} |")
    quiet = len(result.operations) - len(shown)
    if quiet:
        lines += ["", f"{quiet} operation(s) unaffected."]
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(result: DiffResult, fmt: str, colour: bool = False) -> str:
    if fmt == "json":
        return json.dumps(result.to_json(), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return render_markdown(result)
    return render_text(result, colour)
