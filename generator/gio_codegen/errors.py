"""Two kinds of failure: the user's input (`UserError`) and gio-codegen's own faults.

A `UserError` carries diagnostics and is printed as `path:line:col: error: …`. Anything
else that escapes a command is a bug of ours: `report_internal_error` says so in one line
and saves the traceback under `.gio-codegen/` for the bug report, so a user never gets a
traceback where a diagnostic belongs, and a bug is never disguised as bad input.
"""

from __future__ import annotations

from gio_codegen.diagnostics import Diagnostic


class UserError(Exception):
    """Bad input (config, schema, operations): carries the diagnostics to print."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics

    @classmethod
    def at(cls, file: str, message: str, line: int = 0, column: int = 0, code: str = "") -> UserError:
        return cls([Diagnostic(file=file, line=line, column=column, message=message, code=code)])


class InternalError(Exception):
    """A fault in gio-codegen or a tool it drives (ruff, ariadne-codegen), not in the input."""


def report_internal_error(error: BaseException) -> str:
    """The one line to print for a bug; the traceback goes to a file whose path it names."""
    import os
    import tempfile
    import time
    import traceback

    from gio_codegen import __version__
    from gio_codegen.fs import find_config
    from gio_codegen.fingerprint import STATE_DIR

    text = f"gio-codegen {__version__}\n" + "".join(traceback.format_exception(error))
    config = find_config(os.getcwd())
    directory = os.path.join(os.path.dirname(config), STATE_DIR) if config else tempfile.gettempdir()
    path = os.path.join(directory, f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt")
    try:
        os.makedirs(directory, exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        saved = f"traceback saved to {path}"
    except OSError:
        saved = "the traceback could not be saved"
    summary = str(error).splitlines()[0] if str(error) else ""
    return (
        f"gio-codegen: internal error (a bug in gio-codegen, not in your input): {type(error).__name__}"
        f"{': ' + summary if summary else ''}\n{saved}; please report it with that file"
    )
