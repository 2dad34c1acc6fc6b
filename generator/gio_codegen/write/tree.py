"""Snapshots and comparisons of generated trees (bytes, not mtimes)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from gio_codegen import fingerprint


def is_ignored(relative: Path) -> bool:
    """A cache a tool dropped into the output (`fingerprint.IGNORED_NAMES`): never part of it."""
    return fingerprint.is_ignored(relative.parts)


def snapshot(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        return {}
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not is_ignored(relative):
            files[relative.as_posix()] = path.read_bytes()
    return files


@dataclass
class TreeDiff:
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.stale or self.missing or self.leftover)


def compare(expected: dict[str, bytes], actual: dict[str, bytes]) -> TreeDiff:
    diff = TreeDiff()
    for name in sorted(expected):
        if name not in actual:
            diff.missing.append(name)
        elif actual[name] != expected[name]:
            diff.stale.append(name)
        else:
            diff.unchanged.append(name)
    diff.leftover = sorted(set(actual) - set(expected))
    return diff


def unified(name: str, expected: bytes, actual: bytes, context: int = 2, limit: int = 40) -> str:
    """A short diff from what is on disk to what should be there."""
    old = actual.decode("utf-8", "replace").splitlines(keepends=True)
    new = expected.decode("utf-8", "replace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}", n=context))
    if len(lines) > limit:
        lines = lines[:limit] + [f"… {len(lines) - limit} more diff lines\n"]
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
