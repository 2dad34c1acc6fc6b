"""Job helpers only for job-shaped schemas (issue 14): a schema with mutations but no job-shaped
ones (no `{id, stage}` job, no poll query) gets no jobs/downloads modules, no export flows, no
job exceptions and no download options, and still type-checks and runs against a real server."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from fuzz.project import imported, mypy_strict
from local_asgi import serve

SCHEMA = """\
type Query { task(id: ID!): Task }
type Mutation { startTask(name: String!): Task! }
type Task { id: ID! name: String! state: State! }
enum State { RUNNING DONE }
"""
OPERATIONS = {
    "task": "query Task($id: ID!) { task(id: $id) { id name state } }\n",
    "start": "mutation StartTask($name: String!) { startTask(name: $name) { id name state } }\n",
}
JOB_NAMES = ("JobFailed", "JobTimeout", "DownloadError")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("nojobs")
    (root / "queries").mkdir()
    (root / "pyproject.toml").write_text('[tool.gio-codegen]\npackage = "nojobs_client"\ncli-name = "nojobs"\n', encoding="utf-8")
    (root / "schema.graphql").write_text(SCHEMA, encoding="utf-8")
    for name, text in OPERATIONS.items():
        (root / "queries" / f"{name}.graphql").write_text(text, encoding="utf-8")
    result = run_cli("generate", cwd=root)
    assert result.code == 0, result.text
    return root / "generated"


def test_no_job_modules_names_or_options(generated: Path) -> None:
    package_dir = generated / "nojobs_client"
    assert not (package_dir / "jobs.py").exists() and not (package_dir / "downloads.py").exists()
    exceptions = (package_dir / "exceptions.py").read_text(encoding="utf-8")
    init = (package_dir / "__init__.py").read_text(encoding="utf-8")
    for name in JOB_NAMES:
        assert name not in exceptions and name not in init, name
    for module in ("client.py", "async_client.py", "sync_transport.py", "transport.py", "cli.py", "cli_support.py"):
        text = (package_dir / module).read_text(encoding="utf-8")
        assert "download" not in text.lower() and "wait_for_job" not in text, module
    readme = (generated / "README.md").read_text(encoding="utf-8")
    assert "Export jobs" not in readme and "download_timeout" not in readme and "JobFailed" not in readme


def test_it_passes_mypy_strict(generated: Path) -> None:
    result = mypy_strict(generated, "nojobs_client")
    assert result.returncode == 0, result.stdout


@pytest.fixture(scope="module")
def server() -> Any:
    from ariadne import MutationType, QueryType, make_executable_schema
    from ariadne.asgi import GraphQL

    query, mutation = QueryType(), MutationType()
    query.set_field("task", lambda _obj, _info, id: {"id": id, "name": "build", "state": "DONE"})
    mutation.set_field("startTask", lambda _obj, _info, name: {"id": "t1", "name": name, "state": "RUNNING"})
    app = GraphQL(make_executable_schema(SCHEMA, query, mutation))
    with serve(app) as url:
        yield url


def test_the_client_runs_without_job_helpers(generated: Path, server: str) -> None:
    with imported(generated, "nojobs_client") as package:
        for name in JOB_NAMES:
            assert not hasattr(package, name), name
        assert "download_timeout" not in inspect.signature(package.Client).parameters
        with package.Client(server, token="t0ken-value") as client:
            assert not hasattr(client, "download") and not hasattr(client, "wait_for_job")
            started = client.start_task(name="build")
            assert (started.id, started.state.value) == ("t1", "RUNNING")
            assert client.task(id="t1").name == "build"
