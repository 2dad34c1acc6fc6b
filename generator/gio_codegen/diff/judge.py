"""One diff, start to end: structural changes → policy → operations → the two verdicts.

`diff`, `check --schema-against` and `generate`'s version bump all call `judge`, so the three
can never disagree. The bump is the larger of the schema verdict (what the changes reach)
and the Python-API verdict (what the rendered clients' public API shows); rules and an
example per case are in docs/versioning.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from gio_codegen.diff.locate import locate
from gio_codegen.diff.model import Change, max_bump
from gio_codegen.diff.policy import Policy
from gio_codegen.diff.structural import diff_schemas
from gio_codegen.diff.usage import OperationReport, Usage, judge_operations

if TYPE_CHECKING:
    from graphql import GraphQLSchema

    from gio_codegen.diff.python_api import ApiVerdict
    from gio_codegen.load.project import ProjectContext

FAIL_ON = ("client", "dangerous", "breaking", "affected", "broken")


@dataclass
class DiffResult:
    old: str
    new: str
    changes: list[Change]
    operations: list[OperationReport]
    schema_bump: str
    why: list[str] = field(default_factory=list)
    api: ApiVerdict | None = None

    @property
    def bump(self) -> str:
        return max_bump(self.schema_bump, self.api.level if self.api is not None else "none")

    def to_json(self) -> dict[str, object]:
        return {
            "old": self.old, "new": self.new,
            "changes": [c.to_json() for c in self.changes],
            "operations": [o.to_json() for o in self.operations],
            "schema_bump": self.schema_bump, "why": self.why,
            "api": self.api.to_json() if self.api is not None else None,
            "bump": self.bump,
        }

    def fails(self, fail_on: str) -> bool:
        """The exit status: each level includes the ones after it in FAIL_ON (docs/versioning.md)."""
        broken = any(o.status == "broken" for o in self.operations)
        counted = [c for c in self.changes if c.counts]
        if fail_on == "client":
            return self.bump != "none"
        if fail_on == "dangerous":
            return broken or self._api_breaks() or any(c.criticality != "safe" for c in counted)
        if fail_on == "breaking":
            return broken or self._api_breaks() or any(c.criticality == "breaking" for c in counted)
        if fail_on == "affected":
            return any(o.status in ("broken", "affected") for o in self.operations)
        return broken

    def _api_breaks(self) -> bool:
        return self.api is not None and self.api.level == "major"


def judge(
    context: ProjectContext, old: GraphQLSchema, new: GraphQLSchema, policy: Policy, *,
    old_name: str, new_name: str, old_text: str | None = None, new_text: str | None = None, render: bool = True,
    render_when_major: bool = True,
) -> DiffResult:
    """Compare OLD with NEW for the context's operations. With both schema texts the two clients
    are rendered and their Python API compared (`render=False`: only whether the texts, hence the
    shipped schema.graphql, differ); without texts the schema verdict stands alone.
    `render_when_major=False` (the version bump) skips rendering when nothing could raise the bump."""
    changes = [replace(c, location=locate(c.coordinate, new, old)) for c in policy.apply(diff_schemas(old, new))]
    operations, usage = judge_operations(context, old, new, changes)
    level, why = schema_verdict(changes, operations, usage, new)
    api = None
    if old_text is not None and new_text is not None:
        from gio_codegen.diff.python_api import ApiVerdict, python_api_verdict

        if render and (render_when_major or level != "major"):
            api = python_api_verdict(context.config, old_text, new_text, old, new, context.files)
        else:
            why_not = "--schema-only" if not render else "the schema verdict is already major"
            same = old_text == new_text
            api = ApiVerdict("none" if same else "patch", files=[] if same else [f"{context.config.package}/schema.graphql"],
                             compared=False, note=f"not rendered ({why_not}): "
                             + ("same schema text" if same else "the shipped schema.graphql differs"))
    return DiffResult(old_name, new_name, changes, operations, level, why, api)


def schema_verdict(
    changes: list[Change], operations: list[OperationReport], usage: Usage, new: GraphQLSchema
) -> tuple[str, list[str]]:
    """major / minor / patch / none from what the changes reach, with the reasons for the level."""
    counted = [c for c in changes if c.counts]
    major = [f"operation {o.name} ({o.file}) is broken" for o in operations if o.status == "broken"]
    major += [f"breaking change at a used coordinate: {c.message}" for c in counted
              if c.criticality == "breaking" and usage.touches(c)]
    if major:
        return "major", major
    roots = {t.name for t in (new.query_type, new.mutation_type, new.subscription_type) if t is not None}
    minor = [f"dangerous change at a used coordinate: {c.message}" for c in counted
             if c.criticality == "dangerous" and usage.touches(c)]
    minor += [f"new operation root: {c.message} (a new method can be written)" for c in counted if _new_root(c, roots)]
    if minor:
        return "minor", minor
    if changes:
        return "patch", [f"{len(changes)} change(s); none breaking or dangerous where an operation reaches, no new root"]
    return "none", []


def _new_root(change: Change, roots: set[str]) -> bool:
    """A field on a root type, or a root type appearing: something a new method can call."""
    if change.kind == "FIELD_ADDED":
        return change.coordinate.split(".", 1)[0] in roots
    return change.kind.startswith("SCHEMA_") and change.kind.endswith("_TYPE_CHANGED") and change.old is None
