"""Render the client distribution into an empty directory.

ariadne-codegen writes the pydantic models; jinja2 templates write everything
around them; ruff formats the whole tree once at the end.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from graphql import GraphQLScalarType, GraphQLSchema, specified_scalar_types

from gio_codegen import __version__
from gio_codegen.generate.cli_spec import build_commands
from gio_codegen.generate.documents import document_text
from gio_codegen.generate.format import format_tree
from gio_codegen.generate.jobs import find_job_support, has_job_operations
from gio_codegen.generate.lazy_init import lazy_init
from gio_codegen.generate.models import generate_models, model_exports
from gio_codegen.generate.normalize import named_operations, normalize_definitions
from gio_codegen.generate.render import render
from gio_codegen.generate.spec import OperationSpec, build_spec
from gio_codegen.load.config import Config
from gio_codegen.naming import scalar_alias
from gio_codegen.load.project import ProjectContext

_KIND_TO_PYTHON = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "json": "JsonValue",
    "datetime": "AwareDatetime",
    "date": "date",
    "upload": "",  # scalars.py.jinja writes the union of what a file parameter accepts
}
RUNTIME_DEPENDENCIES = ["httpx>=0.27,<1", "pydantic>=2.7,<3"]
# Only when `cli-name` is set: the library itself never imports them.
CLI_DEPENDENCIES = ["click>=8.1,<9", "rich>=13.7,<16"]
# Only when there are subscriptions (subscriptions.py); websockets.asyncio.client is 13.0's API.
SUBSCRIPTION_DEPENDENCIES = ["websockets>=13,<18"]
SHIPPED_SCHEMA = "schema.graphql"
_PACKAGE_TEMPLATES = [
    "auth", "scalars", "forward_compat", "exceptions", "redact", "responses", "transport", "sync_transport",
    "async_transport", "operations", "observability", "testing",
]


@dataclass(frozen=True)
class RenderInputs:
    context: ProjectContext
    version: str
    state_dir: Path | None = None  # where models and formatted files are remembered (models.py, format.py)


def render_tree(inputs: RenderInputs, dest: Path) -> None:
    context = inputs.context
    config = context.config
    named = named_operations(context)
    unique_fragments = list({f.name.value: f for file in reversed(context.files) for f in file.fragments}.values())
    operations, fragments = normalize_definitions(
        context.schema, [op for _file, op in named], sorted(unique_fragments, key=lambda f: f.name.value)
    )
    error_base = f"{config.client_name}Error"
    job_shaped = has_job_operations([op for _file, op in context.operations], context.schema, context.fragments)
    scalars = _scalars(context.schema, config)
    uploads = any(scalar["kind"] == "upload" for scalar in scalars)  # then uploads.py (multipart requests)
    exports = model_exports(config, job_shaped)
    if uploads:
        exports["uploads"] = ["UploadFile"]
    models = generate_models(
        context.schema, operations, fragments, schema_path=config.schema, target=dest, package=config.package,
        exports=exports, type_names=context.schema_facts.type_names, state_dir=inputs.state_dir,
        schema_key=context.schema_key,
    )
    imports: defaultdict[str, set[str]] = defaultdict(set)
    subscription_imports: defaultdict[str, set[str]] = defaultdict(set)  # the asyncio client's only
    pairs = [
        (op, build_spec(
            op, document_text(op, context), models[op.name.value if op.name else ""], context.schema, config,
            subscription_imports if op.operation.value == "subscription" else imports,
        ))
        for _file, op in named
    ]
    subscriptions = sorted((spec for _op, spec in pairs if spec.is_subscription), key=lambda spec: spec.method)
    pairs = [(op, spec) for op, spec in pairs if not spec.is_subscription]
    specs = sorted((spec for _op, spec in pairs), key=lambda spec: spec.method)
    jobs = find_job_support(pairs, context.schema, context.fragments, config.rel(config.queries))
    shared = {
        "config": config,
        "package": config.package,
        "distribution": config.distribution,
        "client_name": config.client_name,
        "async_client_name": config.async_client_name,
        "cli_name": config.cli_name,
        "error_base": error_base,
        "operations": specs,
        "subscriptions": subscriptions,
        "version": inputs.version,
        "generator_version": __version__,
        "api_title": _api_title(context),
        "schema_file": config.rel(config.schema),
        "queries_dir": config.rel(config.queries),
        "auth": config.auth,
        "auth_summary": auth_summary(config),
        "dependencies": RUNTIME_DEPENDENCIES + (CLI_DEPENDENCIES if config.cli_name else [])
        + (SUBSCRIPTION_DEPENDENCIES if subscriptions else []),
        "jobs": jobs,
        "job_shaped": job_shaped,
        "download_path": config.download_path,
        "env_prefix": re.sub(r"[^0-9A-Za-z]+", "_", config.cli_name).upper(),
        "scalars": scalars,
        "uploads": uploads,
    }
    package_dir = dest / config.package
    client_imports = sorted((module, sorted(names)) for module, names in imports.items())
    merged = defaultdict(set, {module: set(names) for module, names in imports.items()})
    for module, names in subscription_imports.items():
        merged[module] |= names
    async_imports = sorted((module, sorted(names)) for module, names in merged.items())
    files = {name: render(f"package/{name}.py.jinja", **shared) for name in _PACKAGE_TEMPLATES}
    if uploads:
        files["uploads"] = render("package/uploads.py.jinja", **shared)
    if subscriptions:
        files["subscriptions"] = render("package/subscriptions.py.jinja", **shared)
    if jobs:
        files["jobs"] = render("package/jobs.py.jinja", **shared)
        files["downloads"] = render("package/downloads.py.jinja", **shared)
    if config.cli_name:
        cli_imports: defaultdict[str, set[str]] = defaultdict(set)
        commands, export_commands = build_commands(pairs, context.schema, config, jobs, cli_imports)
        files["cli_support"] = render("package/cli_support.py.jinja", **shared)
        files["cli"] = render(
            "package/cli.py.jinja", **shared, commands=commands, export_commands=export_commands,
            cli_imports=sorted((module, sorted(names)) for module, names in cli_imports.items()),
        )
    for is_async, name, class_name in ((False, "client", config.client_name), (True, "async_client", config.async_client_name)):
        files[name] = render(
            "package/client.py.jinja", **shared, is_async=is_async, class_name=class_name,
            imports=async_imports if is_async else client_imports,
            class_doc=_class_doc(context, is_async),
        )
    files["__init__"] = lazy_init(package_dir / "__init__.py", **shared)  # replaces ariadne-codegen's eager one
    header = f"# Generated by gio-codegen {__version__} from {shared['schema_file']} and {shared['queries_dir']}/. Do not edit.\n"
    for name, text in files.items():
        (package_dir / f"{name}.py").write_text(text, encoding="utf-8")
    for path in sorted(package_dir.glob("*.py")):
        path.write_text(header + path.read_text(encoding="utf-8"), encoding="utf-8")
    (package_dir / "py.typed").write_text("", encoding="utf-8")
    # The schema this client was generated from: shipped with it, and the baseline for the
    # next `generate`'s automatic version bump (commands/generate.py).
    (package_dir / SHIPPED_SCHEMA).write_text(context.schema_text, encoding="utf-8")
    (dest / "pyproject.toml").write_text(render("pyproject.toml.jinja", **shared), encoding="utf-8")
    (dest / "README.md").write_text(render("README.md.jinja", **shared), encoding="utf-8")
    format_tree(dest, inputs.state_dir)


def _scalars(schema: GraphQLSchema, config: Config) -> list[dict[str, str | None]]:
    scalars = []
    for name, type_ in sorted(schema.type_map.items()):
        if not isinstance(type_, GraphQLScalarType) or name in specified_scalar_types:
            continue
        mapping = config.scalars.get(name)
        kind = config.scalar_kind(name)
        scalars.append(
            {
                "name": name,
                "alias": scalar_alias(name),
                "kind": kind,
                "python": _KIND_TO_PYTHON[kind],
                "pattern": mapping.pattern if mapping else None,
                "description": (mapping.description if mapping else None) or type_.description,
            }
        )
    return scalars


def _api_title(context: ProjectContext) -> str:
    """`title` from the config, else the first line of the schema's description, else the client's name."""
    description = (context.schema.description or "").strip().splitlines()
    return context.config.title or (description[0].rstrip(".") if description else "") or context.config.client_name


def _class_doc(context: ProjectContext, is_async: bool) -> str:
    mode = "an asyncio" if is_async else "a blocking"
    return (
        f"{mode.capitalize()} client for {_api_title(context)}, one method per operation in "
        f"{context.config.rel(context.config.queries)}/.\n\n"
        + _AUTH_DOCS[context.config.auth.type]
    )


_AUTH_DOCS = {
    "none": "It sends no credentials (`[tool.gio-codegen.auth]` type = \"none\").",
    "bearer": "Pass a `token`: it is sent as `Authorization: Bearer <token>`.",
    "header": "Pass a `token`: it is sent in the header the project configured (auth.py).",
    "client-credentials": "Pass a `token`, or a `client_secret` to obtain tokens (re-issued on 401).",
}


def auth_summary(config: Config) -> str:
    """One line for docs: how the generated client authenticates."""
    auth = config.auth
    header = f"`{auth.header_name}: {auth.prefix + ' ' if auth.prefix else ''}<token>`"
    if auth.type == "none":
        return "no authentication"
    if auth.type == "client-credentials":
        scope = f", scope {auth.scope!r}" if auth.scope else ""
        return (
            f"{header}, with a token given or issued by the client-credentials grant at `{auth.token_path}` "
            f"(client id {auth.client_id!r}{scope}), re-issued on 401"
        )
    return f"a token sent as {header}"


__all__ = ["OperationSpec", "RenderInputs", "render_tree"]
