"""Build, publish and install the generated client for real: pypiserver on 127.0.0.1, a fresh venv,
`pip install growingio-client` from that index only, and a call to the local GrowingIO server.

Also: reproducible builds and the automatic version bump of `generate` (docs/publishing.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import ROOT, copy_project, run_cli

from gio_codegen.generate.tree import CLI_DEPENDENCIES, RUNTIME_DEPENDENCIES
from gio_codegen.publish.version import bump_version
from gio_devserver.testing import run_server

# Wheels of the client's dependencies, downloaded once (pip uses its configured indexes) and
# kept across runs; gitignored with the rest of .gio-codegen/.
WHEELHOUSE = ROOT / ".gio-codegen" / "wheelhouse"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def isolated_pip_env() -> dict[str, str]:
    """No pip config file, no PIP_* variables: the index on the command line is the only source."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    requirements = "\n".join(RUNTIME_DEPENDENCIES + CLI_DEPENDENCIES) + "\n"
    stamp = WHEELHOUSE / "requirements.txt"
    if not (stamp.is_file() and stamp.read_text() == requirements):
        WHEELHOUSE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary", ":all:", "-d", str(WHEELHOUSE),
             *RUNTIME_DEPENDENCIES, *CLI_DEPENDENCIES],
            check=True, timeout=300,
        )
        stamp.write_text(requirements)
    return WHEELHOUSE


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def index(tmp_path: Path, wheelhouse: Path) -> Iterator[tuple[str, Path]]:
    """pypiserver on a free port, uploads open, no fallback to PyPI, pre-filled with the dependencies."""
    packages = tmp_path / "index"
    packages.mkdir()
    for wheel in wheelhouse.glob("*.whl"):
        os.link(wheel, packages / wheel.name)
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "pypi-server"), "run", "-i", "127.0.0.1", "-p", str(port),
         "-a", ".", "-P", ".", "--disable-fallback", "--log-stream", "none", str(packages)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "pypiserver did not start"
            time.sleep(0.1)
        yield url, packages
    finally:
        server.terminate()
        server.wait(timeout=10)


def publish(project: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generator"), "TWINE_USERNAME": "ci", "TWINE_PASSWORD": "unused"}
    return subprocess.run(
        [sys.executable, "-m", "gio_codegen", "publish", "--repository-url", f"{url}/", *extra],
        cwd=project, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120,
    )


def test_publish_install_call_refuse_and_upgrade(tmp_path: Path, index: tuple[str, Path]) -> None:
    url, packages = index
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    assert run_cli("build", cwd=project).code == 0

    dry = publish(project, url, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would upload growingio-client 0.1.0" in dry.stdout
    assert "growingio_client-0.1.0-py3-none-any.whl" in dry.stdout and "growingio_client-0.1.0.tar.gz" in dry.stdout
    assert not list(packages.glob("growingio_client-*")), "--dry-run uploaded something"

    first = publish(project, url)
    assert first.returncode == 0, first.stdout + first.stderr
    assert sorted(p.name for p in packages.glob("growingio_client-*")) == [
        "growingio_client-0.1.0-py3-none-any.whl", "growingio_client-0.1.0.tar.gz"]

    again = publish(project, url)
    assert again.returncode == 1
    assert "growingio-client 0.1.0 is already on this index" in again.stderr
    assert "Traceback" not in again.stderr

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--index-url", f"{url}/simple/"]
    subprocess.run([*pip, "growingio-client"], check=True, env=isolated_pip_env(), timeout=180, cwd=tmp_path)

    call = (
        "import json, sys, growingio_client\n"
        "from importlib.metadata import version\n"
        "from growingio_client import GrowingIO\n"
        "with GrowingIO(sys.argv[1], client_secret='dev-secret') as gio:\n"
        "    projects = gio.projects() or []\n"
        "print(json.dumps({'file': growingio_client.__file__, 'version': version('growingio-client'),\n"
        "                  'projects': [p.id for p in projects]}))\n"
    )
    with run_server(ROOT / "schema.graphql", client_secret="dev-secret") as server_url:
        out = subprocess.run([str(python), "-c", call, server_url], capture_output=True, text=True,
                             env=isolated_pip_env(), cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["file"].startswith(str(venv)), result["file"]
    assert result["version"] == "0.1.0"
    assert result["projects"] and all(re.fullmatch(r"[A-Za-z0-9]{8}", p) for p in result["projects"])
    console = subprocess.run([str(venv / "bin" / "growingio"), "--help"], capture_output=True, text=True, timeout=60)
    assert console.returncode == 0 and "export" in console.stdout

    assert run_cli("generate", "--version", "0.2.0", cwd=project).code == 0
    assert run_cli("build", cwd=project).code == 0
    second = publish(project, url)
    assert second.returncode == 0, second.stdout + second.stderr
    subprocess.run([*pip, "--upgrade", "growingio-client"], check=True, env=isolated_pip_env(), timeout=180, cwd=tmp_path)
    upgraded = subprocess.run(
        [str(python), "-c", "from importlib.metadata import version; print(version('growingio-client'))"],
        capture_output=True, text=True, check=True, env=isolated_pip_env(), cwd=tmp_path,
    )
    assert upgraded.stdout.strip() == "0.2.0"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    hashes = []
    for out in ("one", "two"):
        result = run_cli("build", "--out", out, cwd=project)
        assert result.code == 0, result.text
        hashes.append({p.name: sha(p) for p in (project / out).iterdir()})
    assert hashes[0] == hashes[1]
    assert sorted(hashes[0]) == ["growingio_client-0.1.0-py3-none-any.whl", "growingio_client-0.1.0.tar.gz"]
    with zipfile.ZipFile(project / "one" / "growingio_client-0.1.0-py3-none-any.whl") as wheel:
        names = wheel.namelist()
        metadata = wheel.read("growingio_client-0.1.0.dist-info/METADATA").decode()
    assert "growingio_client/py.typed" in names and "growingio_client/schema.graphql" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".gio-codegen.json")]
    requires = sorted(line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Requires-Dist: "))
    runtime = [r for r in requires if "extra ==" not in r]
    assert [r.split("<")[0].split(">")[0] for r in runtime] == ["click", "httpx", "pydantic", "rich"]
    assert [r.split("<")[0].split(">")[0] for r in requires if "extra ==" in r] == ["opentelemetry-api"]  # `otel`
    assert all("<" in r for r in requires), requires  # compatible ranges, not open-ended
    for section in ("## Operations", "## Models", "## Export jobs", "`project_id: HashId`", "export_segment_users"):
        assert section in metadata


def test_build_refuses_stale_or_edited_output(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "generated" / "growingio_client" / "client.py").write_text("# edited\n")
    result = run_cli("build", cwd=project)
    assert result.code == 1 and "edited by hand?" in result.err
    shutil.rmtree(project / "generated")
    shutil.copytree(ROOT / "generated", project / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "queries" / "tags.graphql").write_text((project / "queries" / "tags.graphql").read_text() + "\n")
    result = run_cli("build", cwd=project)
    assert result.code == 1 and "queries/tags.graphql changed since it was generated" in result.err
    assert not (project / "dist").exists()


def test_publish_needs_built_artifacts(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    result = publish(project, "http://127.0.0.1:9", "--dry-run")
    assert result.returncode == 1 and "run `gio-codegen build` first" in result.stderr


# --- the version follows the diff verdict --------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "level", "expected"),
    [("1.4.2", "major", "2.0.0"), ("1.4.2", "minor", "1.5.0"), ("1.4.2", "patch", "1.4.3"), ("1.4.2", "none", "1.4.2"),
     ("0.3.1", "major", "0.4.0"), ("0.3.1", "minor", "0.3.2"), ("0.3.1", "patch", "0.3.2")],
)
def test_bump_version(version: str, level: str, expected: str) -> None:
    assert bump_version(version, level) == expected


def client_version(project: Path) -> str:
    match = re.search(r'^version = "([^"]+)"', (project / "generated" / "pyproject.toml").read_text(), re.MULTILINE)
    assert match
    manifest = json.loads((project / "generated" / ".gio-codegen.json").read_text())
    assert manifest["client_version"] == match.group(1)
    return match.group(1)


def edit_schema(project: Path, old: str, new: str) -> None:
    path = project / "schema.graphql"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def generate(project: Path, *args: str) -> str:
    result = run_cli("generate", *args, cwd=project)
    assert result.code == 0, result.text
    return result.out


def test_generate_bumps_the_version_by_the_schema_diff(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert client_version(project) == "0.1.0"
    generate(project, "--version", "1.0.0")
    assert client_version(project) == "1.0.0"
    shipped = project / "generated" / "growingio_client" / "schema.graphql"
    assert shipped.read_text(encoding="utf-8") == (project / "schema.graphql").read_text(encoding="utf-8")

    edit_schema(project, "  DATA_READY\n", "  DATA_READY\n  PAUSED\n")  # a value in a used enum
    assert "client version 1.0.0 → 1.1.0 (schema diff: minor change" in generate(project)
    assert client_version(project) == "1.1.0"

    edit_schema(project, '"标签名称"\n  name: String!', '"标签的名称"\n  name: String!')  # a description
    generate(project)
    assert client_version(project) == "1.1.1"

    generate(project, "--force")  # same schema: no bump
    assert client_version(project) == "1.1.1"

    edit_schema(project, '"关键字"\n  key: String!', '"关键字"\n  key: Int!')  # Tag.key, selected by queries/tags.graphql
    generate(project)
    assert client_version(project) == "2.0.0"
    assert run_cli("check", "--no-diff", cwd=project).code == 0


def test_initial_development_versions_bump_minor_for_breaking_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    edit_schema(project, '  "数据已经准备就绪"\n  DATA_READY\n', "")  # a value removed from a used enum: breaking
    generate(project)
    assert client_version(project) == "0.2.0"
    edit_schema(project, "  RUNNING\n", "  RUNNING\n  PAUSED\n")
    generate(project)
    assert client_version(project) == "0.2.1"
