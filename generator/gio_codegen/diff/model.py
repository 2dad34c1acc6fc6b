"""The typed records a diff is made of: one `Change` per difference, located in the schema.

Records are built from the two schemas' structure only (diff/structural.py); no field is
ever recovered from a message, so rewording in graphql-core cannot change a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from gio_codegen.diff.kinds import KINDS

Criticality = Literal["breaking", "dangerous", "safe"]
CRITICALITIES: tuple[Criticality, ...] = ("breaking", "dangerous", "safe")
BUMPS = ("none", "patch", "minor", "major")


def max_bump(*levels: str) -> str:
    """The larger of semver levels (`none` < `patch` < `minor` < `major`)."""
    return max(levels, key=BUMPS.index, default="none")


@dataclass(frozen=True)
class Location:
    """Where a coordinate is defined: a schema file (as the source names it), 1-based."""

    file: str
    line: int
    column: int

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "column": self.column}


@dataclass(frozen=True)
class Change:
    """One difference between two schemas.

    `coordinate` is a schema coordinate (`Type`, `Type.field`, `Type.field(arg:)`,
    `Enum.VALUE`, `@dir`, `@dir(arg:)`; `schema` and `schema.query` for the schema
    definition); `old`/`new` the printed values on each side (a type, a default, a
    member name, an applied directive), None where a side has none.
    """

    kind: str
    coordinate: str
    criticality: Criticality
    reason: str
    old: str | None = None
    new: str | None = None
    deprecated_removal: bool = False  # something OLD had marked @deprecated was removed
    ignored: str | None = None  # the policy's reason for ignoring it ([tool.gio-codegen.diff] ignore)
    policy: str | None = None  # what the policy changed about its criticality, if anything
    location: Location | None = None

    @property
    def title(self) -> str:
        return KINDS.get(self.kind, self.kind.lower().replace("_", " "))

    @property
    def message(self) -> str:
        if self.old is not None and self.new is not None:
            detail = f" ({self.old} → {self.new})"
        elif self.new is not None:
            detail = f" ({self.new})"
        elif self.old is not None:
            detail = f" (was {self.old})"
        else:
            detail = ""
        return f"{self.coordinate}: {self.title}{detail}"

    @property
    def counts(self) -> bool:
        """Ignored changes stay in the report but take no part in verdicts or exit codes."""
        return self.ignored is None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "kind": self.kind, "coordinate": self.coordinate, "criticality": self.criticality,
            "old": self.old, "new": self.new, "reason": self.reason, "message": self.message,
        }
        if self.deprecated_removal:
            data["deprecated_removal"] = True
        if self.ignored is not None:
            data["ignored"] = self.ignored
        if self.policy is not None:
            data["policy"] = self.policy
        if self.location is not None:
            data["location"] = self.location.to_json()
        return data


def sort_key(change: Change) -> tuple[int, str, str, str]:
    return CRITICALITIES.index(change.criticality), change.coordinate, change.kind, change.new or change.old or ""
