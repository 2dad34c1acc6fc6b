"""Atomicity and concurrency of `generate` (issue 7).

A crash at any point — injected with `GIO_CODEGEN_FAULT=<point>` (write/swap.py SIGKILLs the
process there) or a SIGKILL from outside at random moments — leaves generated/ exactly as
before or exactly as after; the next run finishes the job. Two runs never interleave: the
second waits on the project lock and says so.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_cli, tree_bytes

POINTS = ["after-render", "after-link", "before-swap", "after-swap"]


def _edit(project: Path) -> None:
    """A change that rewrites some files and keeps others (so hard links are exercised)."""
    tags = project / "queries/tags.graphql"
    tags.write_text(tags.read_text(encoding="utf-8").replace("...Tag", "# changed\n    ...Tag"), encoding="utf-8")


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """generated/ before the edit (committed) and after it (a clean run)."""
    project = copy_project(tmp_path_factory.mktemp("after"))
    _edit(project)
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    return tree_bytes(ROOT / "generated"), tree_bytes(project / "generated")


def _spawn(project: Path, *args: str, fault: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    env.pop("GIO_CODEGEN_FAULT", None)
    if fault:
        env["GIO_CODEGEN_FAULT"] = fault
    return subprocess.Popen(
        [sys.executable, "-m", "gio_codegen", "generate", *args], cwd=project, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.mark.parametrize("point", POINTS)
def test_injected_crash_leaves_before_or_after(tmp_path: Path, point: str, states: tuple[dict, dict]) -> None:
    before, after = states
    project = copy_project(tmp_path)
    _edit(project)
    process = _spawn(project, fault=point)
    process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL
    expected = after if point == "after-swap" else before
    assert tree_bytes(project / "generated") == expected
    rerun = run_cli("generate", cwd=project)
    assert rerun.code == 0, rerun.text
    assert tree_bytes(project / "generated") == after


def test_sigkill_at_random_moments_leaves_before_or_after(tmp_path: Path, states: tuple[dict, dict]) -> None:
    before, after = states
    seen = set()
    for attempt, delay in enumerate([0.05, 0.3, 0.6, 0.9, 1.2]):
        (tmp_path / str(attempt)).mkdir()
        project = copy_project(tmp_path / str(attempt))
        _edit(project)
        process = _spawn(project)
        time.sleep(delay)
        process.kill()
        process.communicate(timeout=60)
        tree = tree_bytes(project / "generated")
        assert tree in (before, after), f"killed after {delay}s: a mixed tree"
        seen.add("after" if tree == after else "before")
        assert run_cli("generate", cwd=project).code == 0
        assert tree_bytes(project / "generated") == after
        shutil.rmtree(project)
    assert "before" in seen


def test_second_run_waits_for_the_lock_and_says_so(tmp_path: Path, states: tuple[dict, dict]) -> None:
    _before, after = states
    project = copy_project(tmp_path)
    _edit(project)
    (project / ".gio-codegen").mkdir(exist_ok=True)
    with open(project / ".gio-codegen/lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = _spawn(project)
        time.sleep(1.5)
        assert waiting.poll() is None, "generate must not run while another holds the lock"
        fcntl.flock(held, fcntl.LOCK_UN)
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, out + err
    assert "waiting for another run to finish" in err
    assert tree_bytes(project / "generated") == after


def test_concurrent_runs_do_not_interleave(tmp_path: Path, states: tuple[dict, dict]) -> None:
    _before, after = states
    project = copy_project(tmp_path)
    _edit(project)
    first = _spawn(project, "--force", fault="pause:before-swap")  # holds the lock a second longer
    time.sleep(0.5)
    second = _spawn(project, "--force")
    results = [p.communicate(timeout=120) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, results
    assert "waiting for another run to finish" in results[1][1]
    assert tree_bytes(project / "generated") == after
