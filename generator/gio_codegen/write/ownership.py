"""What `generate` may replace: only a tree it wrote itself.

The output directory is swapped out whole, so before anything is written the directory
must be absent, empty, or carry this generator's manifest (`output` itself was checked
at config load: inside the project, holding no input). Files in it that the manifest
does not list are someone else's: they are carried into the new tree and reported,
never deleted, unless `--force`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from gio_codegen.errors import UserError
from gio_codegen.load.config import Config, key_error
from gio_codegen.fingerprint import MANIFEST_NAME
from gio_codegen.write.manifest import Manifest
from gio_codegen.write.tree import is_ignored


def check_owned(config: Config, manifest: Manifest | None) -> None:
    """Refuse an output directory that holds files but no manifest of ours."""
    output = config.output
    if manifest is not None or not output.is_dir():
        return
    if not any(output.iterdir()):
        return
    if (output / MANIFEST_NAME).exists():
        reason = f"has an unreadable {MANIFEST_NAME}; delete the directory yourself if it is generated"
    else:
        reason = (
            f"is a directory gio-codegen did not write (it has files and no {MANIFEST_NAME}); "
            "choose a new or empty directory"
        )
    raise key_error(config, "output", f"output {config.rel(output)!r} {reason}")


def foreign_files(output: Path, manifest: Manifest | None) -> list[Path]:
    """Files under `output` that the manifest does not list (relative paths, sorted)."""
    if manifest is None or not output.is_dir():
        return []
    listed = set(manifest.files) | {MANIFEST_NAME}
    return sorted(
        path.relative_to(output)
        for path in output.rglob("*")
        if (path.is_file() or path.is_symlink()) and path.relative_to(output).as_posix() not in listed
    )


def carry_over(foreign: list[Path], output: Path, tree: Path) -> list[Path]:
    """Link the foreign files into the new tree so the swap keeps them; return those to report
    (tool caches such as `__pycache__` are kept silently). A foreign file where the new tree
    has one of its own is an error: replacing it would lose the user's file."""
    clashes = [relative for relative in foreign if (tree / relative).exists()]
    if clashes:
        names = ", ".join(relative.as_posix() for relative in clashes[:5])
        raise UserError.at(
            f"{output.name}/{clashes[0].as_posix()}",
            f"not written by gio-codegen, and the new output has a file of that name ({names}); "
            "move it away, or rerun with --force to replace it",
            code="output",
        )
    for relative in foreign:
        target = tree / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        source = output / relative
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
            continue
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
    return [relative for relative in foreign if not is_ignored(relative)]
