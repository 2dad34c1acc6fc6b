"""``GET /download?file=<uri>``: stream a finished export's CSV in the job's charset.

Only uris published by a FINISH job are served (404 otherwise, including before the job
finishes); a uri containing ``..`` is refused with 400 before any lookup. The body is
generated on the fly (see content.py), with an exact Content-Length.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from . import content
from .auth import authenticate
from .state import ServerState


async def download_endpoint(request: Request) -> Response:
    state: ServerState = request.app.state.gio
    denied = authenticate(request, state)
    if denied is not None:
        return denied
    uri = request.query_params.get("file")
    if not uri:
        return JSONResponse({"error": "bad_request", "message": "file is required"}, status_code=400)
    if ".." in uri:
        return JSONResponse({"error": "bad_request", "message": "illegal file path"}, status_code=400)
    job = state.jobs.finished_by_uri(uri)
    if job is None:
        return JSONResponse({"error": "not_found", "message": f"no such file: {uri}"}, status_code=404)
    state.count("downloads")
    plan = content.plan(uri, size=state.knobs.download_size, charset=job.charset)
    return StreamingResponse(
        plan.iter_bytes(),
        media_type=f"text/csv; charset={job.charset}",
        headers={"Content-Length": str(plan.length), "Content-Disposition": content.attachment_header(uri)},
    )
