"""Validation on the second core while `generate` renders on the first.

Checking the operations and rendering the client need the same loaded schema and documents
but not each other's results, and a cold run spends ~30 ms (GrowingIO) to ~150 ms (GitHub)
validating while the renderer is still importing ariadne-codegen and jinja2. So a forked
child validates and pipes its diagnostics back; `generate` swaps the rendered tree in only
after `result()` says there are no errors, and a validation error always wins over whatever
rendering an invalid operation raised. Nothing is written to the output before that.

Forking is only done where it is safe (POSIX, a single-threaded process) and useful (not
`inline`: the second core is busy already); elsewhere, or if the child fails in any way, the
check runs right here, so the result is always the same.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable

from gio_codegen.diagnostics import Diagnostic

Check = Callable[[], list[Diagnostic]]


class PendingValidation:
    def __init__(self, check: Check, *, inline: bool = False) -> None:
        self._check = check
        self._result: list[Diagnostic] | None = None
        self._child: tuple[int, int] | None = None  # (pid, read end of the pipe)
        if inline or not hasattr(os, "fork") or threading.active_count() != 1:
            self._result = check()
            return
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            self._result = check()
            return
        if pid == 0:  # pragma: no cover - the child; coverage does not follow forks
            code = 1
            try:
                os.close(read)
                data = pickle.dumps(check(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._child = (pid, read)

    def result(self) -> list[Diagnostic]:
        if self._result is None:
            self._result = self._join()
        return self._result

    def _join(self) -> list[Diagnostic]:
        assert self._child is not None
        pid, read = self._child
        self._child = None
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                diagnostics = pickle.loads(data)
            except Exception:  # noqa: BLE001 - a broken answer: validate here instead
                diagnostics = None
            if isinstance(diagnostics, list):
                return diagnostics
        return self._check()  # the child failed: the same check here reports (or raises) properly
