"""The one configuration: `[tool.gio-codegen]` in pyproject.toml.

Unknown keys are errors with a "did you mean" (ariadne-codegen silently
ignores them, which hides typos until the generated client is wrong).
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gio_codegen.errors import UserError
from gio_codegen.fs import NotRegularFile, read_regular
from gio_codegen.load.config_values import AUTH_CHECKS, NAME_CHECKS, output_problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

SECTION = "tool.gio-codegen"

# Python representations a custom scalar can map to (see docs/ARCHITECTURE.md).
# `upload`: a file sent by the GraphQL multipart request spec (a path, bytes or a binary file object).
SCALAR_KINDS = ("str", "int", "float", "bool", "json", "datetime", "date", "upload")
DEFAULT_SCALAR_KIND = "json"
# Unmapped scalars with these names get this kind rather than DEFAULT_SCALAR_KIND (the convention
# of graphql-multipart-request-spec servers and ariadne-codegen).
CONVENTIONAL_SCALAR_KINDS = {"Upload": "upload"}


@dataclass(frozen=True)
class ScalarMapping:
    kind: str
    pattern: str | None = None
    description: str | None = None


AUTH_TYPES = ("none", "bearer", "header", "client-credentials")
# [tool.gio-codegen.auth] keys each type accepts (besides `type`), with their defaults.
AUTH_KEYS: dict[str, dict[str, str]] = {
    "none": {},
    "bearer": {},
    "header": {"name": "Authorization", "prefix": ""},
    "client-credentials": {"token-path": "/oauth/token", "client-id": "", "scope": "", "prefix": "Bearer"},
}
# Keys of [tool.gio-codegen] that [tool.gio-codegen.auth] replaced: an error saying what to write.
LEGACY_AUTH_KEYS = {"auth-header-prefix": "prefix", "token-path": "token-path"}


@dataclass(frozen=True)
class AuthConfig:
    """How the generated client authenticates ([tool.gio-codegen.auth]); the default: a bearer token."""

    type: str = "bearer"
    header_name: str = "Authorization"
    prefix: str = "Bearer"
    token_path: str = ""  # client-credentials only
    client_id: str = ""
    scope: str = ""


@dataclass(frozen=True)
class Config:
    root: Path
    config_file: Path
    schema: Path
    queries: Path
    output: Path
    package: str = "graphql_client"
    distribution: str = "graphql-client"
    client_name: str = "Client"
    async_client_name: str = "AsyncClient"
    cli_name: str = ""
    title: str = ""  # the API's name in docstrings; "" → the schema's description or client_name
    auth: AuthConfig = field(default_factory=AuthConfig)
    download_path: str = "/download"
    version: str = "0.1.0"
    scalars: dict[str, ScalarMapping] = field(default_factory=dict)
    # [tool.gio-codegen.rules]: rule id → "error" | "warning" | "off" (ids checked by validate/rules)
    rules: dict[str, str] = field(default_factory=dict)
    # The raw section, hashed into the manifest so a config change regenerates.
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    def scalar_kind(self, name: str) -> str:
        """The kind of custom scalar `name`: as mapped, else by convention (`Upload`), else json."""
        mapping = self.scalars.get(name)
        return mapping.kind if mapping else CONVENTIONAL_SCALAR_KINDS.get(name, DEFAULT_SCALAR_KIND)

    def rel(self, path: Path) -> str:
        """A path as shown to the user: relative to the project root when possible (as
        written, so a symlink shows where it is, not where it leads)."""
        for base, target in ((os.path.abspath(self.root), os.path.abspath(path)), (self.root.resolve(), path.resolve())):
            try:
                return Path(target).relative_to(base).as_posix()
            except ValueError:
                pass
        return path.as_posix()


_STRING_KEYS = {
    "schema": "schema.graphql",
    "queries": "queries",
    "output": "generated",
    "package": "graphql_client",
    "distribution": "",
    "client-name": "Client",
    "async-client-name": "AsyncClient",
    "cli-name": "",
    "title": "",
    "download-path": "/download",
    "version": "0.1.0",
}
_TABLE_KEYS = {"scalars", "diff", "rules", "auth"}
RULE_LEVELS = ("error", "warning", "off")
_SCALAR_KEYS = {"type", "pattern", "description"}


def key_error(config: Config, key: str, message: str) -> UserError:
    """An error about a value already loaded, located at its key in the config file."""
    try:
        text = config.config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return UserError.at(_shown(config.config_file), f"[{SECTION}] {message}", *_key_position(text, key), "config")


def find_config_file(start: Path) -> Path:
    for directory in [start, *start.parents]:
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    raise UserError.at(str(start / "pyproject.toml"), "no pyproject.toml found here or in any parent directory")


def load_config(config_file: Path | None = None) -> Config:
    path = config_file or find_config_file(Path.cwd())
    shown = _shown(path)
    try:
        text = read_regular(path).decode("utf-8")
    except FileNotFoundError:
        raise UserError.at(shown, "config file not found") from None
    except NotRegularFile as error:
        raise UserError.at(shown, f"config file {error.strerror}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError.at(shown, f"cannot read config file: {error}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = _toml_error_position(str(error))
        raise UserError.at(shown, f"invalid TOML: {error}", line, column, "config") from None
    section = document.get("tool", {}).get("gio-codegen")
    if not isinstance(section, dict):
        raise UserError.at(shown, f"missing [{SECTION}] section", code="config")
    return _parse_section(section, path, text)


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _parse_section(section: dict[str, Any], path: Path, text: str) -> Config:
    shown = _shown(path)
    known = set(_STRING_KEYS) | _TABLE_KEYS
    for key, value in section.items():
        if key in LEGACY_AUTH_KEYS:
            raise _legacy_auth_key(shown, text, key, value)
        if key not in known:
            raise _unknown_key(shown, text, key, known, SECTION)
        if key in _STRING_KEYS and not isinstance(value, str):
            raise UserError.at(shown, f"[{SECTION}] {key} must be a string", *_key_position(text, key), "config")
    values = {key: section.get(key, default) for key, default in _STRING_KEYS.items()}
    if not values["distribution"]:
        values["distribution"] = values["package"].replace("_", "-")
    for key, check in NAME_CHECKS.items():
        problem = check(values[key])
        if problem:
            raise UserError.at(shown, f"[{SECTION}] {key} {values[key]!r} {problem}", *_key_position(text, key), "config")
    root = path.parent
    problem = output_problem(root, path, values)
    if problem:
        raise UserError.at(shown, f"[{SECTION}] output {values['output']!r} {problem}", *_key_position(text, "output"), "config")
    return Config(
        root=root,
        config_file=path,
        schema=root / values["schema"],
        queries=root / values["queries"],
        output=root / values["output"],
        package=values["package"],
        distribution=values["distribution"],
        client_name=values["client-name"],
        async_client_name=values["async-client-name"],
        cli_name=values["cli-name"],
        title=values["title"],
        auth=_parse_auth(section.get("auth", {}), shown, text),
        download_path=values["download-path"],
        version=values["version"],
        scalars=_parse_scalars(section.get("scalars", {}), shown, text),
        rules=_parse_rules(section.get("rules", {}), shown, text),
        raw=section,
    )


def _parse_scalars(table: Any, shown: str, text: str) -> dict[str, ScalarMapping]:
    where = f"{SECTION}.scalars"
    if not isinstance(table, dict):
        raise UserError.at(shown, f"[{where}] must be a table", *_key_position(text, "scalars"), "config")
    scalars = {}
    for name, value in table.items():
        spec = {"type": value} if isinstance(value, str) else value
        if not isinstance(spec, dict):
            raise UserError.at(shown, f"[{where}] {name} must be a string or a table", *_key_position(text, name), "config")
        for key in spec:
            if key not in _SCALAR_KEYS:
                raise _unknown_key(shown, text, key, _SCALAR_KEYS, f"{where}.{name}")
        kind = spec.get("type", DEFAULT_SCALAR_KIND)
        if kind not in SCALAR_KINDS:
            hint = _did_you_mean(kind, SCALAR_KINDS)
            raise UserError.at(
                shown,
                f"[{where}] {name}: unknown type {kind!r}{hint}; expected one of {', '.join(SCALAR_KINDS)}",
                *_key_position(text, name),
                "config",
            )
        pattern = spec.get("pattern")
        if pattern is not None and kind == "upload":
            raise UserError.at(shown, f"[{where}] {name}: a pattern cannot apply to an upload", *_key_position(text, name), "config")
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as error:
                raise UserError.at(shown, f"[{where}] {name}: invalid pattern: {error}", *_key_position(text, name), "config") from None
        scalars[name] = ScalarMapping(kind=kind, pattern=pattern, description=spec.get("description"))
    return scalars


def _parse_auth(table: Any, shown: str, text: str) -> AuthConfig:
    where = f"{SECTION}.auth"
    if not isinstance(table, dict):
        raise UserError.at(shown, f"[{where}] must be a table", *_key_position(text, "auth"), "config")
    kind = table.get("type", "bearer")
    if kind not in AUTH_TYPES:
        hint = _did_you_mean(str(kind), AUTH_TYPES)
        raise UserError.at(
            shown, f"[{where}] type: unknown auth type {kind!r}{hint}; expected one of {', '.join(AUTH_TYPES)}",
            *_key_position(text, "type"), "config",
        )
    allowed = AUTH_KEYS[kind]
    for key, value in table.items():
        if key == "type":
            continue
        if key not in allowed:
            applies = [name for name, keys in AUTH_KEYS.items() if key in keys]
            if applies:
                message = f"[{where}] {key} does not apply to type = {kind!r} (only to {', '.join(map(repr, applies))})"
                raise UserError.at(shown, message, *_key_position(text, key), "config")
            raise _unknown_key(shown, text, key, {"type", *allowed}, where)
        if not isinstance(value, str):
            raise UserError.at(shown, f"[{where}] {key} must be a string", *_key_position(text, key), "config")
        problem = AUTH_CHECKS[key](value)
        if problem:
            raise UserError.at(shown, f"[{where}] {key} {value!r} {problem}", *_key_position(text, key), "config")
    values = {**allowed, **{key: value for key, value in table.items() if key != "type"}}
    if kind == "bearer":
        return AuthConfig(type=kind)
    if kind == "none":
        return AuthConfig(type=kind, prefix="")
    return AuthConfig(
        type=kind,
        header_name=values.get("name", "Authorization"),
        prefix=values["prefix"],
        token_path=values.get("token-path", ""),
        client_id=values.get("client-id", ""),
        scope=values.get("scope", ""),
    )


def _legacy_auth_key(shown: str, text: str, key: str, value: Any) -> UserError:
    """`auth-header-prefix` / `token-path` moved to [tool.gio-codegen.auth]: say exactly what to write."""
    written = f"{LEGACY_AUTH_KEYS[key]} = {value!r}".replace("'", '"')
    return UserError.at(
        shown,
        f"[{SECTION}] {key} was replaced by the [{SECTION}.auth] table; write instead:\n"
        f'    [{SECTION}.auth]\n    type = "client-credentials"   # or "header" with name/prefix, "bearer", "none"\n'
        f"    {written}",
        *_key_position(text, key),
        "config",
    )


def _parse_rules(table: Any, shown: str, text: str) -> dict[str, str]:
    where = f"{SECTION}.rules"
    if not isinstance(table, dict):
        raise UserError.at(shown, f"[{where}] must be a table", *_key_position(text, "rules"), "config")
    for rule_id, level in table.items():
        if level not in RULE_LEVELS:
            raise UserError.at(
                shown, f"[{where}] {rule_id} must be one of {', '.join(map(repr, RULE_LEVELS))}, not {level!r}",
                *_key_position(text, rule_id), "config",
            )
    return dict(table)


def _unknown_key(shown: str, text: str, key: str, known: set[str], where: str) -> UserError:
    hint = _did_you_mean(key, known)
    return UserError.at(shown, f"unknown key {key!r} in [{where}]{hint}", *_key_position(text, key), "config")


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _key_position(text: str, key: str) -> tuple[int, int]:
    # tomllib keeps no positions; the first line assigning the key is what a user looks for.
    at_line_start = re.compile(rf'^(\s*)"?{re.escape(key)}"?\s*=', re.MULTILINE).search(text)
    if at_line_start:
        return text.count("\n", 0, at_line_start.start()) + 1, len(at_line_start.group(1)) + 1
    inline = re.search(rf'[{{,]\s*"?({re.escape(key)})"?\s*=', text)  # inside an inline table
    if not inline:
        return 0, 0
    line_start = text.rfind("\n", 0, inline.start(1)) + 1
    return text.count("\n", 0, inline.start(1)) + 1, inline.start(1) - line_start + 1


def _toml_error_position(message: str) -> tuple[int, int]:
    match = re.search(r"line (\d+), column (\d+)", message)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)
