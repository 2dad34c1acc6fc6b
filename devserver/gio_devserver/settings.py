"""Startup settings and the runtime knobs derived from them.

Knobs are what tests flip at runtime through ``/__control__``; ``Settings`` is only their
initial value, so ``POST /__control__/reset`` can always go back to a known state.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from typing import Any

# Knob name -> accepted JSON types; doubles as the whitelist for POST /__control__.
KNOB_TYPES: dict[str, tuple[type, ...]] = {
    "token_ttl": (int, float, type(None)),
    "job_duration": (int, float),
    "download_size": (int,),
    "fail_job_ids": (list,),
    "fail_next_jobs": (int,),
    "token_prefix": (str,),
    "download_ranges": (bool,),
}


@dataclass
class Settings:
    """Initial knob values. ``token_ttl=None`` means tokens never expire."""

    token_ttl: float | None = 7200.0
    job_duration: float = 0.3
    download_size: int = 16 * 1024
    fail_job_ids: list[str] = field(default_factory=list)
    fail_next_jobs: int = 0
    token_prefix: str = "Token"
    download_ranges: bool = True  # answer `Range: bytes=N-` with 206

    def copy(self) -> Settings:
        return copy.deepcopy(self)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def validate_knobs(values: dict[str, Any]) -> list[str]:
    """Return human-readable problems with a knob update (empty when it is valid).

    Unknown keys are errors rather than ignored, so a typo in a test shows up at once.
    """
    problems = []
    for key, value in values.items():
        types = KNOB_TYPES.get(key)
        if types is None:
            continue
        if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
            problems.append(f"{key}: expected {'/'.join(t.__name__ for t in types)}")
        elif key in ("job_duration", "download_size", "fail_next_jobs") and value < 0:
            problems.append(f"{key}: must be >= 0")
        elif key == "token_ttl" and value is not None and value < 0:
            problems.append("token_ttl: must be >= 0 or null")
        elif key == "fail_job_ids" and not all(isinstance(v, str) for v in value):
            problems.append("fail_job_ids: expected a list of strings")
    return problems
