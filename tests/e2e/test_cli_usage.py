"""The `growingio` command as its README describes it: every runnable command the READMEs show,
global options before or after the subcommand, `--version`, the environment in `--help`, and
one-line errors (`--debug` adds the traceback)."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from .helpers import PROJECT, ROOT_DIR, SECRET, run_growingio

READMES = [ROOT_DIR / "README.md", ROOT_DIR / "generated" / "README.md"]
_PLACEHOLDER = re.compile(r"…|\||\[|\.\.\.|\b[A-Z][A-Z_]+\b")


def _readme_commands() -> list[str]:
    """Every `growingio …` command in the READMEs that is complete (no placeholder such as DIR)."""
    found: list[str] = []
    for readme in READMES:
        text = readme.read_text(encoding="utf-8")
        inline = re.findall(r"`(growingio [^`]+)`", text)
        console = re.findall(r"^\$ (growingio [^\n#]+)", text, flags=re.MULTILINE)
        for command in inline + console:
            command = command.strip()
            if not _PLACEHOLDER.search(command) and command not in found:
                found.append(command)
    return found


README_COMMANDS = _readme_commands()


def test_the_readmes_show_runnable_commands() -> None:
    assert "growingio tags --project-id WlGk4Daj --json" in README_COMMANDS
    assert "growingio --help" in README_COMMANDS


@pytest.mark.parametrize("command", README_COMMANDS)
def test_readme_command_runs(server, command: str) -> None:
    done = run_growingio(server.url, *shlex.split(command)[1:], secret=SECRET)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "prints something"
    if "--json" in command:
        json.loads(done.stdout)


@pytest.mark.parametrize(
    "before, after",
    [
        (["--json", "tags", "--project-id", PROJECT], ["tags", "--project-id", PROJECT, "--json"]),
        (["--json", "projects"], ["projects", "--json"]),
        (["--json", "jobs", "wait", "nope1234"], ["jobs", "wait", "nope1234", "--json"]),
    ],
)
def test_global_options_before_or_after_the_subcommand(server, before: list[str], after: list[str]) -> None:
    first = run_growingio(server.url, *before, secret=SECRET)
    second = run_growingio(server.url, *after, secret=SECRET)
    assert (first.returncode, first.stdout) == (second.returncode, second.stdout)
    if first.returncode == 0:
        json.loads(second.stdout)


def test_url_and_token_after_the_subcommand_win(server) -> None:
    done = run_growingio("http://127.0.0.1:9", "projects", "--url", server.url, "--client-secret", SECRET, "--json")
    assert done.returncode == 0, done.stderr
    assert isinstance(json.loads(done.stdout), list)
    wrong = run_growingio(server.url, "projects", "--client-secret", "not-the-secret-xyz", secret=SECRET)
    assert wrong.returncode == 1 and "not-the-secret-xyz" not in wrong.stderr


def test_version_and_environment_in_help(server) -> None:
    import growingio_client

    version = run_growingio(server.url, "--version")
    assert version.returncode == 0 and version.stdout == f"growingio {growingio_client.__version__}\n"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", growingio_client.__version__)
    help_text = run_growingio(server.url, "--help").stdout
    for name in ("GROWINGIO_URL", "GROWINGIO_TOKEN", "GROWINGIO_CLIENT_SECRET", "GROWINGIO_MAX_REQUESTS_PER_SECOND"):
        assert name in help_text
    sub_help = run_growingio(server.url, "tags", "--help").stdout
    assert "--json" in sub_help and "--url" in sub_help and "--project-id" in sub_help


@pytest.mark.parametrize(
    "args",
    [
        ["tags", "--jsn"],
        ["no-such-command"],
        ["tags"],  # a required option is missing
        ["--max-requests-per-second", "-1", "projects"],
        ["tags", "--project-id", "nope"],  # an invalid HashId
    ],
)
def test_every_error_is_one_line(server, args: list[str]) -> None:
    done = run_growingio(server.url, *args, secret=SECRET)
    assert done.returncode in (1, 2)
    assert done.stderr.startswith("growingio: error: ") and done.stderr.count("\n") == 1, done.stderr
    assert done.stdout == ""


def test_debug_adds_the_traceback_before_or_after(server) -> None:
    for args in (["--debug", "tags", "--project-id", "nope"], ["tags", "--project-id", "nope", "--debug"]):
        done = run_growingio(server.url, *args, secret=SECRET)
        assert done.returncode == 1
        assert "Traceback" in done.stderr and "InvalidArgument" in done.stderr
        assert done.stderr.splitlines()[-1].startswith("growingio: error: ")
