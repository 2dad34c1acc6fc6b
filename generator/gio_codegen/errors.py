"""Errors that are the user's to fix: reported as one line, never as a traceback."""

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
