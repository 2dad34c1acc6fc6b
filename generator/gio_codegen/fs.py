"""Careful file access (standard library only: the no-op path uses it).

Reading: inputs are regular files only. `open()` on a FIFO blocks until a writer appears, and a device can stream forever, so
an input is opened non-blocking and checked with `fstat` on the open descriptor (no
race between the check and the read) before a byte is read.

Writing: state and output files are written whole or not at all (a temporary file in the
same directory, then `os.replace`), so a killed run never leaves half a file.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False  # not typing's: see fastpath.py
if TYPE_CHECKING:
    from pathlib import Path

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


class NotRegularFile(OSError):
    """The path exists but is not a regular file; `strerror` says what it is."""


def read_regular(path: str | os.PathLike[str]) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        if error.errno == 6:  # ENXIO: a socket (or a FIFO's other end), which cannot be opened
            raise NotRegularFile(error.errno, "is a socket, not a regular file", os.fspath(path)) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
            raise NotRegularFile(0, f"is {kind}, not a regular file; only regular files are read", os.fspath(path))
        return handle.read()


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step (readers see the old bytes or the new)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def find_config(start: str) -> str | None:
    """The nearest pyproject.toml at or above `start` (the project's root is its directory)."""
    directory = start
    while True:
        candidate = os.path.join(directory, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent
