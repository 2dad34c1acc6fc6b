"""`gio-codegen init`: what it scaffolds, and that it never overwrites anything."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest

from conftest import ROOT, run_cli

from gio_codegen import __version__
from gio_codegen.load.config import load_config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_scaffolds_a_downstream_repo(tmp_path: Path) -> None:
    repo = tmp_path / "acme-api"
    repo.mkdir()
    result = run_cli("init", cwd=repo)
    assert result.code == 0, result.text
    config = load_config(repo / "pyproject.toml")
    assert (config.schema, config.queries, config.output) == (repo / "schema.graphql", repo / "queries", repo / "generated")
    assert (config.package, config.distribution, config.client_name) == ("acme_api_client", "acme-api-client", "Client")
    assert [p.name for p in (repo / "queries").iterdir()] == [".gitkeep"]
    assert not (repo / "schema.graphql").exists()  # the schema is the user's: init points at it
    assert "gio-codegen introspect" in result.out
    makefile = (repo / "Makefile").read_text()
    for target in ("generate", "check", "watch"):
        assert f"\n{target}:" in makefile and f"\t$(GIO_CODEGEN) {target}\n" in makefile
    workflow = (repo / ".github" / "workflows" / "gio-codegen.yml").read_text()
    assert "gio-codegen check" in workflow and f"gio-codegen=={__version__}" in workflow
    assert (repo / ".gitignore").read_text() == ".gio-codegen/\ndist/\n"


def test_appends_to_an_existing_pyproject_and_gitignore(tmp_path: Path) -> None:
    original = '[project]\nname = "acme"\nversion = "1.0"\n'
    (tmp_path / "pyproject.toml").write_text(original)
    (tmp_path / ".gitignore").write_text("*.pyc\ndist/")
    result = run_cli("init", "--package", "acme_sdk", "--client-name", "Acme", cwd=tmp_path)
    assert result.code == 0, result.text
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(original)
    document = tomllib.loads(text)
    assert document["project"]["name"] == "acme"
    assert document["tool"]["gio-codegen"]["package"] == "acme_sdk"
    assert document["tool"]["gio-codegen"]["async-client-name"] == "AsyncAcme"
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\ndist/\n.gio-codegen/\n"


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text("all:\n\techo mine\n")
    workflow = tmp_path / ".github" / "workflows" / "gio-codegen.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text("name: mine\n")
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 1
    assert "Makefile: error: already exists; refusing to overwrite it" in result.err
    assert ".github/workflows/gio-codegen.yml: error: already exists" in result.err
    assert "Traceback" not in result.err
    assert (tmp_path / "Makefile").read_text() == "all:\n\techo mine\n"
    assert workflow.read_text() == "name: mine\n"
    assert not (tmp_path / "pyproject.toml").exists() and not (tmp_path / "queries").exists()


def test_refuses_a_second_init(tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).code == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    (tmp_path / "Makefile").unlink()
    result = run_cli("init", cwd=tmp_path)
    assert result.code == 1 and "already has a [tool.gio-codegen] section" in result.err
    assert not (tmp_path / "Makefile").exists()
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == {
        p: b for p, b in before.items() if p.name != "Makefile"}


def test_rejects_names_that_are_not_identifiers(tmp_path: Path) -> None:
    result = run_cli("init", "--package", "acme-sdk", cwd=tmp_path)
    assert result.code == 1 and "'acme-sdk' is not a Python identifier" in result.err
    assert list(tmp_path.iterdir()) == []


# --- Getting the generator: --generator-spec, the Makefile's install-generator, make dist -------------------------

WORKFLOW = Path(".github") / "workflows" / "gio-codegen.yml"


def fake_python(directory: Path) -> Path:
    """A `python` that prints its arguments, one a line: what pip would have been asked to install."""
    directory.mkdir(parents=True, exist_ok=True)
    script = directory / "python"
    script.write_text('#!/bin/sh\nprintf "%s\\n" "$@"\n')
    script.chmod(0o755)
    return script


def job_block(workflow: str, job: str) -> str:
    lines = workflow.splitlines()
    start = lines.index(f"  {job}:")
    end = next((n for n in range(start + 1, len(lines)) if re.match(r"^  \S", lines[n])), len(lines))
    return "\n".join(lines[start:end]) + "\n"


def step_script(workflow: str, job: str, name: str) -> str:
    """The `run: |` script of a named step (the layout of init's template)."""
    lines = job_block(workflow, job).splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip() == f"- name: {name}")
    assert lines[at + 1].strip() == "run: |"
    body = [line[10:] for line in lines[at + 2:] if line.startswith(" " * 10)]
    return "\n".join(body) + "\n"


def workflow_spec(workflow: str) -> str:
    match = re.search(r"^  GIO_CODEGEN_SPEC: '((?:[^']|'')*)'$", workflow, re.MULTILINE)
    assert match, workflow
    return match.group(1).replace("''", "'")


@pytest.mark.parametrize("spec", [
    None,
    "gio-codegen==0.1.0",
    "git+https://example.com/acme/gio-codegen@v0.1.0#egg=gio-codegen",
    "gio-codegen @ git+https://example.com/acme/gio-codegen@v0.1.0",
    "./dist/generator/gio_codegen-0.1.0-py3-none-any.whl",
])
def test_makefile_and_ci_install_the_same_spec(tmp_path: Path, spec: str | None) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    result = run_cli("init", *(["--generator-spec", spec] if spec else []), cwd=repo)
    assert result.code == 0, result.text
    expected = spec or f"gio-codegen=={__version__}"
    assert f'pip install "{expected}"' in result.out  # the next step shown
    # What `make install-generator` hands to pip, through make and the shell:
    python = fake_python(tmp_path / "bin")
    make = subprocess.run(["make", "-s", "install-generator", f"PYTHON={python}"], cwd=repo, capture_output=True,
                          text=True, timeout=60)
    assert make.returncode == 0, make.stderr
    assert make.stdout.splitlines() == ["-m", "pip", "install", expected]
    # What CI's install step hands to pip: the workflow's env, through the step's shell.
    workflow = (repo / WORKFLOW).read_text()
    assert workflow_spec(workflow) == expected
    assert workflow.count('- run: python -m pip install "$GIO_CODEGEN_SPEC"\n') == 2  # both jobs
    ci = subprocess.run(["sh", "-c", 'python -m pip install "$GIO_CODEGEN_SPEC"'], capture_output=True, text=True,
                        env={"PATH": f"{python.parent}:/usr/bin:/bin", "GIO_CODEGEN_SPEC": workflow_spec(workflow)})
    assert ci.stdout.splitlines() == ["-m", "pip", "install", expected]


@pytest.mark.parametrize(("spec", "message"), [
    ('gio-codegen==0.1.0"; rm -rf ~', "contains a quote, backslash, '$' or control character"),
    ("gio-codgen==0.1.0", "names the distribution 'gio-codgen', not gio-codegen"),
    ("latest please", "is neither a requirement"),
    ("  ", "is empty"),
])
def test_rejects_a_bad_generator_spec(tmp_path: Path, spec: str, message: str) -> None:
    result = run_cli("init", "--generator-spec", spec, cwd=tmp_path)
    assert result.code == 1, result.text
    assert f"--generator-spec: error: {spec.strip()!r} {message}" in result.err
    assert "Traceback" not in result.err and list(tmp_path.iterdir()) == []


def test_make_dist_builds_the_generator_reproducibly(tmp_path: Path) -> None:
    dry = subprocess.run(["make", "-n", "-o", ".venv/.installed-stamp", "dist"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert "--outdir dist/generator ." in dry.stdout  # by default beside, not inside, `make build`'s dist/*.whl
    built = []
    for name in ("a", "b"):
        out = tmp_path / name
        make = subprocess.run(["make", "-s", "-o", ".venv/.installed-stamp", "dist", f"GENERATOR_DIST={out}"], cwd=ROOT,
                              capture_output=True, text=True, timeout=300,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
        assert make.returncode == 0, make.stdout + make.stderr
        built.append({p.name: p.read_bytes() for p in out.iterdir()})
    wheel, sdist = f"gio_codegen-{__version__}-py3-none-any.whl", f"gio_codegen-{__version__}.tar.gz"
    assert sorted(built[0]) == [wheel, sdist]
    assert built[0] == built[1]  # byte-identical
    with zipfile.ZipFile(tmp_path / "a" / wheel) as archive:
        names = archive.namelist()
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}  # SOURCE_DATE_EPOCH
    for template in ("Makefile.jinja", "gio-codegen.yml.jinja", "pyproject.toml.jinja"):
        assert f"gio_codegen/init_templates/{template}" in names
    assert "gio_codegen/commands/migrate.py" in names
    # The wheel works on its own: installed into a directory, its `init` scaffolds from its own templates.
    target = tmp_path / "site"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target",
                          str(target), str(tmp_path / "a" / wheel)], capture_output=True, text=True, timeout=300)
    assert pip.returncode == 0, pip.stderr
    repo = tmp_path / "downstream"
    repo.mkdir()
    probe = subprocess.run([sys.executable, "-c", "import gio_codegen, sys; print(gio_codegen.__file__); "
                            "sys.argv = ['gio-codegen', 'init']; from gio_codegen.cli import main; main()"],
                           cwd=repo, capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(target)})
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.splitlines()[0].startswith(str(target))
    assert f"gio-codegen=={__version__}" in (repo / "Makefile").read_text()


# --- The scheduled drift job --------------------------------------------------------------------------------------


def test_workflow_runs_a_scheduled_schema_drift_job(tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).code == 0
    workflow = (tmp_path / WORKFLOW).read_text()
    triggers = workflow[workflow.index("\non:\n"):workflow.index("\nenv:\n")]
    assert re.search(r'\n  schedule:\n    - cron: "\S+ \S+ \S+ \S+ \S+"', triggers) and "\n  workflow_dispatch:\n" in triggers
    assert "\n  push:\n" in triggers and "\n  pull_request:\n" in triggers
    drift, scheduled = job_block(workflow, "drift"), job_block(workflow, "schema-drift")
    assert "if: github.event_name != 'schedule'" in drift and "gio-codegen check --format github" in drift
    assert "if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'" in scheduled
    assert "      SCHEMA_URL: ${{ vars.SCHEMA_URL }}\n" in scheduled
    assert "      GIO_TOKEN: ${{ secrets.GIO_TOKEN }}\n" in scheduled
    assert 'gio-codegen check --schema-against "$SCHEMA_URL"' in step_script(workflow, "schema-drift",
                                                                             'gio-codegen check --schema-against "$SCHEMA_URL"')
    header = workflow[:workflow.index("\nname:")]  # the comments name the variable and the secret
    assert "variable SCHEMA_URL" in header and "secret   GIO_TOKEN" in header
    assert "make schema-drift" in (tmp_path / "Makefile").read_text()


def test_scheduled_job_script_against_a_live_server(tmp_path: Path) -> None:
    """The scheduled step's own script, run against a real server: passes in sync, fails on drift or without a URL."""
    from gio_devserver.testing import run_server

    repo = tmp_path / "acme"
    repo.mkdir()
    assert run_cli("init", cwd=repo).code == 0
    with (repo / "pyproject.toml").open("a", encoding="utf-8") as config:  # the dev server's (GrowingIO's) auth
        config.write('\n[tool.gio-codegen.auth]\ntype = "client-credentials"\ntoken-path = "/accounts/oauth/access_token"\n'
                     'client-id = "api"\nscope = "system"\nprefix = "Token"\n')
    shutil.copy(ROOT / "schema.graphql", repo / "schema.graphql")
    (repo / "queries" / "projects.graphql").write_text("query Projects {\n  projects {\n    id\n    name\n  }\n}\n")
    generated = run_cli("generate", cwd=repo)
    assert generated.code == 0, generated.text
    workflow = (repo / WORKFLOW).read_text()
    script = step_script(workflow, "schema-drift", 'gio-codegen check --schema-against "$SCHEMA_URL"')
    shim = tmp_path / "bin" / "gio-codegen"  # this checkout's gio-codegen, as pip would install it
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nPYTHONPATH={ROOT / "generator"} exec {sys.executable} -m gio_codegen "$@"\n')
    shim.chmod(0o755)

    def run_step(url: str, token: str) -> subprocess.CompletedProcess[str]:
        env = {"PATH": f"{shim.parent}:/usr/bin:/bin", "SCHEMA_URL": url, "GIO_TOKEN": token, "GIO_CLIENT_SECRET": "",
               "HOME": str(tmp_path)}
        return subprocess.run(["bash", "-e", "-c", script], cwd=repo, capture_output=True, text=True, env=env,
                              timeout=180)

    missing = run_step("", "")
    assert missing.returncode == 1 and "::error::set the repository variable SCHEMA_URL" in missing.stdout
    stage = '  "任务正在执行"\n  RUNNING\n'
    drifted = tmp_path / "server-schema.graphql"
    drifted.write_text((ROOT / "schema.graphql").read_text().replace(stage, stage + '  "任务已暂停"\n  PAUSED\n'))
    assert drifted.read_text() != (ROOT / "schema.graphql").read_text()
    for schema, expected in ((ROOT / "schema.graphql", 0), (drifted, 1)):
        with run_server(schema) as url:
            form = {"grant_type": "client_credentials", "client_id": "api", "client_secret": "dev-secret",
                    "scope": "system"}
            token = httpx.post(f"{url}/accounts/oauth/access_token", data=form).json()["access_token"]
            result = run_step(f"{url}/graphql", token)
        assert result.returncode == expected, result.stdout + result.stderr
        if expected:
            assert "JobStage.PAUSED" in result.stdout + result.stderr
        assert token not in result.stdout + result.stderr
