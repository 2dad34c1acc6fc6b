"""The `growingio` command, run as a real process against the dev server."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from growingio_client import GrowingIO

from .helpers import PROJECT, SECRET, run_growingio


def growingio(server, *args: str, secret: str = SECRET) -> subprocess.CompletedProcess[str]:
    return run_growingio(server.url, *args, secret=secret)


def test_export_segment_users_writes_a_file(server, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    done = growingio(
        server, "export", "segment-users", "--project-id", PROJECT, "--segment-id", "qgQMXnD3",
        "--charset", "UTF-16LE", "-o", str(out), "--poll", "0.05",
    )
    assert done.returncode == 0, done.stderr
    [path] = out.iterdir()
    assert re.fullmatch(r"[A-Za-z0-9]{8}-下载用户列表\.csv", path.name), "named <result id>-<server name>"
    assert done.stdout.splitlines() == [str(path)]
    lines = path.read_text(encoding="utf-8").splitlines()  # converted from UTF-16LE, no BOM
    assert lines[0] == "用户ID,用户名,城市,测试_分层,基础指标,测试_基础指标标签,是否付费（用户变量）"
    assert len(lines) > 100 and all(re.fullmatch(r"1\d{9},[^,]+(,[^,]+){5}", line) for line in lines[1:])
    assert os.listdir(out) == [path.name]
    assert "Traceback" not in done.stderr


def test_tags_json_is_the_root_field_as_json(server) -> None:
    done = growingio(server, "--json", "tags", "--project-id", PROJECT)
    assert done.returncode == 0, done.stderr
    with GrowingIO(server.url, client_secret=SECRET) as client:
        expected = [tag.model_dump(mode="json", by_alias=True) for tag in client.tags(project_id=PROJECT)]
    assert json.loads(done.stdout) == expected


def test_tags_table_lists_scalar_columns(server) -> None:
    done = growingio(server, "tags", "--project-id", PROJECT)
    assert done.returncode == 0, done.stderr
    header = done.stdout.splitlines()[1]
    assert all(column in header for column in ("id", "name", "key", "createdAt"))
    assert "computes" not in header  # nested values are left to --json
    assert "mgGJj3GA" in done.stdout and "测试_分层" in done.stdout


def test_errors_are_one_line_without_the_secret(server) -> None:
    secret = "wrong-secret-77c1"
    done = growingio(server, "projects", secret=secret)
    assert done.returncode == 1
    assert done.stderr.startswith("growingio: error: ") and done.stderr.count("\n") == 1
    assert secret not in done.stdout + done.stderr and "Traceback" not in done.stderr
    bad_id = growingio(server, "tags", "--project-id", "nope")
    assert bad_id.returncode == 1 and "invalid HashId" in bad_id.stderr
