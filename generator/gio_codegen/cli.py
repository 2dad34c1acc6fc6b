"""The `gio-codegen` command. Verbs are pipeline stages; imports stay lazy for fast start-up."""

from __future__ import annotations

import os
import sys

# Not `typing.TYPE_CHECKING`: importing typing (and the `re` it imports) costs a no-op
# `generate` ~5 ms, a third of its own work. Type checkers read the name all the same.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


def _run(fmt: str, action: Callable[[], int]) -> None:
    """Run a verb: user errors become diagnostics and exit 1; a fault of gio-codegen itself
    becomes one line saying it is a bug, with the traceback saved (errors.report_internal_error)."""
    from gio_codegen.console import echo
    from gio_codegen.diagnostics import render, summary
    from gio_codegen.errors import UserError, report_internal_error

    try:
        code = action()
    except UserError as error:
        if fmt == "json":
            echo(render(error.diagnostics, "json"))
        else:
            echo(render(error.diagnostics, fmt), err=True)
            echo(f"failed: {summary(error.diagnostics)}", err=True)
        code = 1
    except KeyboardInterrupt:
        echo("interrupted", err=True)
        code = 130
    except BrokenPipeError:  # `gio-codegen … | head`: the reader left; not a bug, nothing more to say
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    except Exception as error:  # noqa: BLE001 - anything else is our bug: say so, keep the traceback
        echo(report_internal_error(error), err=True)
        code = 70  # EX_SOFTWARE
    sys.exit(code)


if sys.argv[1:] == ["generate"] and (
    os.path.basename(sys.argv[0]) == "gio-codegen" or sys.argv[0].endswith(os.path.join("gio_codegen", "__main__.py"))
):
    # Plain `generate`, the verb run most: a no-op is answered before the pipeline loads
    # (fastpath.py), and a real run skips click. A one-shot process: no garbage collection
    # at all, the imports included (~6 % of them; the stages pause it anyway). benchmarks/NOTES.md
    import gc

    gc.disable()
    from gio_codegen.fastpath import main as _noop_generate

    _noop_generate()
    from gio_codegen.commands.generate import run_generate as _run_generate

    _run("human", lambda: _run_generate(None))

from pathlib import Path  # noqa: E402

import click  # noqa: E402

from gio_codegen import __version__  # noqa: E402

FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["human", "json", "github"]), default="human", show_default=True,
    help="How to print diagnostics.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gio-codegen")
@click.option("--config", "config_path", type=click.Path(path_type=Path), default=None,
              help="pyproject.toml with [tool.gio-codegen] (default: nearest one upwards).")
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """Schema-first generator of typed GraphQL clients."""
    ctx.obj = config_path


@main.command()
@click.option("--force", is_flag=True,
              help="Regenerate even when inputs are unchanged, and delete files in the output it did not write.")
@click.option("--version", "version", default=None, help="Client version to write (default: keep).")
@FORMAT
@click.pass_obj
def generate(config_path: Path | None, force: bool, version: str | None, fmt: str) -> None:
    """Validate operations and write the client package into the output directory."""
    from gio_codegen.commands.generate import run_generate

    _run(fmt, lambda: run_generate(config_path, force=force, version=version, fmt=fmt))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@FORMAT
@click.pass_obj
def validate(config_path: Path | None, files: tuple[Path, ...], fmt: str) -> None:
    """Check the schema and operations (all, or FILES) without writing anything."""
    from gio_codegen.commands.validate import run_validate

    _run(fmt, lambda: run_validate(config_path, list(files), fmt=fmt))


@main.command()
@FORMAT
@click.option("--no-diff", is_flag=True, help="List files only, without diffs.")
@click.option("--schema-against", "--against", "schema_against", default=None, metavar="SOURCE",
              help="Also compare schema.graphql with a URL (introspection) or git:REF:path.")
@click.option("--header", "headers", multiple=True, help="'Name: value' for a URL source (token also from $GIO_TOKEN).")
@click.option("--fail-on", type=click.Choice(["client", "breaking", "dangerous", "affected", "broken"]), default="client",
              show_default=True, help="Which schema drift exits 1 (client: anything that changes the generated client).")
@click.pass_obj
def check(config_path: Path | None, fmt: str, no_diff: bool, schema_against: str | None, headers: tuple[str, ...],
          fail_on: str) -> None:
    """Exit 1 if the output directory is stale, or if the schema drifted from --schema-against."""
    from gio_codegen.commands.check import run_check

    _run(fmt, lambda: run_check(config_path, fmt=fmt, diffs=not no_diff, schema_against=schema_against,
                                headers=list(headers), fail_on=fail_on))


@main.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--against", default=None, metavar="SOURCE",
              help="The schema to compare with (OLD); NEW is then the argument or the configured schema.")
@click.option("--queries", type=click.Path(path_type=Path), default=None,
              help="Operations to judge the changes by (default: the configured queries directory).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "github", "junit", "sarif"]),
              default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["client", "dangerous", "breaking", "affected", "broken"]), default="broken",
              show_default=True, help="Exit 1 if any change or operation reaches this level.")
@click.option("--header", "headers", multiple=True, help="'Name: value' for URL sources (token also from $GIO_TOKEN).")
@click.option("--schema-only", is_flag=True, help="Do not render both clients to compare their Python API.")
@click.pass_obj
def diff(config_path: Path | None, old: str | None, new: str | None, against: str | None, queries: Path | None,
         fmt: str, fail_on: str, headers: tuple[str, ...], schema_only: bool) -> None:
    """Compare two schemas (file, git:REF:path or URL) and judge the changes by the operations."""
    from gio_codegen.commands.diff import run_diff

    _run(fmt if fmt in ("json", "github") else "human", lambda: run_diff(
        config_path, old, new, against=against, queries=queries, fmt=fmt, fail_on=fail_on, headers=list(headers),
        schema_only=schema_only))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def rules(config_path: Path | None, fmt: str) -> None:
    """List the project rules: id, level in this project, default, what each checks."""
    from gio_codegen.commands.rules import run_rules

    _run("human", lambda: run_rules(config_path, fmt))


@main.command()
@click.argument("url")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="SDL file to write (default: stdout).")
@click.option("--header", "headers", multiple=True, help="'Name: value' (token also from $GIO_TOKEN).")
def introspect(url: str, output: Path | None, headers: tuple[str, ...]) -> None:
    """Fetch a server's schema by introspection and print it as sorted SDL."""
    from gio_codegen.commands.introspect import run_introspect

    _run("human", lambda: run_introspect(url, output, list(headers)))


@main.command()
@click.option("--debounce", "debounce_ms", type=int, default=200, show_default=True, help="Milliseconds to wait for more changes.")
@click.option("--max-runs", type=int, default=0, hidden=True, help="Stop after N regenerations (tests).")
@FORMAT
@click.pass_obj
def watch(config_path: Path | None, debounce_ms: int, max_runs: int, fmt: str) -> None:
    """Regenerate the client whenever the schema, an operation or the config changes (Ctrl-C stops)."""
    from gio_codegen.commands.watch import run_watch

    _run(fmt, lambda: run_watch(config_path, debounce_ms=debounce_ms, max_runs=max_runs, fmt=fmt))


@main.command()
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="Directory for the wheel and sdist (default: dist/ beside the config).")
@click.pass_obj
def build(config_path: Path | None, out: Path | None) -> None:
    """Build the generated client into a reproducible wheel and sdist."""
    from gio_codegen.commands.build import run_build

    _run("human", lambda: run_build(config_path, out))


@main.command()
@click.option("--repository-url", required=True, envvar="TWINE_REPOSITORY_URL",
              help="Upload endpoint, e.g. https://upload.pypi.org/legacy/ (or $TWINE_REPOSITORY_URL).")
@click.option("--index-url", default=None,
              help="Simple index checked for an existing version (default: derived from the repository URL).")
@click.option("--dist", "dist", type=click.Path(path_type=Path), default=None,
              help="Directory with the built artifacts (default: dist/ beside the config).")
@click.option("--dry-run", is_flag=True, help="Check and list what would be uploaded; upload nothing.")
@click.pass_obj
def publish(config_path: Path | None, repository_url: str, index_url: str | None, dist: Path | None,
            dry_run: bool) -> None:
    """Upload the built wheel and sdist with twine; refuse a version the index already has."""
    from gio_codegen.commands.publish import run_publish

    _run("human", lambda: run_publish(config_path, repository_url, index_url=index_url, dist=dist, dry_run=dry_run))


@main.command()
@click.option("--package", default=None,
              help="Python package of the generated client (default: from the directory name, or target_package_name).")
@click.option("--client-name", default=None,
              help="Class name of the blocking client (default: Client); with --from-ariadne-codegen it replaces client_name.")
@click.option("--generator-spec", default=None, metavar="SPEC",
              help=f"What the Makefile and CI pip-install to get gio-codegen (default: gio-codegen=={__version__}; "
                   "e.g. git+https://example.com/acme/gio-codegen@v0.1.0).")
@click.option("--from-ariadne-codegen", "from_ariadne", is_flag=True,
              help="Translate [tool.ariadne-codegen] of ./pyproject.toml into [tool.gio-codegen]; list what it cannot honour.")
@click.option("--ariadne-config", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="FILE",
              help="Read [tool.ariadne-codegen] from FILE instead (ariadne-codegen --config FILE); implies --from-ariadne-codegen.")
@click.pass_obj
def init(config_path: Path | None, package: str | None, client_name: str | None, generator_spec: str | None,
         from_ariadne: bool, ariadne_config: Path | None) -> None:
    """Scaffold a downstream repo here: [tool.gio-codegen], queries/, a Makefile and a CI workflow."""
    from gio_codegen.commands.init import run_init

    _run("human", lambda: run_init(Path.cwd(), package=package, client_name=client_name, generator_spec=generator_spec,
                                   from_ariadne=from_ariadne, ariadne_config=ariadne_config))
