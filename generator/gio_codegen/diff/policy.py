"""`[tool.gio-codegen.diff]`: what a project accepts, in the manner of buf's breaking rules.

```toml
[tool.gio-codegen.diff]
deprecated-removal = "dangerous"           # removing what OLD deprecated: "breaking" (default) | "dangerous"
ignore = [
  { coordinate = "Tag.businessType", reason = "announced in #41" },
  { kind = "ENUM_VALUE_ADDED", coordinate = "JobStage", reason = "clients keep unknown values" },
]
client-id = "api"                          # for `--against URL` with $GIO_CLIENT_SECRET
scope = "system"

[tool.gio-codegen.diff.severity]            # per-kind criticality overrides
DIRECTIVE_USAGE_FIELD_DEFINITION_ADDED = "safe"
```

Every `ignore` entry needs a `reason` (it is printed with the change); a coordinate matches
itself and everything inside it (`Tag` matches `Tag.name` and `Tag.name(arg:)`). Ignored
changes stay in the report and take no part in verdicts and exit codes. load/config.py
only admits the table; it is parsed here, so its errors point at the key in the file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from typing import Any

from gio_codegen.diff.kinds import KINDS
from gio_codegen.diff.model import CRITICALITIES, Change, Criticality
from gio_codegen.errors import UserError
from gio_codegen.load.config import Config

SECTION = "tool.gio-codegen.diff"
_KEYS = {"ignore", "severity", "deprecated-removal", "client-id", "scope"}
_IGNORE_KEYS = {"coordinate", "kind", "reason"}


@dataclass(frozen=True)
class Ignore:
    reason: str
    coordinate: str | None = None
    kind: str | None = None

    def matches(self, change: Change) -> bool:
        if self.kind is not None and change.kind != self.kind:
            return False
        return self.coordinate is None or _inside(change.coordinate, self.coordinate)


@dataclass(frozen=True)
class Policy:
    ignore: tuple[Ignore, ...] = ()
    severity: dict[str, Criticality] = field(default_factory=dict)
    deprecated_removal: Criticality = "breaking"
    client_id: str = "api"
    scope: str = "system"

    def apply(self, changes: list[Change]) -> list[Change]:
        """Severity overrides, then the deprecated-removal rule, then ignores."""
        return [self._one(change) for change in changes]

    def _one(self, change: Change) -> Change:
        if change.kind in self.severity and self.severity[change.kind] != change.criticality:
            override = self.severity[change.kind]
            change = replace(change, criticality=override, policy=f"severity of {change.kind}: {change.criticality} → {override}")
        elif change.deprecated_removal and change.criticality == "breaking" and self.deprecated_removal != "breaking":
            change = replace(change, criticality=self.deprecated_removal,
                             policy=f"deprecated-removal: breaking → {self.deprecated_removal}")
        for entry in self.ignore:
            if entry.matches(change):
                return replace(change, ignored=entry.reason)
        return change


def _inside(coordinate: str, prefix: str) -> bool:
    if coordinate == prefix:
        return True
    return coordinate.startswith(prefix) and coordinate[len(prefix)] in ".("


def load_policy(config: Config) -> Policy:
    table = config.raw.get("diff")
    if table is None:
        return Policy()
    text = _config_text(config)
    shown = config.rel(config.config_file)

    def error(message: str, key: str) -> UserError:
        return UserError.at(shown, f"[{SECTION}] {message}", *_key_position(text, key), "config")

    if not isinstance(table, dict):
        raise error("must be a table", "diff")
    for key in table:
        if key not in _KEYS:
            raise error(f"unknown key {key!r}{_did_you_mean(key, _KEYS)}", key)
    removal = table.get("deprecated-removal", "breaking")
    if removal not in ("breaking", "dangerous"):
        raise error(f"deprecated-removal must be \"breaking\" or \"dangerous\", not {removal!r}", "deprecated-removal")
    for key in ("client-id", "scope"):
        if not isinstance(table.get(key, ""), str):
            raise error(f"{key} must be a string", key)
    return Policy(
        ignore=tuple(_ignores(table.get("ignore", []), error)),
        severity=_severity(table.get("severity", {}), error),
        deprecated_removal=removal,
        client_id=table.get("client-id", "api"),
        scope=table.get("scope", "system"),
    )


def _ignores(entries: Any, error: Any) -> list[Ignore]:
    if not isinstance(entries, list):
        raise error("ignore must be a list of tables", "ignore")
    out = []
    for number, entry in enumerate(entries, 1):
        where = f"ignore entry {number}"
        if not isinstance(entry, dict):
            raise error(f"{where} must be a table like {{ coordinate = \"Type.field\", reason = \"…\" }}", "ignore")
        for key in entry:
            if key not in _IGNORE_KEYS:
                raise error(f"{where}: unknown key {key!r}{_did_you_mean(key, _IGNORE_KEYS)}", key)
        reason, coordinate, kind = entry.get("reason"), entry.get("coordinate"), entry.get("kind")
        if not isinstance(reason, str) or not reason.strip():
            raise error(f"{where} needs a reason (why the change is acceptable)", "ignore")
        if coordinate is None and kind is None:
            raise error(f"{where} needs a coordinate or a kind", "ignore")
        if coordinate is not None and (not isinstance(coordinate, str) or not coordinate):
            raise error(f"{where}: coordinate must be a non-empty string", "coordinate")
        if kind is not None and kind not in KINDS:
            raise error(f"{where}: unknown change kind {kind!r}{_did_you_mean(str(kind), KINDS)}", "kind")
        out.append(Ignore(reason.strip(), coordinate, kind))
    return out


def _severity(table: Any, error: Any) -> dict[str, Criticality]:
    if not isinstance(table, dict):
        raise error("severity must be a table of KIND = \"breaking\" | \"dangerous\" | \"safe\"", "severity")
    out: dict[str, Criticality] = {}
    for kind, level in table.items():
        if kind not in KINDS:
            raise error(f"severity: unknown change kind {kind!r}{_did_you_mean(kind, KINDS)}", kind)
        if level not in CRITICALITIES:
            raise error(f"severity: {kind} must be one of {', '.join(CRITICALITIES)}, not {level!r}", kind)
        out[kind] = level
    return out


def _config_text(config: Config) -> str:
    try:
        return config.config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _key_position(text: str, key: str) -> tuple[int, int]:
    """The first line of the diff table (or after it) that assigns `key`; tomllib keeps no positions."""
    start = text.find("[tool.gio-codegen.diff")
    if start < 0:
        start = 0
    found = re.compile(rf'(^|[{{,\s])"?{re.escape(key)}"?\s*=', re.MULTILINE).search(text, start)
    if key == "diff" or not found:
        return (text.count("\n", 0, start) + 1, 1) if start else (0, 0)
    position = found.start() + len(found.group(1))
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1
