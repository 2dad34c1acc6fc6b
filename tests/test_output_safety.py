"""The generator never deletes what it does not own (issue 12): real directories, canary files.

Each case runs `gio-codegen generate` as a real process in a copy of a small project that has
a `.git`, docs and a canary beside it, then compares every byte under the temp dir.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, tree_bytes

BASE = Path(__file__).parent / "bad_inputs" / "_base"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    (project / ".git").mkdir()
    (project / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "docs").mkdir()
    (project / "docs/index.md").write_text("# mine\n", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/canary.txt").write_text("not the project's\n", encoding="utf-8")
    return project


def _set_output(project: Path, value: str) -> None:
    config = project / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('output = "generated"', f"output = {value!r}".replace("'", '"')), encoding="utf-8")


def _everything(root: Path) -> dict[str, bytes]:
    return {name: data for name, data in tree_bytes(root).items() if "/.gio-codegen/" not in f"/{name}"}


@pytest.mark.parametrize(
    ("output", "reason"),
    [
        (".", "is the project root"),
        ("./", "is the project root"),
        ("..", "contains the project"),
        ("../outside", "is outside the project"),
        ("ABSOLUTE", "is outside the project"),
        ("queries", "is the queries"),
        ("queries/sub", "is inside the queries"),
        ("schema.graphql", "is the schema"),
        (".gio-codegen", "is gio-codegen's state"),
        ("docs", "is a directory gio-codegen did not write"),
        ("pyproject.toml", "is the config file"),
    ],
)
def test_a_bad_output_is_refused_and_nothing_is_touched(tmp_path: Path, output: str, reason: str) -> None:
    project = _project(tmp_path)
    _set_output(project, str(tmp_path / "outside") if output == "ABSOLUTE" else output)
    before = _everything(tmp_path)
    result = run_cli("generate", cwd=project)
    assert result.code == 1, result.text
    assert "Traceback" not in result.text
    errors = [line for line in result.err.splitlines() if ": error: " in line]
    assert len(errors) == 1 and errors[0].startswith("pyproject.toml:4:1: error:"), result.err
    assert "output" in errors[0] and reason in errors[0], errors[0]
    assert _everything(tmp_path) == before


def test_a_symlinked_output_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "real").mkdir()
    (project / "generated").symlink_to("real")
    before = _everything(tmp_path)
    result = run_cli("generate", cwd=project)
    assert result.code == 1 and "is a symbolic link" in result.err, result.text
    assert _everything(tmp_path) == before and (project / "generated").is_symlink()


def test_a_good_run_touches_nothing_outside_the_output(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "generated").mkdir()  # empty: fine
    before = _everything(tmp_path)
    assert run_cli("generate", cwd=project).code == 0
    after = _everything(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("project/generated/")} == before
    assert "project/generated/.gio-codegen.json" in after


def test_files_the_manifest_does_not_list_are_kept_and_reported_unless_forced(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert run_cli("generate", cwd=project).code == 0
    (project / "generated/NOTES.md").write_text("my notes\n", encoding="utf-8")
    (project / "generated/mini_client/extra.py").write_text("X = 1\n", encoding="utf-8")
    (project / "schema.graphql").write_text((project / "schema.graphql").read_text() + "\n# edited\n")

    kept = run_cli("generate", cwd=project)
    assert kept.code == 0, kept.text
    assert "generated/NOTES.md was not written by gio-codegen; kept (--force deletes it)" in kept.err
    assert "generated/mini_client/extra.py was not written by gio-codegen" in kept.err
    assert (project / "generated/NOTES.md").read_text() == "my notes\n"
    assert (project / "generated/mini_client/extra.py").read_text() == "X = 1\n"
    assert (project / "generated/mini_client/schema.graphql").read_text().endswith("# edited\n")

    stale = run_cli("check", "--no-diff", cwd=project)
    assert stale.code == 1 and "leftover generated/NOTES.md" in stale.text

    forced = run_cli("generate", "--force", cwd=project)
    assert forced.code == 0 and "removed 2 file(s)" in forced.err, forced.text
    assert not (project / "generated/NOTES.md").exists()
    assert run_cli("check", "--no-diff", cwd=project).code == 0


def test_a_foreign_file_where_the_new_output_has_one_is_an_error(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert run_cli("generate", cwd=project).code == 0
    manifest = project / "generated/.gio-codegen.json"
    # A file this generator writes, but the manifest (say, from an older tree) does not list.
    manifest.write_text(manifest.read_text().replace('"mini_client/client.py"', '"mini_client/client-old.py"'))
    (project / "generated/mini_client/client.py").write_text("# the user's own\n")
    before = _everything(tmp_path)
    result = run_cli("generate", cwd=project)
    assert result.code == 1, result.text
    assert "generated/mini_client/client.py: error: not written by gio-codegen" in result.err
    assert _everything(tmp_path) == before


def _run_with_timeout(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator")}
    return subprocess.run(
        [sys.executable, "-m", "gio_codegen", *args], cwd=project, capture_output=True, text=True, env=env, timeout=30
    )


def test_a_fifo_among_the_queries_is_refused_not_waited_on(tmp_path: Path) -> None:
    project = _project(tmp_path)
    os.mkfifo(project / "queries/pipe.graphql")
    for verb in ("generate", "validate"):
        result = _run_with_timeout(project, verb)  # a read would block forever
        assert result.returncode == 1, result.stderr
        assert "queries/pipe.graphql: error: is a FIFO (named pipe), not a regular file" in result.stderr


def test_a_device_or_socket_as_input_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "queries/zero.graphql").symlink_to("/dev/zero")  # would stream forever
    result = _run_with_timeout(project, "generate")
    assert result.returncode == 1 and "queries/zero.graphql: error: is a character device" in result.stderr
    (project / "queries/zero.graphql").unlink()
    (project / "schema.graphql").unlink()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(project / "schema.graphql"))
        result = _run_with_timeout(project, "generate")
    assert result.returncode == 1 and "schema.graphql: error: is a socket" in result.stderr, result.stderr


def test_an_input_symlinked_out_of_the_project_is_reported(tmp_path: Path) -> None:
    project = _project(tmp_path)
    shutil.move(project / "schema.graphql", tmp_path / "outside/schema.graphql")
    (project / "schema.graphql").symlink_to(tmp_path / "outside/schema.graphql")
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    assert "schema.graphql: warning: is a symbolic link to" in result.err and "outside the project" in result.err
