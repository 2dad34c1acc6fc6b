"""Replace the output directory with a rendered one in a single step.

Written by hand: no library offers an atomic directory exchange. On Linux,
renameat2(RENAME_EXCHANGE) swaps the two trees atomically, so a crash leaves
either the old tree or the new one; elsewhere two renames are used and an
interrupted swap is repaired by `recover` on the next run. Files whose bytes
did not change are hard-linked from the old tree, so they keep their inode
and mtime (editors and build tools see them untouched).
"""

from __future__ import annotations

import ctypes
import os
import shutil
from pathlib import Path

from gio_codegen.write.tree import is_ignored

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _backup_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.gio-codegen-old")


def recover(output: Path) -> None:
    """Finish or undo a swap that a crash interrupted (two-rename fallback only)."""
    backup = _backup_path(output)
    if backup.exists():
        if output.exists():
            shutil.rmtree(backup)
        else:
            backup.rename(output)


def reuse_unchanged(new_tree: Path, old_tree: Path) -> tuple[int, int]:
    """Hard-link identical files from the old tree; return (changed, unchanged) counts."""
    changed = unchanged = 0
    for path in sorted(new_tree.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(new_tree)
        old = old_tree / relative
        try:
            same = old.is_file() and not is_ignored(relative) and old.read_bytes() == path.read_bytes()
        except OSError:
            same = False
        if same:
            path.unlink()
            try:
                os.link(old, path)
            except OSError:
                shutil.copy2(old, path)
            unchanged += 1
        else:
            changed += 1
    return changed, unchanged


def swap_into_place(new_tree: Path, output: Path) -> None:
    if not output.exists():
        new_tree.rename(output)
        return
    if _exchange(new_tree, output):
        shutil.rmtree(new_tree)  # now holds the previous tree
        return
    backup = _backup_path(output)
    output.rename(backup)
    new_tree.rename(output)
    shutil.rmtree(backup)
