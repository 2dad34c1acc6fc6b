"""Printing for verbs on the start-up-critical path, which must not import click (~10 ms of a
~0.3 s small-project `generate`; benchmarks/NOTES.md)."""

from __future__ import annotations

import sys


def echo(message: str, *, err: bool = False) -> None:
    stream = sys.stderr if err else sys.stdout
    stream.write(message + "\n")
    stream.flush()
