"""Build the generated client into a wheel and an sdist, byte for byte the same on every run.

The files listed in the manifest (and only those: no `__pycache__`, no hand-added files) are
staged in a temporary directory and built there with `python -m build` (sdist, then the wheel
from the sdist). hatchling honours `SOURCE_DATE_EPOCH` and sorts archive entries, so equal
inputs give identical archives.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from gio_codegen.errors import UserError

# 1980-01-01T00:00:00Z, the earliest time a zip entry can carry; used unless the
# environment already sets SOURCE_DATE_EPOCH (the reproducible-builds convention).
DEFAULT_EPOCH = "315532800"


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_distribution(output: Path, files: list[str], dist: Path) -> list[Path]:
    """Stage `files` (relative to `output`) and build them into `dist`; return the two artifacts."""
    if importlib.util.find_spec("build") is None:
        raise UserError.at("build", "the 'build' package is not installed: pip install build", code="build")
    with tempfile.TemporaryDirectory(prefix="gio-codegen-build-") as temp:
        staging, out = Path(temp) / "src", Path(temp) / "dist"
        for name in sorted(files):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(output / name, target)
            target.chmod(0o644)
        command = [sys.executable, "-m", "build", "--outdir", str(out)]
        if importlib.util.find_spec("hatchling") is not None:
            command.append("--no-isolation")  # the backend is here: no network, no fresh venv
        command.append(str(staging))
        env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH") or DEFAULT_EPOCH}
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False, cwd=temp)
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
            raise UserError.at("build", f"python -m build failed (exit {result.returncode}):\n{tail}", code="build")
        built = sorted(out.iterdir())
        dist.mkdir(parents=True, exist_ok=True)
        artifacts = []
        for path in built:
            target = dist / path.name
            shutil.copyfile(path, target)
            artifacts.append(target)
    return artifacts
