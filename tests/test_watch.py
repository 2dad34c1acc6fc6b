"""`gio-codegen watch` as a real process on a temporary project copy."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from conftest import ROOT, copy_project, tree_bytes


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_watch_regenerates_and_keeps_last_good_output(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator"), "PYTHONUNBUFFERED": "1"}
    out, err = project / "watch.out", project / "watch.err"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "gio_codegen", "--config", str(project / "pyproject.toml"), "watch", "--debounce", "50"],
            cwd=project, stdout=stdout, stderr=stderr, env=env,
        )
    try:
        assert wait_for(lambda: "start:" in out.read_text() and out.read_text().count("\n") >= 1), err.read_text()
        module = project / "generated" / "growingio_client" / "operations.py"
        before = module.read_bytes()
        query = project / "queries" / "projects.graphql"
        text = query.read_text().replace("    ...Project", "    __typename\n    ...Project")
        query.write_text(text)
        assert wait_for(lambda: module.read_bytes() != before), out.read_text() + err.read_text()
        assert wait_for(lambda: "projects.graphql: wrote generated/" in out.read_text())
        good = tree_bytes(project / "generated")
        runs = out.read_text().count("\n")
        query.write_text(text.replace("projects", "projectz", 1))
        assert wait_for(lambda: "failed:" in out.read_text()), out.read_text() + err.read_text()
        assert wait_for(lambda: "projectz" in err.read_text())
        assert out.read_text().count("\n") > runs
        assert tree_bytes(project / "generated") == good
        assert process.poll() is None
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert "Traceback" not in err.read_text()
