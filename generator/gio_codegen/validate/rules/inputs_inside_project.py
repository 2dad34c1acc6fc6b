"""An input inside the project that is a symlink to somewhere outside it: say so.

The file is still read (a shared schema checked out beside the repo is a real layout),
but a reviewer of the project cannot see what generated the client, so it is a warning.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from gio_codegen.diagnostics import Diagnostic
from gio_codegen.load.project import ProjectContext


def check(context: ProjectContext) -> Iterator[Diagnostic]:
    config = context.config
    root = Path(os.path.abspath(config.root))
    real_root = root.resolve()
    for path in [config.schema, *(file.path for file in context.files)]:
        written, real = Path(os.path.abspath(path)), path.resolve()
        if _inside(written, root) and not _inside(real, real_root):
            yield Diagnostic(
                file=config.rel(path), line=0, column=0, severity="warning", code="InputOutsideProject",
                message=f"is a symbolic link to {real}, outside the project; the client depends on a file the project does not hold",
            )


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
