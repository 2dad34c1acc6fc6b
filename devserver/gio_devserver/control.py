"""``/__control__``: read and set knobs and queue faults at runtime (no auth; local only).

``GET /__control__`` returns the knobs, the pending faults and counters.
``POST /__control__`` with a JSON object sets any of the knobs
(token_ttl, job_duration, download_size, fail_job_ids, fail_next_jobs, token_prefix),
appends ``faults`` (a list) to the queue, and empties it first when ``clear_faults`` is
true; ``revoke_tokens: true`` forgets every issued token (each then answers 401, as after
an expiry, however long its TTL). Unknown keys or bad values answer 400 and change nothing.
``POST /__control__/reset`` restores the startup knobs and empties the fault queue.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from .faults import validate_fault
from .settings import KNOB_TYPES, validate_knobs
from .state import ServerState


def snapshot(state: ServerState) -> dict:
    return {
        **state.knobs.to_json(),
        "faults": state.faults.pending(),
        "stats": dict(state.stats),
        "synthesized_fields": sorted(state.synthesized),
    }


async def control_get(request: Request) -> JSONResponse:
    return JSONResponse(snapshot(request.app.state.gio))


async def control_post(request: Request) -> JSONResponse:
    state: ServerState = request.app.state.gio
    try:
        body = await request.json()
    except ValueError:
        return JSONResponse({"error": "body must be JSON"}, status_code=400)
    if not isinstance(body, dict):
        return JSONResponse({"error": "body must be a JSON object"}, status_code=400)
    allowed = set(KNOB_TYPES) | {"faults", "clear_faults", "revoke_tokens"}
    problems = [f"unknown key {k!r}" for k in body if k not in allowed]
    problems += validate_knobs(body)
    faults = body.get("faults", [])
    if not isinstance(faults, list):
        problems.append("faults: expected a list")
        faults = []
    normalized = []
    for i, spec in enumerate(faults):
        try:
            normalized.append(validate_fault(spec))
        except ValueError as exc:
            problems.append(f"faults[{i}]: {exc}")
    if problems:
        return JSONResponse({"error": "invalid control request", "problems": problems}, status_code=400)
    for key in KNOB_TYPES:
        if key in body:
            setattr(state.knobs, key, list(body[key]) if key == "fail_job_ids" else body[key])
    if body.get("revoke_tokens"):
        state.tokens.revoke_all()
    if body.get("clear_faults"):
        state.faults.clear()
    for fault in normalized:
        state.faults.add(fault)
    return JSONResponse(snapshot(state))


async def control_reset(request: Request) -> JSONResponse:
    state: ServerState = request.app.state.gio
    state.reset()
    return JSONResponse(snapshot(state))
