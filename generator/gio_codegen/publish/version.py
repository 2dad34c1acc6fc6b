"""The client's version follows the verdict of `gio-codegen diff` (docs/versioning.md).

`generate` compares the schema shipped in the previous output (`<package>/schema.graphql`)
with the new one, judged by the current operations and by the Python API of the clients
rendered for both (diff/judge.py: the larger of the two verdicts), and bumps the
manifest's version:

* 1.0.0 and later: major / minor / patch as the verdict says;
* 0.y.z (initial development, as Cargo reads semver): a breaking verdict bumps y, anything
  else bumps z;
* the same schema text (verdict `none`: the package would be byte-identical) keeps the
  version; any other text at least bumps the patch, since the shipped schema.graphql differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from gio_codegen.errors import UserError
from gio_codegen.load.project import ProjectContext

_RELEASE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
LEVELS = ("none", "patch", "minor", "major")


@dataclass(frozen=True)
class Bump:
    old: str
    new: str
    level: str  # the diff's verdict: none | patch | minor | major
    reason: str = ""
    warning: str = ""


def bump_version(version: str, level: str) -> str:
    """`1.4.2` + minor → `1.5.0`; `0.3.1` + major → `0.4.0`, + minor/patch → `0.3.2`."""
    if level == "none":
        return version
    match = _RELEASE.match(version)
    if not match:
        raise UserError.at(
            "--version", f"cannot bump {version!r} automatically: not MAJOR.MINOR.PATCH; pass --version", code="usage"
        )
    major, minor, patch = (int(part) for part in match.groups())
    if major == 0:
        return f"0.{minor + 1}.0" if level == "major" else f"0.{minor}.{patch + 1}"
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def schema_verdict(context: ProjectContext, old_text: str, old_name: str) -> str:
    """The `diff` bump (none/patch/minor/major) from the old schema text to the context's schema."""
    from gio_codegen.diff.judge import judge
    from gio_codegen.diff.policy import load_policy
    from gio_codegen.diff.sources import schema_from_text

    old = schema_from_text(old_text, old_name)
    new = context.schema
    result = judge(context, old, new, load_policy(context.config), old_name=old_name, new_name=context.schema_file,
                   old_text=old_text, new_text=context.schema_text, render_when_major=False)
    return result.bump


def next_version(context: ProjectContext, current: str, previous_schema: Path) -> Bump:
    """The version for this generation: `current` bumped by the verdict against `previous_schema`."""
    try:
        old_text = previous_schema.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Bump(current, current, "none", "no previous schema in the output")
    if old_text == context.schema_text:
        return Bump(current, current, "none")
    from gio_codegen.diff.policy import load_policy

    load_policy(context.config)  # a bad [tool.gio-codegen.diff] is the user's error, not a bad schema
    try:
        level = schema_verdict(context, old_text, context.config.rel(previous_schema))
    except UserError:
        # The shipped schema.graphql changes all the same: never the same version for other bytes.
        return Bump(current, bump_version(current, "patch"), "patch", "schema diff",
                    warning=f"{previous_schema} is not a valid schema; judged a patch change")
    return Bump(current, bump_version(current, level), level, "schema diff")
