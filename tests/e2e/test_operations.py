"""Each of the 12 operations in queries/, through GrowingIO and AsyncGrowingIO, over real HTTP."""

from __future__ import annotations

import base64
from datetime import datetime

import pytest
from growingio_client import (
    AnalysisExportJobParam,
    AnalysisType,
    DetectedStage,
    GrowingIOError,
    InvalidArgument,
    JobStage,
    Project,
    Segment,
    Tag,
)

from .helpers import PROJECT, SEGMENT, TAG, USER


def _decoded(job_id: str) -> str:
    return base64.b64decode(job_id + "=" * (-len(job_id) % 4)).decode()


def test_projects(client) -> None:
    projects = client.projects()
    assert PROJECT in [p.id for p in projects]
    assert all(isinstance(p, Project) for p in projects)
    assert projects[0].created_at.tzinfo is not None


def test_tags(client) -> None:
    tags = client.tags(project_id=PROJECT)
    tag = next(t for t in tags if t.id == TAG)
    assert isinstance(tag, Tag) and tag.name == "测试_分层"
    assert tag.detector is None or isinstance(tag.detector.stage, DetectedStage)


def test_segments(client) -> None:
    segments = client.segments(project_id=PROJECT)
    assert SEGMENT in [s.id for s in segments]
    assert all(isinstance(s, Segment) for s in segments)


@pytest.mark.parametrize("method", ["funnel_analyses", "event_analyses", "retention_analyses", "frequency_analyses"])
def test_analysis_lists(client, method: str) -> None:
    analyses = getattr(client, method)(project_id=PROJECT)
    assert analyses, method
    assert all(len(a.id) == 8 and a.name for a in analyses)


def test_user_profile(client) -> None:
    profile = client.user_profile(project_id=PROJECT, user_id=USER, tags=[TAG], properties=["usr_city"])
    assert profile is not None and profile.user_id == USER
    values = {p.key: p.value for p in profile.properties}
    assert values[TAG] == "<=1" and "usr_city" in values


def test_submit_tag_user_export_job(client) -> None:
    job = client.submit_tag_user_export_job(tag_id=TAG, charset="UTF-8", detail_export=True)
    assert job.stage == JobStage.NONE and job.name.startswith("DET-")
    assert _decoded(job.id).startswith("TagUserExportJobDto:")
    assert isinstance(job.created_at, datetime) and job.created_at.tzinfo is not None


def test_submit_segment_user_export_job(client) -> None:
    job = client.submit_segment_user_export_job(project_id=PROJECT, segment_id=SEGMENT, tags=[TAG], charset="UTF-16LE")
    assert job.stage == JobStage.NONE and job.name.startswith("DES-")
    assert _decoded(job.id).startswith("SegmentUserExportJobDto:")


def test_submit_analysis_export_job(client) -> None:
    funnel = client.funnel_analyses(project_id=PROJECT)[0]
    param = AnalysisExportJobParam(analysisType=AnalysisType.FUNNELS)
    job = client.submit_analysis_export_job(project_id=PROJECT, id=funnel.id, param=param)
    assert job.stage == JobStage.NONE and _decoded(job.id).startswith("FUNNELS:")


def test_job_result(client) -> None:
    job = client.submit_tag_user_export_job(tag_id=TAG)
    result = client.job_result(id=job.id)  # the long id of the mutation, not the short one
    assert result is not None and len(result.id) == 8
    assert result.id == _decoded(job.id).rpartition(":")[2]
    assert result.stage in (JobStage.NONE, JobStage.READY, JobStage.RUNNING, JobStage.DATA_READY, JobStage.FINISH)


def test_bad_hash_id_is_rejected_before_any_request(client, server) -> None:
    before = server.stats().get("graphql_requests", 0)
    with pytest.raises(InvalidArgument, match="HashId") as raised:
        client.tags(project_id="not-a-hash-id")
    assert isinstance(raised.value, GrowingIOError) and isinstance(raised.value, ValueError)
    with pytest.raises(InvalidArgument, match="HashId"):
        client.user_profile(project_id=PROJECT, tags=[TAG, "bad"])  # checked through lists
    assert server.stats().get("graphql_requests", 0) == before
