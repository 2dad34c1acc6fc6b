"""Reading input files as named graphql `Source`s, so every error has a path."""

from __future__ import annotations

from pathlib import Path

from graphql import DocumentNode, GraphQLSyntaxError, Source, parse

from gio_codegen.diagnostics import from_graphql_error
from gio_codegen.errors import UserError
from gio_codegen.fs import NotRegularFile, read_regular


def read_source(path: Path, shown: str) -> Source:
    try:
        data = read_regular(path)
    except FileNotFoundError:
        raise UserError.at(shown, "file not found", code="io") from None
    except IsADirectoryError:
        raise UserError.at(shown, "expected a file, found a directory", code="io") from None
    except NotRegularFile as error:
        raise UserError.at(shown, error.strerror or "not a regular file", code="io") from None
    except OSError as error:
        raise UserError.at(shown, f"cannot read file: {error.strerror}", code="io") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise UserError.at(shown, f"file is not valid UTF-8 (byte 0x{data[error.start]:02x})", line, column, "io") from None
    return Source(text.removeprefix("\ufeff"), shown)


def parse_source(source: Source) -> DocumentNode:
    try:
        # no_location=False: every node keeps its Source, hence its file and line.
        return parse(source)
    except GraphQLSyntaxError as error:
        raise UserError([from_graphql_error(error, "syntax")]) from None
    except RecursionError:
        raise UserError.at(source.name, "document is nested too deeply to parse", code="syntax") from None
