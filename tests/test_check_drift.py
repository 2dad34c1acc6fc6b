"""`gio-codegen check --schema-against`: the canonical schema compared with a live server or a git revision."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import run_cli

NEW_STAGE = '  "任务正在执行"\n  RUNNING\n'


def _token(url: str) -> str:
    form = {"grant_type": "client_credentials", "client_id": "api", "client_secret": "dev-secret", "scope": "system"}
    return str(httpx.post(f"{url}/accounts/oauth/access_token", data=form).json()["access_token"])


@pytest.fixture
def newer_server(project: Path, tmp_path: Path) -> Iterator[str]:
    """A server whose schema has gained a JobStage value the canonical schema lacks."""
    from gio_devserver.testing import run_server

    schema = tmp_path / "server-schema.graphql"
    text = (project / "schema.graphql").read_text(encoding="utf-8")
    assert NEW_STAGE in text
    schema.write_text(text.replace(NEW_STAGE, NEW_STAGE + '  "任务已暂停"\n  PAUSED\n'), encoding="utf-8")
    with run_server(schema) as url:
        yield url


def test_live_server_with_a_new_enum_value_is_drift(project: Path, newer_server: str) -> None:
    env_token = _token(newer_server)
    os.environ["GIO_TOKEN"] = env_token
    try:
        result = run_cli("check", "--schema-against", f"{newer_server}/graphql", cwd=project)
    finally:
        del os.environ["GIO_TOKEN"]
    assert result.code == 1, result.text
    assert "generated/ is up to date" in result.out
    assert "JobStage.PAUSED" in result.out and "bump: minor" in result.out
    assert env_token not in result.text


def test_identical_live_schema_passes_and_breaking_only_mode(project: Path, newer_server: str) -> None:
    headers = ["--header", f"Authorization: Token {_token(newer_server)}"]
    lenient = run_cli("check", "--schema-against", f"{newer_server}/graphql", *headers, "--fail-on", "broken", cwd=project)
    assert lenient.code == 0, lenient.text


def test_git_revision_source(project: Path) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=project, check=True)
    same = run_cli("check", "--schema-against", "git:HEAD:schema.graphql", "--format", "json", cwd=project)
    assert same.code == 0, same.text
    schema = project / "schema.graphql"
    schema.write_text(schema.read_text(encoding="utf-8").replace('  "业务类型"\n  businessType: String\n', "", 1), encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "drop businessType"], cwd=project, check=True)
    schema.write_text(subprocess.run(["git", "show", "HEAD~1:schema.graphql"], cwd=project, capture_output=True,
                                     text=True, check=True).stdout, encoding="utf-8")
    drift = run_cli("check", "--schema-against", "git:HEAD:schema.graphql", "--format", "json", cwd=project)
    assert drift.code == 1
    report = json.loads(drift.out)
    assert report["generated"]["clean"] is True
    assert report["schema"]["bump"] == "major" and report["schema"]["old"] == "schema.graphql", drift.out


def test_github_format_carries_the_diff(project: Path) -> None:
    client = project / "generated/growingio_client/client.py"
    client.write_bytes(client.read_bytes() + b"# hand edit\n")
    result = run_cli("check", "--format", "github", cwd=project)
    assert result.code == 1
    [line] = [line for line in result.out.splitlines() if "client.py" in line]
    assert line.startswith("::error file=generated/growingio_client/client.py,title=gio-codegen check::stale")
    assert "%0A-# hand edit" in line
