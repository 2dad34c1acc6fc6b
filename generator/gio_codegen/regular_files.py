"""Reading inputs that are regular files only (standard library only: the no-op path uses it).

`open()` on a FIFO blocks until a writer appears, and a device can stream forever, so
an input is opened non-blocking and checked with `fstat` on the open descriptor (no
race between the check and the read) before a byte is read.
"""

from __future__ import annotations

import os
import stat

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
