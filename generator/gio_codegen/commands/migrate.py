"""`gio-codegen init --from-ariadne-codegen`: translate `[tool.ariadne-codegen]` into `[tool.gio-codegen]`.

The settings are ariadne-codegen's documented ones (mirumee/ariadne-codegen, docs/03-reference/
01-configuration.md and docs/02-guides/). Each option is translated, accepted because gio-codegen
already behaves that way, or reported as not honoured with the reason (one line, located at the
option; migrate_options.py). What ariadne-codegen itself would reject, and an option it does not
know, is a located error and nothing is written.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gio_codegen.commands.migrate_options import OPTIONS, TYPES, type_problem
from gio_codegen.errors import UserError
from gio_codegen.load.config import SCALAR_KINDS
from gio_codegen.load.config_values import NAME_CHECKS

SECTION = "tool.ariadne-codegen"
KEY = "ariadne-codegen"  # under [tool]; before ariadne-codegen 0.4 a top-level table (still read, deprecated)
SCALAR_KEYS = ("type", "parse", "serialize", "import")
_UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
# Python types that ariadne-codegen configs name → gio-codegen's scalar kind (and a pattern, for UUIDs).
_KINDS: dict[str, tuple[str, str | None]] = {
    **dict.fromkeys(("str", "builtins.str", "pydantic.AnyUrl", "pydantic.HttpUrl", "pydantic.AnyHttpUrl",
                     "pydantic.EmailStr"), ("str", None)),
    **dict.fromkeys(("int", "builtins.int"), ("int", None)),
    **dict.fromkeys(("float", "builtins.float"), ("float", None)),
    **dict.fromkeys(("bool", "builtins.bool"), ("bool", None)),
    **dict.fromkeys(("datetime.datetime", "pydantic.AwareDatetime", "pydantic.NaiveDatetime"), ("datetime", None)),
    "datetime.date": ("date", None),
    **dict.fromkeys(("dict", "list", "object", "Any", "typing.Any", "typing.Dict", "typing.List", "dict[str, Any]",
                     "dict[str, typing.Any]", "pydantic.Json", "pydantic.JsonValue"), ("json", None)),
    **dict.fromkeys(("uuid.UUID", "pydantic.UUID1", "pydantic.UUID4"), ("str", _UUID)),
    **({"Upload": ("upload", None)} if "upload" in SCALAR_KINDS else {}),
}
_AWARE = "gio-codegen's datetime is pydantic's AwareDatetime: a value without a UTC offset is refused"
_LOSSY = {"datetime.datetime": _AWARE, "pydantic.NaiveDatetime": _AWARE,
          "pydantic.EmailStr": "not checked as an e-mail address", "pydantic.AnyUrl": "not parsed as a URL",
          "pydantic.HttpUrl": "not parsed as a URL", "pydantic.AnyHttpUrl": "not parsed as a URL"}


@dataclass
class Migration:
    """The translated section and what could not be carried over."""

    lines: list[str] = field(default_factory=list)  # [tool.gio-codegen] as TOML lines
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, "file:line: not honoured: key = value: why")
    schema: str = "schema.graphql"
    queries: str = "queries"
    schema_url: str = ""  # remote_schema_url for the scheduled drift job ("" when none or not a literal URL)
    package: str = "graphql_client"
    client_name: str = "Client"

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    @property
    def not_honoured(self) -> list[str]:
        """One line per option that could not be carried over, in the order of the file."""
        return [text for _, text in sorted(self.skipped)]


def find_section(document: dict[str, Any], shown: str) -> tuple[dict[str, Any], str]:
    """`[tool.ariadne-codegen]` (or the legacy top-level `[ariadne-codegen]`) and its dotted name."""
    tool = document.get("tool")
    if isinstance(tool, dict) and KEY in tool:
        section, name = tool[KEY], SECTION
    elif KEY in document:
        section, name = document[KEY], KEY
    else:
        raise UserError.at(shown, f"no [{SECTION}] section to migrate", code="migrate")
    if not isinstance(section, dict):
        raise UserError.at(shown, f"[{name}] must be a table", code="migrate")
    return section, name


def translate(section: dict[str, Any], *, text: str, shown: str, table: str, root: Path,
              package: str | None = None, client_name: str | None = None) -> Migration:
    """Translate one `[tool.ariadne-codegen]` table; `text` is the file it came from (for line numbers)."""
    locate = _Locator(text, shown, table)
    plugins = section.get("plugins")
    for key, value in section.items():
        if key == "scalars":
            continue
        kind = TYPES.get(key)
        if kind is None:
            if plugins:
                continue  # ariadne-codegen hands the whole section to plugins; reported below
            raise locate.error(key, f"unknown ariadne-codegen option {key!r}{_did_you_mean(key, [*TYPES, 'scalars'])}")
        problem = type_problem(kind, value)
        if problem:
            raise locate.error(key, f"{key} {problem}")
    migration = Migration()
    schema = _schema(section, locate, migration, root)
    queries = _queries(section, locate, root, migration)
    pkg = package or section.get("target_package_name", "graphql_client")
    if package is None:
        for check, value in (("package", pkg), ("distribution", pkg.replace("_", "-"))):
            problem = NAME_CHECKS[check](value)
            if problem:
                raise locate.error("target_package_name",
                                   f"target_package_name {value!r} {problem} (for gio-codegen); choose one with --package")
    name = client_name or section.get("client_name", "Client")
    problem = NAME_CHECKS["client-name"](name)
    if client_name is None and problem:
        raise locate.error("client_name", f"client_name {name!r} {problem}")
    output = _output(root, schema, queries)
    origin = "--client-name" if client_name else ("client_name" if "client_name" in section else
                                                  "ariadne-codegen's default name")
    mode = "async_client = " if "async_client" in section else "async_client defaults to "
    if section.get("async_client", True):  # ariadne-codegen's client_name is the asyncio client by default
        names = (name[5:] if re.fullmatch(r"Async[A-Z]\w*", name) else f"Sync{name}", name)
        notes = (f"the blocking twin of {name}", f"{origin}; {mode}true: it stays the asyncio client")
    else:
        names, notes = (name, f"Async{name}"), (f"{origin}; {mode}false", f"the asyncio twin of {name}")
    migration.schema, migration.queries, migration.package, migration.client_name = schema, queries, pkg, names[0]
    package_note = "--package" if package else ("target_package_name" if "target_package_name" in section else
                                                "ariadne-codegen's default")
    lines = [
        "[tool.gio-codegen]",
        f"# Written by `gio-codegen init --from-ariadne-codegen` from [{table}] in {shown}, which is left as it",
        "# was: delete it once this client replaces the one ariadne-codegen generated. Every key: gio-codegen's README.",
        _entry("schema", schema, _schema_note(section)),
        _entry("queries", queries, "queries_path" if "queries_path" in section else "the default"),
        _entry("output", output, "the client distribution, committed; `gio-codegen check` keeps it fresh"),
        _entry("package", pkg, package_note),
        _entry("client-name", names[0], notes[0]),
        _entry("async-client-name", names[1], notes[1]),
    ]
    if "target_package_path" in section:
        migration.skipped.append(locate.skip("target_package_path", section["target_package_path"], (
            f"gio-codegen writes a distribution of its own to {output}/ (`import {pkg}` after "
            f"`pip install ./{output}`), not a package inside your source tree")))
    scalar_lines = _scalars(section.get("scalars", {}), locate, migration)
    if scalar_lines:
        lines += ["", "[tool.gio-codegen.scalars]", *scalar_lines]
    for key, value in section.items():
        judge = OPTIONS.get(key)
        why = judge(value) if judge is not None else ""
        if key not in TYPES and key != "scalars":
            why = "not an ariadne-codegen setting (one of the plugins'?); gio-codegen runs no plugins"
        if why:
            migration.skipped.append(locate.skip(key, value, why))
    migration.lines = lines
    return migration


def _schema(section: dict[str, Any], locate: _Locator, migration: Migration, root: Path) -> str:
    path, paths, url = section.get("schema_path", ""), section.get("schema_paths", []), section.get("remote_schema_url", "")
    if url:
        literal = re.fullmatch(r"https?://[^\s$'\"{}]+", url) is not None
        migration.schema_url = url if literal else ""
        if not path and not paths:
            hint = ("the scheduled CI job checks it against this URL" if literal else
                    "its $VARIABLES are not expanded: set the CI variable SCHEMA_URL to the URL")
            migration.skipped.append(locate.skip("remote_schema_url", url, (
                "gio-codegen generates from a committed SDL file (schema = \"schema.graphql\"): fetch it with "
                f"`gio-codegen introspect URL -o schema.graphql`; {hint}")))
    if path and paths:
        raise locate.error("schema_paths", "schema_path and schema_paths are both set; ariadne-codegen takes one")
    if paths:
        if len(paths) == 1 and (root / paths[0]).is_file():
            return str(paths[0])
        migration.skipped.append(locate.skip("schema_paths", paths, (
            "gio-codegen reads one SDL file: concatenate these sources into schema.graphql (schema is set to it)")))
        return "schema.graphql"
    if path:
        if (root / path).is_dir():
            single = f"{path.rstrip('/')}.graphql"
            migration.skipped.append(locate.skip("schema_path", path, (
                f"a directory; gio-codegen reads one SDL file: concatenate its files into {single} (schema is set to it)")))
            return single
        return str(path)
    if url:
        return "schema.graphql"
    if "target_file_path" in section:
        raise locate.error(None, _graphqlschema_only(section))
    raise locate.error(None, "no schema source: ariadne-codegen needs schema_path, schema_paths or remote_schema_url")


def _queries(section: dict[str, Any], locate: _Locator, root: Path, migration: Migration) -> str:
    queries = section.get("queries_path")
    if queries is None:
        if section.get("enable_custom_operations"):
            return "queries"  # enable_custom_operations itself is reported as not honoured
        if "target_file_path" in section:
            raise locate.error(None, _graphqlschema_only(section))
        raise locate.error(None, "queries_path is missing (ariadne-codegen needs it to generate a client)")
    directory = root / queries
    if directory.is_dir():
        others = sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*")
                        if p.suffix in (".gql", ".graphqls") and p.is_file())
        if others:
            migration.skipped.append(locate.skip("queries_path", queries, (
                f"gio-codegen reads only *.graphql files: rename {', '.join(others[:3])}{' …' if len(others) > 3 else ''}")))
    return queries.rstrip("/") or "."


def _graphqlschema_only(section: dict[str, Any]) -> str:
    return ("this section configures `ariadne-codegen graphqlschema` (target_file_path), not a client; the gio-codegen "
            f"equivalent is `gio-codegen introspect URL -o {section['target_file_path']}`")


def _output(root: Path, schema: str, queries: str) -> str:
    """`generated`, unless an input lives there."""
    inputs = [(root / schema).resolve(), (root / queries).resolve()]
    for candidate in ("generated", "gio-generated"):
        base = (root / candidate).resolve()
        if all(base != p and base not in p.parents and p not in base.parents for p in inputs):
            return candidate
    return "generated-client"


def _scalars(table: Any, locate: _Locator, migration: Migration) -> list[str]:
    if not isinstance(table, dict):
        raise locate.error("scalars", f"scalars must be a table of [{locate.table}.scalars.NAME] tables")
    parent = _Locator(locate.text, locate.shown, f"{locate.table}.scalars", parent=locate, name="scalars")
    lines = []
    for name, spec in table.items():
        where = _Locator(locate.text, locate.shown, f"{locate.table}.scalars.{name}", parent=parent, name=name)
        if not isinstance(spec, dict):
            raise where.error(None, f"scalar {name} must be a table with a `type` (ariadne-codegen's form)")
        for key, value in spec.items():
            if key not in SCALAR_KEYS:
                raise where.error(key, f"scalar {name}: unknown key {key!r}{_did_you_mean(key, SCALAR_KEYS)}")
            if not isinstance(value, str):
                raise where.error(key, f"scalar {name}: {key} must be a string")
        if "type" not in spec:
            raise where.error(None, f"scalar {name}: missing `type` (ariadne-codegen requires it)")
        python_type = f"{spec['import'].rstrip('.')}.{spec['type']}" if spec.get("import") else spec["type"]
        kind, pattern = _KINDS.get(python_type, ("", None))
        dropped = [key for key in ("parse", "serialize") if key in spec]
        if not kind:
            kind = "json"
            why = f"no gio-codegen kind for it ({', '.join(SCALAR_KINDS)}): mapped to json, the value as the server sends it"
        elif pattern:
            why = "mapped to str with a UUID pattern (gio-codegen has no uuid kind)"
        else:
            why = f"mapped to {kind} ({_LOSSY[python_type]})" if python_type in _LOSSY else ""
        if dropped:
            functions = " and ".join(spec[key] for key in dropped)
            why = (why or f"mapped to {kind}") + f"; {functions} not called (gio-codegen runs no code of yours)"
        if why:
            migration.skipped.append(where.skip("type", spec["type"], why, label=f"scalars.{name}"))
        key_text = name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name)
        value_text = json.dumps(kind) if pattern is None else f"{{ type = {json.dumps(kind)}, pattern = {json.dumps(pattern)} }}"
        extra = f"; {', '.join(f'{key} = {spec[key]}' for key in dropped)}" if dropped else ""
        lines.append(f"{key_text} = {value_text}  # was {python_type}{extra}")
    return lines


def _schema_note(section: dict[str, Any]) -> str:
    if section.get("schema_path"):
        return "schema_path"
    if section.get("schema_paths"):
        return "schema_paths"
    return "remote_schema_url: `gio-codegen introspect URL -o schema.graphql` writes it"


def _entry(key: str, value: str, note: str) -> str:
    return f"{key} = {json.dumps(value, ensure_ascii=False)}  # {note}"


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _shown_value(value: Any) -> str:
    text = str(value).lower() if isinstance(value, bool) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 70 else text[:69] + "…"


class _Locator:
    """Line numbers of options (tomllib keeps none): the first assignment of the key after its table's
    header; a table without a header of its own (inline, or dotted keys) is found through its parent."""

    def __init__(self, text: str, shown: str, table: str, *, parent: _Locator | None = None, name: str = "") -> None:
        self.text, self.shown, self.table, self.parent, self.name = text, shown, table, parent, name
        self.lines = text.splitlines()
        wanted = _normal(table)
        self.header = next((number for number, line in enumerate(self.lines, 1)
                            if (m := re.match(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$", line)) and _normal(m.group(1)) == wanted), 0)

    def line(self, key: str | None) -> int:
        if self.header:
            if key is not None:
                assignment = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
                for number in range(self.header + 1, len(self.lines) + 1):
                    if re.match(r"^\s*\[", self.lines[number - 1]):
                        break
                    if assignment.match(self.lines[number - 1]):
                        return number
                sub_table = _Locator(self.text, self.shown, f"{self.table}.{key}").header
                if sub_table:
                    return sub_table
            return self.header
        if self.parent is not None:
            return self.parent.line(self.name)
        return 0

    def error(self, key: str | None, message: str) -> UserError:
        line = self.line(key)
        return UserError.at(self.shown, f"[{self.table}] {message}", line, 1 if line else 0, "migrate")

    def skip(self, key: str, value: Any, why: str, *, label: str = "") -> tuple[int, str]:
        line = self.line(key)
        return line, f"{self.shown}:{line}: not honoured: {label or key} = {_shown_value(value)}: {why}"


def _normal(table: str) -> str:
    return re.sub(r"[\s\"']", "", table)
