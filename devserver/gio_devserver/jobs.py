"""Export jobs and their time-based state machine.

A submit mutation creates a job in stage NONE; from then on the stage is a pure function
of elapsed time: READY, RUNNING, DATA_READY (thirds of ``duration``), then FINISH. A job
marked failed follows the same path but turns ERROR where it would reach DATA_READY.
Time-based (rather than advancing per poll) so clients' polling/backoff logic is tested
against a clock, like the real server.

Ids follow the documented examples: ``base64("TagUserExportJobDto:<hashid>")`` and
``base64("SegmentUserExportJobDto:<hashid>")`` without padding (the JobResult id is the
hashid), and ``base64("<ANALYSISTYPE>:<32 hex>")`` for analysis exports (the JobResult
id is a fresh hashid).
"""

from __future__ import annotations

import base64
import secrets
import string
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .content import ANALYSIS_FILES

_ALPHABET = string.ascii_letters + string.digits
STAGES = ("READY", "RUNNING", "DATA_READY")
FAILURE = {"code": "EXPORT_FAILED", "message": "导出任务执行失败 (export job failed: injected by devserver)"}


def new_hashid() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(8))


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


@dataclass
class Job:
    """One submitted export job; ``kind`` is "tag", "segment" or an AnalysisType name."""

    id: str
    hashid: str
    name: str
    kind: str
    uri: str
    charset: str
    duration: float
    params: dict
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    started: float = field(default_factory=time.monotonic)
    failed: bool = False

    def stage(self, now: float | None = None) -> str:
        elapsed = (time.monotonic() if now is None else now) - self.started
        if self.duration <= 0 or elapsed >= self.duration:
            return "ERROR" if self.failed else "FINISH"
        step = min(int(3 * elapsed / self.duration), 2)
        if self.failed and step == 2:
            return "ERROR"
        return STAGES[step]

    def matches(self, ids: list[str]) -> bool:
        return bool({self.id, self.hashid, self.name} & set(ids))


def _job_name(prefix: str, now: datetime, seq: int) -> str:
    digits = f"{now.second:02d}{now.microsecond:06d}{seq % 1000:03d}000"
    return f"{prefix}-{now:%Y%m%d%H%M}-{digits}"


class JobStore:
    """All jobs of this server process, by long id, plus a uri index for /download."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._by_uri: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._seq = 0

    def create(self, kind: str, *, charset: str, duration: float, params: dict, failed: bool = False) -> Job:
        now = datetime.now(timezone.utc)
        with self._lock:
            self._seq += 1
            seq = self._seq
        hashid = new_hashid()
        if kind in ("tag", "segment"):
            prefix, dto = ("DET", "TagUserExportJobDto") if kind == "tag" else ("DES", "SegmentUserExportJobDto")
            name = _job_name(prefix, now, seq)
            job_id = b64(f"{dto}:{hashid}")
            file = f"{uuid.uuid4()}.csv" if kind == "tag" else "下载用户列表.csv"
            uri = f"/jobs/results/{name}/{file}"
        else:
            name = _job_name("DEA", now, seq)
            job_id = b64(f"{kind}:{uuid.uuid4().hex}")
            uri = f"/jobs-results/downloads/{ANALYSIS_FILES[kind]}.csv"
        job = Job(job_id, hashid, name, kind, uri, charset, duration, params, created_at=now, failed=failed)
        with self._lock:
            self._jobs[job_id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def result(self, job: Job, fail_ids: list[str]) -> dict:
        """The JobResult dict; publishes the uri for download once the job is FINISH."""
        if not job.failed and job.matches(fail_ids):
            job.failed = True
        stage = job.stage()
        if stage == "FINISH":
            with self._lock:
                self._by_uri[job.uri] = job
        return {"id": job.hashid, "stage": stage, "uris": [job.uri] if stage == "FINISH" else None}

    def finished_by_uri(self, uri: str) -> Job | None:
        """The latest finished job that produced ``uri`` (analysis uris are shared)."""
        with self._lock:
            job = self._by_uri.get(uri)
        if job is None or job.stage() != "FINISH":
            with self._lock:
                candidates = [j for j in self._jobs.values() if j.uri == uri]
            candidates = [j for j in candidates if j.stage() == "FINISH"]
            job = candidates[-1] if candidates else None
        return job
