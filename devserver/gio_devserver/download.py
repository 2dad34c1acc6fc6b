"""``GET /download?file=<uri>``: stream a finished export's CSV in the job's charset.

Only uris published by a FINISH job are served (404 otherwise, including before the job
finishes); a uri containing ``..`` is refused with 400 before any lookup. The body is
generated on the fly (see content.py), with an exact Content-Length, an ETag and
``Accept-Ranges: bytes``: ``Range: bytes=N-`` is answered 206 with the rest of the file
(``If-Range`` with another ETag gets the whole file), unless the knob ``download_ranges``
is off, when Range is ignored as by a server without range support.
"""

from __future__ import annotations

import re
import zlib

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
    etag = f'"{zlib.crc32(f"{uri}|{plan.length}|{job.charset}".encode()):08x}"'
    headers = {"Content-Disposition": content.attachment_header(uri), "ETag": etag}
    start = _range_start(request, etag, plan.length) if state.knobs.download_ranges else None
    if start is None:
        headers |= {"Content-Length": str(plan.length), "Accept-Ranges": "bytes" if state.knobs.download_ranges else "none"}
        return StreamingResponse(plan.iter_bytes(), media_type=f"text/csv; charset={job.charset}", headers=headers)
    state.count("range_requests")
    headers |= {"Content-Length": str(plan.length - start), "Content-Range": f"bytes {start}-{plan.length - 1}/{plan.length}"}
    return StreamingResponse(
        plan.iter_bytes(start), status_code=206, media_type=f"text/csv; charset={job.charset}", headers=headers
    )


def _range_start(request: Request, etag: str, length: int) -> int | None:
    """The first byte a ``Range: bytes=N-`` asks for, when it can be honoured."""
    match = re.fullmatch(r"bytes=(\d+)-", request.headers.get("range", "").strip())
    if_range = request.headers.get("if-range")
    if match is None or (if_range is not None and if_range != etag) or int(match.group(1)) >= length:
        return None
    return int(match.group(1))
