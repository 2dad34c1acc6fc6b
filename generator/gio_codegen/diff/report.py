"""The human renderings of a diff (text, markdown) and the dispatch to every format.

CI formats (github, junit, sarif) are in diff/ci_formats.py; all of them render the same
`DiffResult`, so no format can show a verdict the others do not.
"""

from __future__ import annotations

import json

import click

from gio_codegen.diff.judge import DiffResult
from gio_codegen.diff.model import CRITICALITIES, Change

_COLOURS = {"breaking": "red", "dangerous": "yellow", "safe": "green",
            "broken": "red", "affected": "yellow", "unaffected": "green"}


def render(result: DiffResult, fmt: str, colour: bool = False, fail_on: str = "broken") -> str:
    if fmt == "json":
        return json.dumps(result.to_json(), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return render_markdown(result)
    if fmt in ("github", "junit", "sarif"):
        from gio_codegen.diff import ci_formats

        renderers = {"github": ci_formats.render_github, "junit": ci_formats.render_junit,
                     "sarif": ci_formats.render_sarif}
        return renderers[fmt](result, fail_on)
    return render_text(result, colour)


def _note(change: Change) -> str:
    notes = []
    if change.deprecated_removal:
        notes.append("was deprecated")
    if change.policy:
        notes.append(change.policy)
    if change.ignored is not None:
        notes.append(f"ignored: {change.ignored}")
    return f" [{'; '.join(notes)}]" if notes else ""


def render_text(result: DiffResult, colour: bool = False) -> str:
    def style(text: str, key: str) -> str:
        return click.style(text, fg=_COLOURS.get(key), bold=True) if colour else text

    lines = [f"{result.old} → {result.new}"]
    if not result.changes:
        lines.append("no schema changes")
    for level in CRITICALITIES:
        group = [c for c in result.changes if c.criticality == level]
        if group:
            lines += ["", style(f"{level} ({len(group)})", level)]
            lines += [f"  {c.message} [{c.kind}]{_note(c)}" for c in group]
    if result.operations:
        lines += ["", "operations:"]
        for o in result.operations:
            lines.append(f"  {style(o.status, o.status):<12} {o.name} ({o.file})")
            lines.extend(f"      {reason}" for reason in o.reasons)
    lines += ["", f"schema verdict: {result.schema_bump}"]
    lines.extend(f"  {why}" for why in result.why)
    api = result.api
    if api is not None:
        lines.append(f"python API: {api.level}" + (f" ({api.note})" if api.note else ""))
        for title, items in (("breaking", api.breakages), ("removed", api.removed), ("added", api.added),
                             ("changed", api.changed), ("files differ", api.files)):
            if items:
                shown = ", ".join(items[:8]) + (f", … ({len(items) - 8} more)" if len(items) > 8 else "")
                lines.append(f"  {title}: {shown}")
    lines += ["", f"bump: {style(result.bump, 'breaking' if result.bump == 'major' else 'safe')}"]
    return "\n".join(lines)


def render_markdown(result: DiffResult) -> str:
    icons = {"breaking": "🔴", "dangerous": "🟡", "safe": "🟢", "broken": "🔴", "affected": "🟡", "unaffected": "🟢"}
    counts = {lvl: sum(c.criticality == lvl for c in result.changes) for lvl in CRITICALITIES}
    lines = [
        f"### GraphQL schema diff: `{result.old}` → `{result.new}`",
        "",
        f"**Suggested client version bump: {result.bump}** (schema: {result.schema_bump}, Python API: "
        f"{result.api.level if result.api else 'not compared'}) — " + ", ".join(f"{n} {lvl}" for lvl, n in counts.items()),
        "",
    ]
    if result.changes:
        lines += ["| | change | coordinate | detail |", "| --- | --- | --- | --- |"]
        for c in result.changes:
            icon = "⚪" if c.ignored is not None else icons[c.criticality]
            lines.append(f"| {icon} | `{c.kind}` | `{c.coordinate}` | {_cell(c.message + _note(c))} |")
        lines.append("")
    shown = [o for o in result.operations if o.status != "unaffected"]
    if shown:
        lines += ["| | operation | file | why |", "| --- | --- | --- | --- |"]
        for o in shown:
            lines.append(f"| {icons[o.status]} {o.status} | `{o.name}` | `{o.file}` | {_cell('<br>'.join(o.reasons))} |")
    quiet = len(result.operations) - len(shown)
    if quiet:
        lines += ["", f"{quiet} operation(s) unaffected."]
    if result.api is not None and (result.api.breakages or result.api.removed or result.api.added):
        lines += ["", "Python API of the generated client:", ""]
        lines += [f"- 🔴 {_cell(b)}" for b in result.api.breakages]
        lines += [f"- 🔴 removed `{p}`" for p in result.api.removed]
        lines += [f"- 🟢 added `{p}`" for p in result.api.added]
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
