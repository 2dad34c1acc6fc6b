"""Replace the output directory with a rendered one in a single step.

Written by hand: no library offers an atomic directory exchange. On Linux,
renameat2(RENAME_EXCHANGE) swaps the two trees atomically, so a crash leaves
either the old tree or the new one; elsewhere two renames are used and an
interrupted swap is repaired by `recover` on the next run. Files whose bytes
did not change are hard-linked from the old tree, so they keep their inode
and mtime (editors and build tools see them untouched).
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

from gio_codegen.write.tree import is_ignored

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def fault(point: str) -> None:
    """Crash-test hook (tests/test_crash_safety.py): `GIO_CODEGEN_FAULT=<point>` SIGKILLs this
    process at `point` (after-render, after-link, before-swap, after-swap); `pause:<point>`
    sleeps there for a second instead. Unset, it costs one dict lookup."""
    wanted = os.environ.get("GIO_CODEGEN_FAULT")
    if wanted == point:
        os.kill(os.getpid(), signal.SIGKILL)
    elif wanted == f"pause:{point}":
        time.sleep(1.0)


def _exchange(a: Path, b: Path) -> bool:
    import ctypes  # only here: a first generate (nothing to exchange) does without its import

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _backup_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.gio-codegen-old")


def new_tree_prefix(output: Path) -> str:
    return f".{output.name}.gio-codegen-new-"


def recover(output: Path) -> None:
    """Clean up after a run that was killed: called under the project lock, so any rendered
    tree left beside the output is an orphan; finish or undo an interrupted two-rename swap."""
    if output.parent.is_dir():
        for orphan in output.parent.glob(new_tree_prefix(output) + "*"):
            shutil.rmtree(orphan, ignore_errors=True)
    backup = _backup_path(output)
    if backup.exists():
        if output.exists():
            shutil.rmtree(backup)
        else:
            backup.rename(output)


def reuse_unchanged(new_tree: Path, old_tree: Path) -> tuple[int, int]:
    """Hard-link identical files from the old tree; return (changed, unchanged) counts."""
    fault("after-render")
    changed = unchanged = 0
    for path in sorted(new_tree.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(new_tree)
        if is_ignored(relative):
            continue  # a tool's cache carried over from the old tree (write/ownership.py): not output
        old = old_tree / relative
        try:
            same = old.is_file() and old.read_bytes() == path.read_bytes()
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
    fault("after-link")
    return changed, unchanged


def swap_into_place(new_tree: Path, output: Path) -> None:
    fault("before-swap")
    if not output.exists():
        new_tree.rename(output)
    elif _exchange(new_tree, output):
        fault("after-swap")  # the previous tree still sits in new_tree's place
        shutil.rmtree(new_tree)  # now holds the previous tree
        return
    else:
        backup = _backup_path(output)
        output.rename(backup)
        fault("mid-swap")  # two-rename fallback only: `recover` puts the backup back
        new_tree.rename(output)
        shutil.rmtree(backup)
    fault("after-swap")
