"""ruff over the whole rendered tree at once (two process spawns, whatever the file count)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# Fixed style, independent of any ruff config the user's repo may carry.
_STYLE = ["--isolated", "--line-length", "100", "--target-version", "py310"]


def _ruff() -> list[str]:
    from ruff.__main__ import find_ruff_bin

    return [str(find_ruff_bin())]


def format_tree(root: Path) -> None:
    ruff = _ruff()
    fix = [*ruff, "check", "--fix", "--quiet", "--no-cache", *_STYLE, "--select", "I,F401", "--exit-zero", str(root)]
    fmt = [*ruff, "format", "--quiet", "--no-cache", *_STYLE, str(root)]
    for command in (fix, fmt):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            raise RuntimeError(f"ruff failed on generated code (exit {result.returncode}): {result.stderr.strip()}")
