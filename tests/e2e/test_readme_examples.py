"""The generated README's Python examples pass `mypy --strict` against the generated package
(the nullable-list idiom it documents included), and fail it when the idiom is dropped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .helpers import ROOT_DIR

README = ROOT_DIR / "generated" / "README.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def _mypy(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    module = tmp_path / "readme_example.py"
    module.write_text(code, encoding="utf-8")
    env = {**os.environ, "MYPYPATH": str(ROOT_DIR / "generated")}
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--follow-imports=silent", str(module)]
    return subprocess.run(command, env=env, capture_output=True, text=True, cwd=tmp_path, timeout=300)


def test_readme_examples_pass_mypy_strict(tmp_path: Path) -> None:
    blocks = _python_blocks()
    assert blocks and any(" or [] if item is not None" in block for block in blocks), "the nullable-list idiom is shown"
    done = _mypy(tmp_path, "\n\n".join(f"def example_{i}() -> None:\n" + "".join(
        f"    {line}\n" for line in block.splitlines()) for i, block in enumerate(blocks)))
    assert done.returncode == 0, done.stdout + done.stderr


def test_without_the_idiom_mypy_strict_objects(tmp_path: Path) -> None:
    [block] = [block for block in _python_blocks() if " or [] if item is not None" in block]
    naive = re.sub(r"\[item for item in (.*?) or \[\] if item is not None\]", r"\1", block)
    assert naive != block
    done = _mypy(tmp_path, naive)
    assert done.returncode == 1 and "error" in done.stdout, done.stdout
