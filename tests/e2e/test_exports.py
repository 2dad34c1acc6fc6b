"""Export jobs end to end: submit → wait_for_job → download, to files on disk."""

from __future__ import annotations

import codecs
import inspect
import os
import posixpath
import time
from pathlib import Path
from typing import Any

import pytest
from gio_devserver import expected_content
from growingio_client import (
    RetryPolicy,
    AnalysisExportJobParam,
    AnalysisType,
    DownloadError,
    JobFailed,
    JobResult,
    JobStage,
    JobTimeout,
)
from growingio_client.jobs import JobProgress

from .helpers import FAST, PROJECT, SEGMENT, TAG


def record_results(client: Any) -> list:
    """Spy on `wait_for_job` (which the flows call) to learn the uris the server produced."""
    target = getattr(client, "wrapped", client)
    original, seen = target.wait_for_job, []
    if inspect.iscoroutinefunction(original):

        async def spy(*args: Any, **kwargs: Any) -> Any:
            seen.append(await original(*args, **kwargs))
            return seen[-1]
    else:

        def spy(*args: Any, **kwargs: Any) -> Any:
            seen.append(original(*args, **kwargs))
            return seen[-1]

    target.wait_for_job = spy
    return seen


def export(client: Any, flow: str, dest: Path, **options: Any) -> list[Path]:
    if flow == "tag-users":
        return client.export_tag_users(tag_id=TAG, dest_dir=dest, **FAST, **options)
    if flow == "segment-users":
        return client.export_segment_users(project_id=PROJECT, segment_id=SEGMENT, dest_dir=dest, **FAST, **options)
    funnel = client.funnel_analyses(project_id=PROJECT)[0].id
    param = AnalysisExportJobParam(analysisType=AnalysisType.FUNNELS)
    return client.export_analysis(project_id=PROJECT, id=funnel, param=param, dest_dir=dest, **FAST, **options)


def finished_job(client: Any, **submit: Any) -> JobResult:
    job = client.submit_segment_user_export_job(project_id=PROJECT, segment_id=SEGMENT, **submit)
    return client.wait_for_job(job.id, **FAST)


@pytest.mark.parametrize(("flow", "name"), [("tag-users", None), ("segment-users", "下载用户列表.csv"), ("analysis", "下载漏斗.csv")])
def test_export_flow_writes_what_the_server_produced(client, server, tmp_path, flow: str, name: str | None) -> None:
    seen = record_results(client)
    dest = tmp_path / "new" / "dir"  # created on demand
    paths = export(client, flow, dest)
    [result] = seen
    assert result.stage == JobStage.FINISH
    [uri] = result.uris
    assert paths == [dest / f"{result.id}-{posixpath.basename(uri)}"], "named <result id>-<server name>"
    assert name is None or paths[0].name == f"{result.id}-{name}"
    size = server.snapshot()["download_size"]
    assert paths[0].read_text(encoding="utf-8") == expected_content(uri, size=size, charset="UTF-8")
    assert os.listdir(dest) == [paths[0].name], "no temporary file is left behind"


def test_the_charset_sent_is_the_charset_decoded_to_utf8(client, server, tmp_path) -> None:
    seen = record_results(client)
    [path] = export(client, "segment-users", tmp_path, charset="UTF-16LE")
    text = expected_content(seen[0].uris[0], size=server.snapshot()["download_size"], charset="UTF-16LE")
    assert path.read_bytes() == text.encode("utf-8"), "decoded, BOM dropped, written as UTF-8"


def test_keep_charset_keeps_the_servers_bytes(client, server, tmp_path) -> None:
    seen = record_results(client)
    [path] = export(client, "segment-users", tmp_path, charset="UTF-16LE", keep_charset=True)
    text = expected_content(seen[0].uris[0], size=server.snapshot()["download_size"], charset="UTF-16LE")
    assert path.read_bytes() == codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def test_without_a_charset_the_bytes_are_kept(client, server, tmp_path) -> None:
    result = finished_job(client, charset="UTF-16LE")
    [path] = client.download(result, tmp_path)
    text = expected_content(result.uris[0], size=server.snapshot()["download_size"], charset="UTF-16LE")
    assert path.read_bytes() == codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def test_large_multibyte_download_is_decoded_across_chunk_boundaries(client, server, tmp_path) -> None:
    server.control(download_size=1_500_000)
    result = finished_job(client, charset="GB18030")
    [path] = client.download(result, tmp_path, encoding="GB18030")
    assert path.read_text(encoding="utf-8") == expected_content(result.uris[0], size=1_500_000, charset="GB18030")


def test_progress_hooks_see_stages_and_bytes(client, tmp_path) -> None:
    class Recorder(JobProgress):
        def __init__(self) -> None:
            self.stages: list[str] = []
            self.sizes: list[tuple[int, int | None]] = []

        def stage(self, job_id: str, stage: str) -> None:
            self.stages.append(stage)

        def downloaded(self, name: str, done: int, total: int | None) -> None:
            self.sizes.append((done, total))

    progress = Recorder()
    [path] = export(client, "tag-users", tmp_path, progress=progress)
    assert progress.stages[-1] == "FINISH"
    assert progress.sizes[-1] == (path.stat().st_size, path.stat().st_size)


def test_failed_job_raises_job_failed_with_the_servers_code(client, server, tmp_path) -> None:
    server.control(fail_next_jobs=1)
    with pytest.raises(JobFailed) as failed:
        export(client, "segment-users", tmp_path)
    assert failed.value.code == "EXPORT_FAILED"
    assert "导出任务执行失败" in (failed.value.message or "")
    assert list(tmp_path.iterdir()) == []


def test_unknown_job_fails_with_job_not_found(client) -> None:
    with pytest.raises(JobFailed) as failed:
        client.wait_for_job("no-such-job", **FAST)
    assert failed.value.code == "JOB_NOT_FOUND" and failed.value.job_id == "no-such-job"


def test_slow_job_raises_job_timeout(client, server) -> None:
    server.control(job_duration=30)
    job = client.submit_tag_user_export_job(tag_id=TAG)
    started = time.monotonic()
    with pytest.raises(JobTimeout) as timed_out:
        client.wait_for_job(job.id, timeout=0.3, poll=0.05)
    assert time.monotonic() - started < 1.5
    assert timed_out.value.stage == "READY" and timed_out.value.job_id == job.id


def test_polling_backs_off(make_client, server) -> None:
    server.control(job_duration=1.2)
    polls: list[float] = []
    client = make_client(edit=lambda payload: polls.append(time.monotonic()) if "jobResult" in payload["data"] else None)
    job = client.submit_tag_user_export_job(tag_id=TAG)
    client.wait_for_job(job.id, poll=0.05, max_poll=0.2)
    gaps = [b - a for a, b in zip(polls, polls[1:])]
    # 0.05, 0.075, 0.11, 0.17, 0.2, ... (the first gap also pays for importing and building the
    # poll result's models, which the client loads on first use)
    assert gaps[-1] > 2 * min(gaps[:2]), gaps
    assert max(gaps) < 0.35, gaps
    assert len(polls) < 1.2 / 0.05, "the interval grew"


def test_a_download_truncated_every_time_leaves_nothing(make_client, server, tmp_path) -> None:
    client = make_client(retry=RetryPolicy(attempts=3, backoff=0.01))
    result = finished_job(client)
    server.control(download_size=400_000, faults=[{"path": "/download", "kind": "truncate", "count": 3}])
    with pytest.raises(DownloadError, match="broke off"):
        client.download(result, tmp_path)
    assert list(tmp_path.iterdir()) == [], "neither the file nor its temporary file"
    assert server.stats()["downloads"] == 3, "retried, then gave up"


@pytest.mark.parametrize(
    "uri",
    ["/jobs/results/../../../etc/passwd", "../escape.csv", "/jobs/results/x/", "/jobs/results/x/.", "/jobs/..", "..\\..\\x.csv"],
)
def test_unsafe_uris_are_refused_before_any_download(client, server, tmp_path, uri: str) -> None:
    result = JobResult(id="AbQ3XApY", stage=JobStage.FINISH, uris=["/jobs/results/DES-1/ok.csv", uri])
    dest = tmp_path / "out"
    with pytest.raises(DownloadError, match="unsafe"):
        client.download(result, dest)
    assert not dest.exists()
    assert server.stats().get("downloads", 0) == 0


def test_unknown_encoding_is_refused_before_submitting(client, server, tmp_path) -> None:
    with pytest.raises(ValueError, match="unknown encoding"):
        export(client, "tag-users", tmp_path, encoding="no-such-charset")
    assert server.stats().get("jobs_submitted", 0) == 0
