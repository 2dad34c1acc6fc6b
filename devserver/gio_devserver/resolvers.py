"""Resolvers for the 12 root fields of schema.graphql.

Domain errors are GraphQL errors with ``extensions.code`` (NOT_FOUND, BAD_USER_INPUT), as
a client must handle them. A failed or unknown export job is *not* a null result:
``jobResult`` returns ``{stage: ERROR}`` and adds an error to the response's ``errors``
(path ``["jobResult"]``, ``extensions = {"code": ..., "error": {"code", "message"}}``), so
clients see both the stage and the reason.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from ariadne import MutationType, QueryType
from graphql import GraphQLError, GraphQLResolveInfo

from . import data
from .content import normalize_charset
from .jobs import FAILURE, Job
from .seedkit import ADMIN, WHO
from .state import ServerState

query = QueryType()
mutation = MutationType()
_HASHID = re.compile(r"^[A-Za-z0-9]{8}$")


def _state(info: GraphQLResolveInfo) -> ServerState:
    return info.context["state"]


def _side_error(info: GraphQLResolveInfo, code: str, message: str) -> None:
    """Report an error next to a non-null result (see module docstring)."""
    error = GraphQLError(
        message,
        info.field_nodes,
        path=info.path.as_list(),
        extensions={"code": code, "error": {"code": code, "message": message}},
    )
    info.context["extra_errors"].append(error.formatted)


def _require_project(pid: str) -> None:
    if data.project(pid) is None:
        raise GraphQLError(f"project {pid} not found", extensions={"code": "NOT_FOUND"})


def _charset(charset: str | None) -> str:
    try:
        normalize_charset(charset)
    except ValueError as exc:
        raise GraphQLError(str(exc), extensions={"code": "BAD_USER_INPUT"}) from None
    return charset or "UTF-8"


@query.field("projects")
def resolve_projects(_obj, _info, **_kw) -> list[dict]:
    return data.PROJECTS


def _lister(collection_of):
    def resolve(_obj, _info, *, projectId: str) -> list[dict]:
        _require_project(projectId)
        return collection_of(projectId)

    return resolve


query.set_field("segments", _lister(lambda pid: data.SEGMENTS.get(pid, [])))
query.set_field("tags", _lister(lambda pid: data.TAGS.get(pid, [])))
query.set_field("funnelAnalyses", _lister(lambda pid: data.analyses("FUNNELS", pid)))
query.set_field("eventAnalyses", _lister(lambda pid: data.analyses("CHARTS", pid)))
query.set_field("retentionAnalyses", _lister(lambda pid: data.analyses("RETENTIONS", pid)))
query.set_field("frequencyAnalyses", _lister(lambda pid: data.analyses("FREQUENCIES", pid)))


@query.field("userProfile")
def resolve_user_profile(
    _obj,
    _info,
    *,
    projectId: str,
    userId: str | None = None,
    tags: list[str] | None = None,
    properties: list[str] | None = None,
) -> dict | None:
    """Tag values first (sorted by tag id, as in the documented example), then properties."""
    _require_project(projectId)
    if not tags and not properties:
        raise GraphQLError("at least one of tags and properties is required", extensions={"code": "BAD_USER_INPUT"})
    user = data.USERS.get(projectId, {}).get(userId or "")
    if user is None:
        return None
    items = []
    for tid in sorted(set(tags or [])):
        tag = data.find_tag(tid)
        if tag is not None and tid in user["tags"]:
            items.append({"key": tid, "name": tag["name"], "value": user["tags"][tid]})
    for key in properties or []:
        if key in data.PROPERTIES:
            items.append({"key": key, "name": data.PROPERTIES[key], "value": user["properties"].get(key)})
    return {"id": userId, "userId": userId, "properties": items}


@query.field("jobResult")
def resolve_job_result(_obj, info, *, id: str) -> dict:
    state = _state(info)
    job = state.jobs.get(id)
    if job is None:
        _side_error(info, "JOB_NOT_FOUND", f"export job {id!r} not found")
        return {"id": _short_id(id), "stage": "ERROR", "uris": None}
    result = state.jobs.result(job, state.knobs.fail_job_ids)
    if result["stage"] == "ERROR":
        _side_error(info, FAILURE["code"], FAILURE["message"])
    return result


def _short_id(job_id: str) -> str:
    """The hashid inside a documented-style id, else a stable 8-char stand-in."""
    try:
        decoded = base64.b64decode(job_id + "=" * (-len(job_id) % 4), validate=True).decode()
        tail = decoded.rpartition(":")[2]
        if _HASHID.match(tail):
            return tail
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    digest = hashlib.sha256(job_id.encode()).digest()
    return base64.b64encode(digest).decode().replace("+", "A").replace("/", "B")[:8]


def _submit(info: GraphQLResolveInfo, kind: str, charset: str | None, params: dict) -> Job:
    state = _state(info)
    charset = _charset(charset)
    failed = False
    if state.knobs.fail_next_jobs > 0:
        state.knobs.fail_next_jobs -= 1
        failed = True
    state.count("jobs_submitted")
    return state.jobs.create(
        kind, charset=charset, params=params, duration=float(state.knobs.job_duration), failed=failed
    )


def _job_payload(job: Job) -> dict:
    return {
        "id": job.id,
        "name": job.name,
        "description": None,
        "stage": "NONE",
        "creatorId": ADMIN,
        "createdAt": job.created_at,
        "updaterId": ADMIN,
        "updatedAt": job.created_at,
        "creator": WHO[ADMIN],
        "updater": WHO[ADMIN],
        "error": None,
    }


@mutation.field("submitTagUserExportJob")
def resolve_submit_tag(
    _obj,
    info,
    *,
    tagId: str,
    properties: list[str] | None = None,
    charset: str | None = None,
    detailExport: bool | None = None,
) -> dict:
    if data.find_tag(tagId) is None:
        raise GraphQLError(f"tag {tagId} not found", extensions={"code": "NOT_FOUND"})
    job = _submit(info, "tag", charset, {"tagId": tagId, "properties": properties, "detailExport": detailExport})
    return _job_payload(job)


@mutation.field("submitSegmentUserExportJob")
def resolve_submit_segment(
    _obj,
    info,
    *,
    projectId: str,
    segmentId: str,
    tags: list[str] | None = None,
    properties: list[str] | None = None,
    charset: str | None = None,
) -> dict:
    _require_project(projectId)
    if data.find(data.SEGMENTS, projectId, segmentId) is None:
        raise GraphQLError(f"segment {segmentId} not found in project {projectId}", extensions={"code": "NOT_FOUND"})
    job = _submit(
        info,
        "segment",
        charset,
        {"projectId": projectId, "segmentId": segmentId, "tags": tags, "properties": properties},
    )
    return _job_payload(job)


@mutation.field("submitAnalysisExportJob")
def resolve_submit_analysis(_obj, info, *, projectId: str, id: str, param: dict, charset: str | None = None) -> dict:
    _require_project(projectId)
    kind = param["analysisType"]
    if not any(a["id"] == id for a in data.analyses(kind, projectId)):
        raise GraphQLError(f"{kind} analysis {id} not found in project {projectId}", extensions={"code": "NOT_FOUND"})
    job = _submit(info, kind, charset, {"projectId": projectId, "id": id})
    return {"id": job.id, "stage": "NONE", "error": None}
