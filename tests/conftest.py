"""Shared fixtures: a throwaway copy of this project, and the CLI run as a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "devserver"), str(ROOT / "generated")]


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str, cwd: Path) -> Result:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    process = subprocess.run(
        [sys.executable, "-m", "gio_codegen", *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )
    return Result(process.returncode, process.stdout, process.stderr)


def copy_project(dest: Path, *, with_generated: bool = True) -> Path:
    for name in ("pyproject.toml", "schema.graphql"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "queries", dest / "queries")
    if with_generated:
        shutil.copytree(ROOT / "generated", dest / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this repository's generator inputs and committed output."""
    return copy_project(tmp_path)
