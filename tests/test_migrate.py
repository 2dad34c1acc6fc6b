"""`gio-codegen init --from-ariadne-codegen` on real `[tool.ariadne-codegen]` configs (tests/ariadne_configs/,
sources in SOURCES.md): each migrates to the expected `[tool.gio-codegen]`, every option it cannot honour is
one located line, and `gio-codegen validate` passes once the config's schema and operations exist."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, Result, run_cli, tree_bytes

from gio_codegen.load.config import load_config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIGS = ROOT / "tests" / "ariadne_configs"
NOT_HONOURED = re.compile(r"^(?P<file>[\w.-]+):(?P<line>\d+): not honoured: (?P<key>[\w.]+) = ", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    file: str
    schema: str
    queries: str
    package: str
    client_name: str
    async_client_name: str
    not_honoured: tuple[str, ...]  # the options reported, in file order
    scalars: dict[str, str] = field(default_factory=dict)
    config_name: str = "pyproject.toml"  # another name: migrated with --ariadne-config (ariadne-codegen --config)


PLANPILOT_SCALARS = {
    "Date": "date", "DateTime": "datetime", "PreciseDateTime": "datetime", "GitTimestamp": "datetime", "BigInt": "int",
    **dict.fromkeys(("URI", "Base64String", "GitObjectID", "GitRefname", "GitSSHRemote", "HTML", "X509Certificate"), "str"),
}
CASES = [
    Case("readme_minimal.toml", "schema.graphql", "queries.graphql", "graphql_client", "SyncClient", "Client", ()),
    Case("custom_scalars.toml", "schema.graphql", "queries.graphql", "custom_scalars_client", "SyncClient", "Client",
         ("include_comments", "files_to_include", "scalars.DATETIME", "scalars.CODE"),
         {"CUSTOMID": "int", "DATETIME": "datetime", "CODE": "json"}),
    Case("remote_schema.toml", "schema.graphql", "queries.graphql", "remote_schema_client", "SyncClient", "Client",
         ("include_comments", "remote_schema_url", "remote_schema_headers")),
    Case("custom_files_names.toml", "schema.graphql", "queries.graphql", "custom_names_client", "SyncClient", "Client",
         ("include_comments", "client_file_name", "enums_module_name", "input_types_module_name"), {"TestScalar": "str"}),
    Case("issue_271.toml", "schema.graphql", "src/queries.graphql", "graph_client", "SyncClient", "Client",
         ("remote_schema_url", "remote_schema_headers", "target_package_path", "target_file_path")),
    Case("planpilot.toml", "src/planpilot/core/providers/github/schema.graphql",
         "src/planpilot/core/providers/github/operations", "github_gql", "SyncGitHubGraphQLClient", "GitHubGraphQLClient",
         ("target_package_path", "plugins", "extract_operations", "scalars.DateTime", "scalars.PreciseDateTime",
          "scalars.GitTimestamp"), PLANPILOT_SCALARS),
    Case("esologs_mini.toml", "schema.graphql", "queries.graphql", "esologs", "SyncClient", "Client",
         ("include_comments",), config_name="mini.toml"),
    Case("mcp_example.toml", "schema.graphql", "graphql_to_mcp/queries.graphql", "graphql_client", "SyncClient", "Client",
         ("remote_schema_url", "target_package_path")),
    Case("custom_operations.toml", "schema.graphql", "queries", "graphql_client", "SyncClient", "Client",
         ("enable_custom_operations",)),
]


def write_inputs(repo: Path, schema: str, queries: str, scalars: list[str]) -> None:
    """A schema using every configured scalar, and two operations in one file (ariadne-codegen's layout)."""
    fields = "".join(f"  value{name}: {name}\n" for name in scalars)
    sdl = "".join(f"scalar {name}\n" for name in scalars) + f"type Query {{\n  hello(name: String): String\n{fields}}}\n"
    (repo / schema).parent.mkdir(parents=True, exist_ok=True)
    (repo / schema).write_text(sdl)
    target = repo / queries if queries.endswith(".graphql") else repo / queries / "operations.graphql"
    target.parent.mkdir(parents=True, exist_ok=True)
    selection = " ".join(f"value{name}" for name in scalars) or "hello"
    target.write_text(f"query Hello($name: String) {{\n  hello(name: $name)\n}}\n\nquery Values {{\n  {selection}\n}}\n")


def migrate(repo: Path, case: Case, *extra: str) -> tuple[str, Result]:
    original = (CONFIGS / case.file).read_text()
    (repo / case.config_name).write_text(original)
    args = ["--ariadne-config", case.config_name] if case.config_name != "pyproject.toml" else ["--from-ariadne-codegen"]
    return original, run_cli("init", *args, *extra, cwd=repo)


@pytest.mark.parametrize("case", CASES, ids=[c.file.removesuffix(".toml") for c in CASES])
def test_real_config_migrates_and_validates(tmp_path: Path, case: Case) -> None:
    write_inputs(tmp_path, case.schema, case.queries, list(case.scalars))
    original, result = migrate(tmp_path, case)
    assert result.code == 0, result.text
    assert "Traceback" not in result.err
    pyproject = (tmp_path / "pyproject.toml").read_text()
    if case.config_name == "pyproject.toml":
        assert pyproject.startswith(original)  # appended to; [tool.ariadne-codegen] left as it was
        assert tomllib.loads(pyproject)["tool"]["ariadne-codegen"] == tomllib.loads(original)["tool"]["ariadne-codegen"]
    else:
        assert (tmp_path / case.config_name).read_text() == original
    config = load_config(tmp_path / "pyproject.toml")
    assert (config.schema, config.queries) == (tmp_path / case.schema, tmp_path / case.queries)
    assert (config.package, config.client_name, config.async_client_name) == (
        case.package, case.client_name, case.async_client_name)
    assert {name: mapping.kind for name, mapping in config.scalars.items()} == case.scalars
    reported = [(m["file"], int(m["line"]), m["key"]) for m in NOT_HONOURED.finditer(result.out)]
    assert [key for _, _, key in reported] == list(case.not_honoured), result.out
    assert f"{len(case.not_honoured)} option" in result.out
    lines = original.splitlines()
    for file, number, key in reported:  # each line points at the option it names
        assert file == case.config_name
        option = "type" if key.startswith("scalars.") else key  # a scalar's line is its `type`
        assert option in lines[number - 1], (key, number)
    validated = run_cli("validate", cwd=tmp_path)
    assert validated.code == 0, validated.text


def test_generated_client_keeps_the_names_and_scalar_types(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.file == "planpilot.toml")
    write_inputs(tmp_path, case.schema, case.queries, ["Date", "DateTime", "BigInt", "URI"])
    assert migrate(tmp_path, case)[1].code == 0
    generated = run_cli("generate", cwd=tmp_path)
    assert generated.code == 0, generated.text
    probe = (
        "import inspect, datetime, typing, pydantic\n"
        "import github_gql as g\n"
        "assert inspect.iscoroutinefunction(g.GitHubGraphQLClient.values)\n"  # async_client = true: stays asyncio
        "assert not inspect.iscoroutinefunction(g.SyncGitHubGraphQLClient.values)\n"
        "hints = typing.get_type_hints(g.ValuesQuery)\n"
        "assert hints['value_date'] == typing.Optional[datetime.date], hints\n"
        "assert hints['value_date_time'] == typing.Optional[pydantic.AwareDatetime], hints\n"
        "assert hints['value_big_int'] == typing.Optional[int], hints\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path / "generated"), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr


def test_remote_schema_url_becomes_the_scheduled_jobs_default(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.file == "mcp_example.toml")
    assert migrate(tmp_path, case)[1].code == 0
    workflow = (tmp_path / ".github" / "workflows" / "gio-codegen.yml").read_text()
    url = "https://nimara-demo.eu.saleor.cloud/graphql/"
    assert f"SCHEMA_URL: ${{{{ vars.SCHEMA_URL || '{url}' }}}}" in workflow
    assert f"SCHEMA_URL ?= {url}\n" in (tmp_path / "Makefile").read_text()


def assert_refused(repo: Path, before: dict[str, bytes], result: Result, *messages: str) -> None:
    assert result.code == 1, result.text
    assert "Traceback" not in result.err
    for message in messages:
        assert message in result.err, result.err
    assert tree_bytes(repo) == before  # nothing written


def test_a_graphqlschema_config_is_refused_with_its_equivalent(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text((CONFIGS / "planpilot_schema.toml").read_text())
    before = tree_bytes(tmp_path)
    result = run_cli("init", "--from-ariadne-codegen", cwd=tmp_path)
    assert_refused(tmp_path, before, result, "pyproject.toml:1:1: error: [tool.ariadne-codegen] this section configures "
                   "`ariadne-codegen graphqlschema`", "gio-codegen introspect URL -o src/planpilot/core/providers/github/")


def test_never_overwrites_an_existing_gio_codegen_section(tmp_path: Path) -> None:
    text = (CONFIGS / "readme_minimal.toml").read_text() + '\n[tool.gio-codegen]\npackage = "mine"\n'
    (tmp_path / "pyproject.toml").write_text(text)
    before = tree_bytes(tmp_path)
    result = run_cli("init", "--from-ariadne-codegen", cwd=tmp_path)
    assert_refused(tmp_path, before, result, "pyproject.toml: error: already has a [tool.gio-codegen] section")


@pytest.mark.parametrize(("text", "message"), [
    ('[tool.ariadne-codegen]\nschema_path = "schema.graphql\n', "pyproject.toml:2:"),
    ('[tool.ariadne-codegen]\nschema_path = "s.graphql"\nqueries_paht = "q.graphql"\n',
     "pyproject.toml:3:1: error: [tool.ariadne-codegen] unknown ariadne-codegen option 'queries_paht'; "
     "did you mean 'queries_path'?"),
    ('[tool.ariadne-codegen]\nschema_path = "s.graphql"\nqueries_path = "q.graphql"\nasync_client = "yes"\n',
     "pyproject.toml:4:1: error: [tool.ariadne-codegen] async_client must be true or false"),
    ('[tool.ariadne-codegen]\nschema_path = "s.graphql"\nqueries_path = "q.graphql"\ninclude_comments = "always"\n',
     "pyproject.toml:4:1: error: [tool.ariadne-codegen] include_comments must be one of 'none', 'stable', 'timestamp'"),
    ('[tool.ariadne-codegen]\nschema_path = "s.graphql"\nqueries_path = "q.graphql"\n\n'
     '[tool.ariadne-codegen.scalars.DateTime]\nparse = "x.parse"\n',
     "pyproject.toml:5:1: error: [tool.ariadne-codegen.scalars.DateTime] scalar DateTime: missing `type`"),
    ('[tool.ariadne-codegen]\nschema_path = "s.graphql"\nqueries_path = "q.graphql"\n\n'
     '[tool.ariadne-codegen.scalars.DateTime]\ntype = "datetime.datetime"\nserialise = "x.s"\n',
     "pyproject.toml:7:1: error: [tool.ariadne-codegen.scalars.DateTime] scalar DateTime: unknown key 'serialise'; "
     "did you mean 'serialize'?"),
    ('[tool.ariadne-codegen]\nschema_path = "s.graphql"\n', "error: [tool.ariadne-codegen] queries_path is missing"),
    ('[tool.ariadne-codegen]\nqueries_path = "q.graphql"\n', "pyproject.toml:1:1: error: [tool.ariadne-codegen] no schema source"),
    ('[tool.ariadne-codegen]\nschema_path = "s.graphql"\nqueries_path = "q.graphql"\ntarget_package_name = "json"\n',
     "pyproject.toml:4:1: error: [tool.ariadne-codegen] target_package_name 'json' would shadow the standard library"),
    ('[project]\nname = "x"\n', "pyproject.toml: error: no [tool.ariadne-codegen] section to migrate"),
], ids=["broken-toml", "unknown-option", "wrong-type", "bad-comments", "scalar-without-type", "scalar-unknown-key",
        "no-queries", "no-schema", "package-shadows-stdlib", "no-section"])
def test_bad_input_is_one_located_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    before = tree_bytes(tmp_path)
    assert_refused(tmp_path, before, run_cli("init", "--from-ariadne-codegen", cwd=tmp_path), message)


def test_package_option_overrides_a_name_gio_codegen_refuses(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.ariadne-codegen]\nschema_path = "s.graphql"\nqueries_path = "q.graphql"\ntarget_package_name = "json"\n')
    result = run_cli("init", "--from-ariadne-codegen", "--package", "json_api", "--client-name", "Api", cwd=tmp_path)
    assert result.code == 0, result.text
    config = load_config(tmp_path / "pyproject.toml")
    assert (config.package, config.client_name, config.async_client_name) == ("json_api", "SyncApi", "Api")


def test_sync_client_and_legacy_section_and_plugin_settings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[ariadne-codegen]\nschema_path = "schema"\nqueries_path = "ops"\nclient_name = "Acme"\nasync_client = false\n'
        'plugins = ["my.Plugin"]\nmy_plugin_setting = 3\n')
    (tmp_path / "schema").mkdir()
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "a.gql").write_text("query A { hello }\n")
    result = run_cli("init", "--from-ariadne-codegen", cwd=tmp_path)
    assert result.code == 0, result.text
    config = load_config(tmp_path / "pyproject.toml")
    assert (config.client_name, config.async_client_name) == ("Acme", "AsyncAcme")  # async_client = false
    assert config.schema == tmp_path / "schema.graphql"  # a directory: gio-codegen reads one file
    out = result.out
    assert "pyproject.toml:2: not honoured: schema_path = \"schema\": a directory" in out
    assert "pyproject.toml:3: not honoured: queries_path = \"ops\": gio-codegen reads only *.graphql files: rename a.gql" in out
    assert "pyproject.toml:6: not honoured: plugins = [\"my.Plugin\"]: gio-codegen runs no plugins: Plugin (not run)" in out
    assert "pyproject.toml:7: not honoured: my_plugin_setting = 3: not an ariadne-codegen setting" in out


def test_keeps_an_existing_makefile_and_workflow(tmp_path: Path) -> None:
    shutil.copy(CONFIGS / "readme_minimal.toml", tmp_path / "pyproject.toml")
    (tmp_path / "Makefile").write_text("all:\n\techo mine\n")
    result = run_cli("init", "--from-ariadne-codegen", cwd=tmp_path)
    assert result.code == 0, result.text
    assert (tmp_path / "Makefile").read_text() == "all:\n\techo mine\n"
    assert "kept your Makefile (not overwritten)" in result.out
    assert (tmp_path / ".github" / "workflows" / "gio-codegen.yml").is_file()
    assert "gio-codegen" in tomllib.loads((tmp_path / "pyproject.toml").read_text())["tool"]


def test_missing_config_files_are_located_errors(tmp_path: Path) -> None:
    result = run_cli("init", "--from-ariadne-codegen", cwd=tmp_path)
    assert_refused(tmp_path, {}, result, "pyproject.toml: error: file not found: there is no [tool.ariadne-codegen]")
    result = run_cli("init", "--ariadne-config", "codegen.toml", cwd=tmp_path)
    assert_refused(tmp_path, {}, result, "codegen.toml: error: file not found")


def test_an_async_prefixed_client_name_gives_its_blocking_twin_the_bare_name(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.ariadne-codegen]\nschema_path = "s.graphql"\nqueries_path = "q"\n'
                                             'client_name = "AsyncAcme"\nscalars_module_name = "custom_scalars"\n')
    result = run_cli("init", "--from-ariadne-codegen", cwd=tmp_path)
    assert result.code == 0, result.text
    config = load_config(tmp_path / "pyproject.toml")
    assert (config.client_name, config.async_client_name) == ("Acme", "AsyncAcme")
    assert ('pyproject.toml:5: not honoured: scalars_module_name = "custom_scalars": gio-codegen writes the scalar types '
            "to scalars.py") in result.out


@pytest.mark.parametrize(("paths", "schema", "reported"), [
    ('["api/schema.graphql"]', "api/schema.graphql", False),
    ('["api/schema.graphql", "shared_pkg.SCHEMA_DIR"]', "schema.graphql", True),
])
def test_schema_paths(tmp_path: Path, paths: str, schema: str, reported: bool) -> None:
    write_inputs(tmp_path, "api/schema.graphql", "q.graphql", [])
    (tmp_path / "pyproject.toml").write_text(f'[tool.ariadne-codegen]\nschema_paths = {paths}\nqueries_path = "q.graphql"\n')
    result = run_cli("init", "--from-ariadne-codegen", cwd=tmp_path)
    assert result.code == 0, result.text
    assert load_config(tmp_path / "pyproject.toml").schema == tmp_path / schema
    assert ("pyproject.toml:2: not honoured: schema_paths = " in result.out) is reported
    if not reported:
        assert run_cli("validate", cwd=tmp_path).code == 0
