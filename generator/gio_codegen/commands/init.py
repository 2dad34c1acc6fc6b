"""`gio-codegen init`: scaffold a downstream repo (config section, queries/, Makefile, CI workflow).

Nothing existing is overwritten: pyproject.toml and .gitignore are appended to, every other
file must not exist yet, and all conflicts are reported before anything is written.
"""

from __future__ import annotations

import re
import sys
from importlib.resources import files
from pathlib import Path

import click

from gio_codegen import __version__
from gio_codegen.diagnostics import Diagnostic
from gio_codegen.errors import UserError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

WORKFLOW = Path(".github/workflows/gio-codegen.yml")
GITIGNORE_LINES = (".gio-codegen/", "dist/")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def default_package(directory: Path) -> str:
    """`acme-api` → `acme_api_client`."""
    base = re.sub(r"\W+", "_", directory.resolve().name.lower()).strip("_")
    if not base or not _IDENTIFIER.match(base):
        base = f"graphql_{base}" if base else "graphql"
    return base if base.endswith("client") else f"{base}_client"


def _render(name: str, **values: str) -> str:
    import jinja2

    text = (files("gio_codegen") / "init_templates" / f"{name}.jinja").read_text(encoding="utf-8")
    return str(jinja2.Template(text, keep_trailing_newline=True, undefined=jinja2.StrictUndefined).render(**values))


def run_init(root: Path, *, package: str | None = None, client_name: str = "Client") -> int:
    package = package or default_package(root)
    problems: list[Diagnostic] = []
    for option, value in (("--package", package), ("--client-name", client_name)):
        if not _IDENTIFIER.match(value):
            problems.append(Diagnostic(file=option, line=0, column=0, message=f"{value!r} is not a Python identifier", code="usage"))
    pyproject = root / "pyproject.toml"
    existing = ""
    if pyproject.exists():
        existing = pyproject.read_text(encoding="utf-8")
        try:
            document = tomllib.loads(existing)
        except tomllib.TOMLDecodeError as error:
            problems.append(_problem("pyproject.toml", f"invalid TOML, not touched: {error}"))
        else:
            if "gio-codegen" in document.get("tool", {}):
                problems.append(_problem("pyproject.toml", "already has a [tool.gio-codegen] section; nothing written"))
    for relative in (Path("Makefile"), WORKFLOW):
        if (root / relative).exists():
            problems.append(_problem(relative.as_posix(), "already exists; refusing to overwrite it (nothing written)"))
    queries = root / "queries"
    if queries.exists() and not queries.is_dir():
        problems.append(_problem("queries", "exists and is not a directory"))
    if problems:
        raise UserError(problems)

    values = {"package": package, "distribution": package.replace("_", "-"), "client_name": client_name,
              "version": __version__}
    written = []
    section = _render("pyproject.toml", **values)
    if existing:
        separator = "" if existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
        pyproject.write_text(existing + separator + section, encoding="utf-8")
        written.append("pyproject.toml (appended [tool.gio-codegen])")
    else:
        pyproject.write_text(section, encoding="utf-8")
        written.append("pyproject.toml")
    (root / "Makefile").write_text(_render("Makefile", **values), encoding="utf-8")
    written.append("Makefile")
    (root / WORKFLOW).parent.mkdir(parents=True, exist_ok=True)
    (root / WORKFLOW).write_text(_render("gio-codegen.yml", **values), encoding="utf-8")
    written.append(WORKFLOW.as_posix())
    if not queries.exists() or not any(queries.iterdir()):
        queries.mkdir(exist_ok=True)
        (queries / ".gitkeep").touch()
        written.append("queries/")
    if _extend_gitignore(root / ".gitignore"):
        written.append(".gitignore")
    click.echo("wrote " + ", ".join(written))
    click.echo("next:")
    if not (root / "schema.graphql").exists():
        click.echo("  gio-codegen introspect https://api.example.com/graphql -o schema.graphql   # or copy your SDL there")
    click.echo("  add one operation per file to queries/ (e.g. queries/users.graphql), then: make generate")
    return 0


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
