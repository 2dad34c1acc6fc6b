"""Checks of single `[tool.gio-codegen]` values that would otherwise fail far from the config.

Each check returns what is wrong (completing "key 'value' …") or "" when the value is fine.
A bad name is caught here, at its key, instead of as a generated package that shadows the
standard library or a `pyproject.toml` that does not parse.
"""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Callable
from pathlib import Path

from gio_codegen.fingerprint import STATE_DIR


# What the generated package imports (and what those import): a package of the same name
# would shadow it for everyone who installs the client.
GENERATED_DEPENDENCIES = frozenset({
    "annotated_types", "anyio", "certifi", "click", "h11", "httpcore", "httpx", "idna", "markdown_it",
    "mdurl", "opentelemetry", "pydantic", "pydantic_core", "pygments", "rich", "sniffio",
    "typing_extensions", "typing_inspection", "websockets",
})
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# PEP 508 names (https://packaging.python.org/en/latest/specifications/name-normalization/).
_DISTRIBUTION = re.compile(r"[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]")
# A console script becomes a file name in bin/ and a key in [project.scripts].
_SCRIPT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# An HTTP header value token (RFC 9110 `token`), or nothing.
_HEADER_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]*")
# PEP 440's own regular expression (its appendix B), so no `packaging` import at start-up.
_PEP440 = re.compile(
    r"v?(?:(?:[0-9]+)!)?[0-9]+(?:\.[0-9]+)*"
    r"(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
    r"(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?"
    r"(?:[-_.]?dev[-_.]?[0-9]*)?"
    r"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?",
    re.IGNORECASE,
)
_URL_PATH = re.compile(r"/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*")


def identifier_problem(value: str) -> str:
    if not _IDENTIFIER.fullmatch(value):
        return "is not a Python identifier"
    if keyword.iskeyword(value):
        return "is a Python keyword"
    return ""


def package_problem(value: str) -> str:
    problem = identifier_problem(value)
    if problem:
        return problem
    if value in sys.stdlib_module_names:
        return "would shadow the standard library module of that name; choose another package name"
    if value in GENERATED_DEPENDENCIES:
        return "would shadow a package the generated client depends on; choose another package name"
    return ""


def distribution_problem(value: str) -> str:
    return "" if _DISTRIBUTION.fullmatch(value) else "is not a valid distribution name (PEP 508: letters, digits, '.', '_', '-')"


def cli_name_problem(value: str) -> str:
    if value and not _SCRIPT.fullmatch(value):
        return "is not a valid command name (letters, digits, '.', '_', '-'; starting with a letter or digit)"
    return ""


def version_problem(value: str) -> str:
    return "" if _PEP440.fullmatch(value) else "is not a PEP 440 version (e.g. 1.2.0)"


def header_prefix_problem(value: str) -> str:
    return "" if _HEADER_TOKEN.fullmatch(value) else "is not an HTTP auth scheme (one token, e.g. Bearer)"


def header_name_problem(value: str) -> str:
    if not value or not _HEADER_TOKEN.fullmatch(value):
        return "is not an HTTP header name (one token, e.g. X-Api-Key)"
    return ""


def printable_problem(value: str) -> str:
    return "" if value.isascii() and value.isprintable() else "must be printable ASCII"


def url_path_problem(value: str) -> str:
    return "" if _URL_PATH.fullmatch(value) else "is not a URL path starting with '/'"


NAME_CHECKS: dict[str, Callable[[str], str]] = {
    "package": package_problem,
    "distribution": distribution_problem,
    "client-name": identifier_problem,
    "async-client-name": identifier_problem,
    "cli-name": cli_name_problem,
    "version": version_problem,
    "download-path": url_path_problem,
}
# [tool.gio-codegen.auth] values (which keys apply to which type: load/config.AUTH_KEYS).
AUTH_CHECKS: dict[str, Callable[[str], str]] = {
    "name": header_name_problem,
    "prefix": header_prefix_problem,
    "token-path": url_path_problem,
    "client-id": printable_problem,
    "scope": printable_problem,
}


def output_problem(root: Path, config_file: Path, values: dict[str, str]) -> str:
    """Where `output` may be: `generate` replaces that directory whole, so it must be a
    directory of its own inside the project that holds no input."""
    project = root.resolve()
    given = root / values["output"]
    output = given.resolve()
    if output == project:
        return "is the project root; generate would replace the whole project"
    if output in project.parents:
        return "contains the project; generate would replace it"
    if project not in output.parents:
        return f"is outside the project ({project}); the output must be a directory inside it"
    if given.is_symlink():
        return "is a symbolic link; point output at a real directory"
    inputs = {
        "the schema": root / values["schema"],
        "the queries": root / values["queries"],
        "the config file": config_file,
        f"gio-codegen's state ({STATE_DIR}/)": root / STATE_DIR,
    }
    for what, path in inputs.items():
        resolved = path.resolve()
        if resolved == output:
            return f"is {what}; generate would replace it"
        if output in resolved.parents:
            return f"would contain {what} ({_relative(resolved, project)!r}); generate would replace it"
        if resolved in output.parents:
            return f"is inside {what} ({_relative(resolved, project)!r})"
    if output.exists() and not output.is_dir():
        return "is a file, not a directory"
    return ""


def _relative(path: Path, project: Path) -> str:
    try:
        return path.relative_to(project).as_posix() or "."
    except ValueError:
        return path.as_posix()


