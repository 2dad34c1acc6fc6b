"""One `generate` at a time per project: a second run waits, and says so."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locking
    fcntl = None  # type: ignore[assignment]


@contextmanager
def project_lock(state_dir: Path) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    state_dir.mkdir(parents=True, exist_ok=True)
    with open(state_dir / "lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.stderr.write("gio-codegen: waiting for another run to finish…\n")
            fcntl.flock(handle, fcntl.LOCK_EX)
            sys.stderr.write("gio-codegen: the other run finished; continuing\n")
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
