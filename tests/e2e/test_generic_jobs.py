"""The job helpers come from the schema's shape, not from GrowingIO's names (generate/jobs.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gio_codegen.generate.jobs import flow_name, is_job_mutation, is_poll_query
from graphql import build_schema, parse

from .helpers import ROOT_DIR

SDL = """
enum Stage { QUEUED FINISH ERROR }
enum Light { RED GREEN }
type Report { id: String! stage: Stage! }
type Lamp { id: String! stage: Light! }
type Outcome { id: ID! stage: Stage uris: [String!] }
type Query { outcome(id: String!): Outcome  outcomeIn(id: String!, project: String): Outcome }
type Mutation { startReportJob(name: String): Report!  switchLamp: Lamp }
"""


@pytest.mark.parametrize(
    ("root_field", "name"),
    [
        ("submitTagUserExportJob", "export_tag_users"),
        ("submitSegmentUserExportJob", "export_segment_users"),
        ("submitAnalysisExportJob", "export_analysis"),
        ("submitUserExportJob", "export_users"),
        ("startReportJob", "export_start_report"),
    ],
)
def test_flow_names(root_field: str, name: str) -> None:
    assert flow_name(root_field) == name


@pytest.mark.parametrize(
    ("document", "job", "poll"),
    [
        ("mutation M { startReportJob { id stage } }", True, False),
        ("mutation M { startReportJob { stage } }", False, False),  # no id to poll with
        ("mutation M { switchLamp { id stage } }", False, False),  # no FINISH/ERROR stage
        ("query Q($id: String!) { outcome(id: $id) { stage uris } }", False, True),
        ("query Q($id: String!) { outcome(id: $id) { stage } }", False, False),  # uris not selected
        ('query Q { outcome(id: "x") { stage uris } }', False, False),  # id is not a variable
        ("query Q($id: String!) { outcomeIn(id: $id) { stage uris } }", False, False),  # more arguments
    ],
)
def test_detection_rules(document: str, job: bool, poll: bool) -> None:
    schema = build_schema(SDL)
    operation = parse(document).definitions[0]
    assert is_job_mutation(operation, schema, {}) is job
    assert is_poll_query(operation, schema, {}) is poll


def test_without_a_poll_query_no_job_helpers_are_generated(tmp_path: Path) -> None:
    for name in ("pyproject.toml", "schema.graphql"):
        shutil.copy2(ROOT_DIR / name, tmp_path / name)
    shutil.copytree(ROOT_DIR / "queries", tmp_path / "queries")
    (tmp_path / "queries/jobResult.graphql").unlink()
    env = {**os.environ, "PYTHONPATH": str(ROOT_DIR / "generator")}
    done = subprocess.run([sys.executable, "-m", "gio_codegen", "generate"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    package = tmp_path / "generated/growingio_client"
    assert not (package / "jobs.py").exists()
    assert "wait_for_job" not in (package / "client.py").read_text(encoding="utf-8")
    assert '@cli.group("export")' not in (package / "cli.py").read_text(encoding="utf-8")
    env["PYTHONPATH"] = str(tmp_path / "generated")
    imported = subprocess.run([sys.executable, "-m", "growingio_client.cli", "--help"], env=env, capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr
    assert "job-result" not in imported.stdout and "\n  export " not in imported.stdout
