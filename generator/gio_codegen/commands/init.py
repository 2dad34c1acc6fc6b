"""`gio-codegen init`: scaffold a downstream repo (config section, queries/, Makefile, CI workflow).

Nothing existing is overwritten: pyproject.toml and .gitignore are appended to, every other
file must not exist yet, and all conflicts are reported before anything is written. With
`--from-ariadne-codegen` the section is translated from `[tool.ariadne-codegen]` (migrate.py),
and a Makefile or workflow the repo already has is kept (the translation is what was asked for).
The Makefile and the workflow install gio-codegen with the same pip spec (`--generator-spec`).
"""

from __future__ import annotations

import re
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import click

from gio_codegen import __version__
from gio_codegen.diagnostics import Diagnostic
from gio_codegen.errors import UserError
from gio_codegen.load.config_values import NAME_CHECKS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

WORKFLOW = Path(".github/workflows/gio-codegen.yml")
GITIGNORE_LINES = (".gio-codegen/", "dist/")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Written into a Makefile, a shell command and a YAML string: none of these may appear in a spec.
_UNSAFE_SPEC = re.compile(r"[\"'`$\\\x00-\x1f\x7f]")
_URL_SPEC = re.compile(r"(?:(?:git|hg|svn|bzr)\+)?(?:https?|ssh|file|git)://\S+|\S+\.(?:whl|tar\.gz|zip)|\.{0,2}/\S*")


def default_package(directory: Path) -> str:
    """`acme-api` → `acme_api_client`."""
    base = re.sub(r"\W+", "_", directory.resolve().name.lower()).strip("_")
    if not base or not _IDENTIFIER.match(base):
        base = f"graphql_{base}" if base else "graphql"
    return base if base.endswith("client") else f"{base}_client"


def default_generator_spec() -> str:
    """The running gio-codegen, from whatever index pip is configured with."""
    return f"gio-codegen=={__version__}"


def generator_spec_problem(spec: str) -> str:
    """What is wrong with a pip install spec for gio-codegen ("" if nothing)."""
    if not spec.strip():
        return "is empty"
    if _UNSAFE_SPEC.search(spec):
        return "contains a quote, backslash, '$' or control character (it is written into a Makefile and a workflow)"
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    try:
        requirement = Requirement(spec)
    except InvalidRequirement:
        if _URL_SPEC.fullmatch(spec):
            return ""
        return ("is neither a requirement (gio-codegen==0.1.0, gio-codegen @ URL) nor a URL or path pip installs "
                "(git+https://example.com/acme/gio-codegen@v0.1.0, ./dist/generator/gio_codegen-0.1.0-py3-none-any.whl)")
    if canonicalize_name(requirement.name) != "gio-codegen":
        return f"names the distribution {requirement.name!r}, not gio-codegen"
    return ""


def _render(name: str, **values: str) -> str:
    import jinja2

    text = (files("gio_codegen") / "init_templates" / f"{name}.jinja").read_text(encoding="utf-8")
    return str(jinja2.Template(text, keep_trailing_newline=True, undefined=jinja2.StrictUndefined).render(**values))


def run_init(root: Path, *, package: str | None = None, client_name: str | None = None,
             generator_spec: str | None = None, from_ariadne: bool = False, ariadne_config: Path | None = None) -> int:
    spec = (generator_spec if generator_spec is not None else default_generator_spec()).strip()
    problems: list[Diagnostic] = []
    checks = (("--package", package, "package"), ("--client-name", client_name, "client-name"))
    for option, value, key in checks:
        problem = NAME_CHECKS[key](value) if value is not None else ""
        if problem:
            problems.append(Diagnostic(file=option, line=0, column=0, message=f"{value!r} {problem}", code="usage"))
    problem = generator_spec_problem(spec)
    if problem:
        problems.append(Diagnostic(file="--generator-spec", line=0, column=0, message=f"{spec!r} {problem}", code="usage"))
    pyproject = root / "pyproject.toml"
    existing, document = _read_toml(pyproject, problems)
    if "gio-codegen" in document.get("tool", {}):
        problems.append(_problem("pyproject.toml", "already has a [tool.gio-codegen] section; nothing written"))
    migrating = from_ariadne or ariadne_config is not None
    keep = []
    for relative in (Path("Makefile"), WORKFLOW):
        if (root / relative).exists():
            if migrating:
                keep.append(relative.as_posix())
            else:
                problems.append(_problem(relative.as_posix(), "already exists; refusing to overwrite it (nothing written)"))
    queries = root / "queries"
    if not migrating and queries.exists() and not queries.is_dir():
        problems.append(_problem("queries", "exists and is not a directory"))
    if problems:
        raise UserError(problems)

    values = {"package": package or default_package(root), "client_name": client_name or "Client", "schema_url": "",
              "schema": "schema.graphql", "queries": "queries",
              "spec_make": spec.replace("#", r"\#"), "spec_yaml": spec, "spec": spec, "version": __version__}
    skipped: list[str] = []
    if migrating:
        from gio_codegen.commands.migrate import find_section, translate

        source = (ariadne_config if ariadne_config is not None else pyproject)
        shown = _shown(source, root)
        text, ariadne_document = (existing, document) if source == pyproject else _read_source(source, shown)
        if text is None:
            raise UserError.at(shown, "file not found: there is no [tool.ariadne-codegen] to migrate", code="migrate")
        section, table = find_section(ariadne_document, shown)
        migration = translate(section, text=text, shown=shown, table=table, root=root, package=package,
                              client_name=client_name)
        values.update(package=migration.package, client_name=migration.client_name, schema_url=migration.schema_url,
                      schema=migration.schema, queries=migration.queries)
        section_text, skipped = migration.text, migration.not_honoured
    else:
        section_text = _render("pyproject.toml", **values, distribution=values["package"].replace("_", "-"))
    try:
        tomllib.loads((existing or "") + "\n" + section_text)
    except tomllib.TOMLDecodeError as error:  # pragma: no cover - a bug in the templates or migrate.py
        raise RuntimeError(f"init would write invalid TOML: {error}") from error

    written = _write(root, existing, section_text, keep, values, create_queries=not migrating)
    if migrating:
        click.echo(f"translated [tool.ariadne-codegen] into [tool.gio-codegen]; {len(skipped)} option"
                   f"{'' if len(skipped) == 1 else 's'} not honoured{':' if skipped else ''}")
        for line in skipped:
            click.echo(line)
    click.echo("wrote " + ", ".join(written))
    for kept in keep:
        click.echo(f"kept your {kept} (not overwritten); gio-codegen's targets and CI jobs are in its README, 'init'")
    _next_steps(root, values, migrating)
    return 0


def _read_toml(path: Path, problems: list[Diagnostic]) -> tuple[str | None, dict[str, Any]]:
    if not path.exists():
        return None, {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(_problem(path.name, f"cannot read it: {error}"))
        return None, {}
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = _toml_position(str(error))
        problems.append(Diagnostic(file=path.name, line=line, column=column, code="init",
                                   message=f"invalid TOML, not touched: {error}"))
        return text, {}


def _read_source(path: Path, shown: str) -> tuple[str | None, dict[str, Any]]:
    problems: list[Diagnostic] = []
    text, document = _read_toml(path, problems)
    if problems:
        raise UserError([Diagnostic(file=shown, line=d.line, column=d.column, message=d.message, code="migrate")
                         for d in problems])
    return text, document


def _write(root: Path, existing: str | None, section: str, keep: list[str], values: dict[str, str], *,
           create_queries: bool) -> list[str]:
    written = []
    pyproject = root / "pyproject.toml"
    if existing is not None:
        separator = "" if existing.endswith("\n\n") or not existing else ("\n" if existing.endswith("\n") else "\n\n")
        pyproject.write_text(existing + separator + section, encoding="utf-8")
        written.append("pyproject.toml (appended [tool.gio-codegen])")
    else:
        pyproject.write_text(section, encoding="utf-8")
        written.append("pyproject.toml")
    if "Makefile" not in keep:
        (root / "Makefile").write_text(_render("Makefile", **values), encoding="utf-8")
        written.append("Makefile")
    if WORKFLOW.as_posix() not in keep:
        (root / WORKFLOW).parent.mkdir(parents=True, exist_ok=True)
        (root / WORKFLOW).write_text(_render("gio-codegen.yml", **values), encoding="utf-8")
        written.append(WORKFLOW.as_posix())
    queries = root / "queries"
    if create_queries and (not queries.exists() or not any(queries.iterdir())):
        queries.mkdir(exist_ok=True)
        (queries / ".gitkeep").touch()
        written.append("queries/")
    if _extend_gitignore(root / ".gitignore"):
        written.append(".gitignore")
    return written


def _next_steps(root: Path, values: dict[str, str], migrating: bool) -> None:
    click.echo("next:")
    click.echo(f"  make install-generator   # pip install \"{values['spec']}\" (--generator-spec; CI installs the same)")
    if not (root / values["schema"]).exists():
        url = values["schema_url"] or "https://api.example.com/graphql"
        click.echo(f"  gio-codegen introspect {url} -o {values['schema']}   # or copy your SDL there")
    if migrating:
        if not (root / values["queries"]).exists():
            click.echo(f"  write your operations into {values['queries']}/ (*.graphql files)")
        click.echo("  gio-codegen validate, then make generate")
    else:
        click.echo("  add operations to queries/ (e.g. queries/users.graphql), then: make generate")
    click.echo("  CI: set the repository variable SCHEMA_URL and the secret GIO_TOKEN for the scheduled schema-drift job")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _toml_position(message: str) -> tuple[int, int]:
    match = re.search(r"line (\d+), column (\d+)", message)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def _problem(file: str, message: str) -> Diagnostic:
    return Diagnostic(file=file, line=0, column=0, message=message, code="init")


def _extend_gitignore(path: Path) -> bool:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    present = {line.strip() for line in text.splitlines()}
    missing = [line for line in GITIGNORE_LINES if line not in present]
    if not missing:
        return False
    prefix = "" if not text or text.endswith("\n") else "\n"
    path.write_text(text + prefix + "\n".join(missing) + "\n", encoding="utf-8")
    return True
