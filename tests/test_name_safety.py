"""Name safety (issue 7): every name ariadne-codegen 0.19 mishandles gets a safe, documented
Python name, the wire keeps the GraphQL name, and what cannot be mapped is a validation error.

The known ariadne-codegen 0.19 failures, reproduced here: variables `$self` / `$kwargs` (client
does not compile), enum value `mro` (package raises on import), string literals with `'`, block
strings and `"a\\nb"` (crash / silently rewritten). The generated package compiles, imports,
passes `mypy --strict`, and the values reach a real server unchanged.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from fuzz.project import compile_all, echo_server, generate, imported, mypy_strict, write_project

from conftest import run_cli
from gio_codegen.naming import enum_member_name, field_name, method_name, parameter_name

SCHEMA = '''\
enum Kind { mro name value title _missing_ class A }

input Inner { kind: Kind }

input Filter {
  self: String
  model_config: String
  kind: Kind = mro
  kinds: [Kind!] = [class, A]
  nested: Inner = {kind: title}
  userId: String
  user_id: String
}

type Echo {
  query: String!
  variables: String!
  args: String!
  kind: Kind
  self: String
  model_config: String
  userId: String
  user_id: String
  mro: String
  match: String
}

type Query {
  echo(self: String, kwargs: String, class: String, kind: Kind, filter: Filter, text: String): Echo!
}
'''

QUERY = '''\
query Echo($self: String, $kwargs: String, $class: String, $kind: Kind, $filter: Filter) {
  echo(self: $self, kwargs: $kwargs, class: $class, kind: $kind, filter: $filter, text: "it's") {
    query
    variables
    args
    kind
    self
    model_config
    userId
    user_id
    mro
    match
  }
}
'''

LITERALS = '''\
query Literals {
  quote: echo(text: "it's") { args }
  block: echo(text: """a block "string" with \\""" and
    two lines""") { args }
  newline: echo(text: "a\\nb") { args }
}
'''


def _resolve(**args: object) -> dict[str, object]:
    return {
        "kind": args.get("kind"), "self": args.get("self"), "model_config": "mc", "userId": "camel",
        "user_id": "snake", "mro": "m", "match": "ma",
    }


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("names"), SCHEMA, {"echo": QUERY, "literals": LITERALS}, package="names_client"
    )
    return generate(root)


@pytest.mark.parametrize(
    ("rule", "name", "python"),
    [
        (parameter_name, "self", "self_"),
        (parameter_name, "kwargs", "kwargs_"),
        (parameter_name, "class", "class_"),
        (parameter_name, "match", "match_"),
        (parameter_name, "timeout", "timeout_"),
        (parameter_name, "projectId", "project_id"),
        (parameter_name, "id", "id"),  # shadowing the builtin `id` inside the method is harmless
        (parameter_name, "_", "arg_"),
        (parameter_name, "_1st", "arg_1st"),
        (field_name, "model_config", "model_config_"),
        (field_name, "mro", "mro_"),
        (field_name, "self", "self_"),
        (field_name, "list", "list_"),
        (field_name, "json", "json_"),
        (field_name, "userId", "user_id"),
        (field_name, "_", "underscore_"),
        (field_name, "_9lives", "field_9lives"),
        (field_name, "name", "name"),
        (enum_member_name, "mro", "mro_"),
        (enum_member_name, "name", "name_"),
        (enum_member_name, "value", "value_"),
        (enum_member_name, "title", "title_"),
        (enum_member_name, "_missing_", "_missing__"),
        (enum_member_name, "class", "class_"),
        (enum_member_name, "FINISH", "FINISH"),
        (method_name, "Close", "close_"),
        (method_name, "Tags", "tags"),
    ],
)
def test_naming_rules(rule: object, name: str, python: str) -> None:
    assert rule(name) == python  # type: ignore[operator]


def test_package_compiles_imports_and_is_mypy_strict_clean(package: Path) -> None:
    compile_all(package)
    with imported(package, "names_client") as module:
        assert [m.value for m in module.Kind] == ["mro", "name", "value", "title", "_missing_", "class", "A"]
        assert module.Kind("mro") is module.Kind.mro_
        assert module.Kind("brand-new").value == "brand-new"  # forward compatibility survives the renames
        assert module.Filter().kind is module.Kind.mro_
        assert module.Filter().kinds == [module.Kind.class_, module.Kind.A]
        assert module.Filter().nested.kind is module.Kind.title_
    result = mypy_strict(package, "names_client")
    assert result.returncode == 0, result.stdout + result.stderr


def test_renamed_names_map_back_to_the_wire(package: Path) -> None:
    with imported(package, "names_client") as module, echo_server(SCHEMA, {"echo": _resolve}) as url:
        filter_ = module.Filter(self_="s", model_config_="m", user_id_2="camel", user_id="snake", kinds=[module.Kind.name_])
        with module.Client(url, token="t") as client:
            echo = client.echo(self_="me", kwargs_="kw", class_="cls", kind=module.Kind.mro_, filter=filter_)
        sent = json.loads(echo.variables)
        assert sent == {
            "self": "me", "kwargs": "kw", "class": "cls", "kind": "mro",
            "filter": {
                "self": "s", "model_config": "m", "userId": "camel", "user_id": "snake", "kind": "mro",
                "kinds": ["name"], "nested": {"kind": "title"},
            },
        }
        assert json.loads(echo.args)["text"] == "it's"
        assert (echo.self_, echo.model_config_, echo.user_id_2, echo.user_id, echo.mro_, echo.match_) == (
            "me", "mc", "camel", "snake", "m", "ma",
        )
        assert echo.kind is module.Kind.mro_
        assert echo.query == (package / "../queries/echo.graphql").resolve().read_text(encoding="utf-8")

        async def run_async() -> str:
            async with module.AsyncClient(url, token="t") as client:
                return (await client.echo(self_="x")).variables

        assert json.loads(asyncio.run(run_async())) == {"self": "x"}


def test_string_literals_reach_the_server_unchanged(package: Path) -> None:
    with imported(package, "names_client") as module, echo_server(SCHEMA, {"echo": _resolve}) as url:
        with module.Client(url, token="t") as client:
            result = client.literals()
    assert json.loads(result.quote.args)["text"] == "it's"
    assert json.loads(result.block.args)["text"] == 'a block "string" with """ and\ntwo lines'
    assert json.loads(result.newline.args)["text"] == "a\nb"


def _project(tmp_path: Path, schema: str, query: str) -> Path:
    return write_project(tmp_path, schema, {"q": query}, package="bad_client")


@pytest.mark.parametrize(
    ("schema", "query", "message"),
    [
        ("enum str { A }\ntype Query { f(e: str): String }", "query Q { f(e: A) }", "type str becomes a Python class"),
        ("enum Optional { A }\ntype Query { f: Optional }", "query Q { f }", "type Optional becomes a Python class"),
        ("input class { a: Int }\ntype Query { f(i: class): Int }", "query Q { f(i: {a: 1}) }", "is a Python keyword"),
        ("enum QQuery { A }\ntype Query { f: QQuery }", "query Q { f }", "result class 'QQuery' clashes with type QQuery"),
    ],
)
def test_unmappable_names_are_validation_errors(tmp_path: Path, schema: str, query: str, message: str) -> None:
    project = _project(tmp_path, schema, query)
    result = run_cli("generate", cwd=project)
    assert result.code == 1, result.text
    assert message in result.err and "Traceback" not in result.err
    assert not (project / "generated").exists()


def test_custom_scalars_named_like_imports_get_a_safe_alias(tmp_path: Path) -> None:
    """`scalar Upload` / `scalar Optional` in someone else's schema never block generation (issue 14)."""
    schema = "scalar Upload\nscalar Optional\ntype Query { f(x: Optional): Optional }\ntype Mutation { up(file: Upload!): Int }"
    project = _project(tmp_path, schema, "query Q($x: Optional) { f(x: $x) }")
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    scalars = next((project / "generated").glob("*/scalars.py")).read_text()
    assert "Optional_ = JsonValue" in scalars  # an unmapped `Upload` is a file (tests/test_uploads.py):
    assert "Upload_ = Annotated[PathLike[str] | bytes | BinaryIO | UploadFile, as_upload]" in scalars
    package = next(p.parent.name for p in (project / "generated").glob("*/scalars.py"))
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", package], cwd=project / "generated",
                          capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout


def test_variables_that_map_to_one_parameter_are_numbered_and_keep_their_wire_names(tmp_path: Path) -> None:
    """`$id` and `$ID` are two GraphQL variables (names are case-sensitive): `id`, `id_2` in Python."""
    project = _project(tmp_path, "type Query { f(a: String, b: String): String }",
                       "query Q($id: String, $ID: String) { f(a: $id, b: $ID) }")
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    client = next((project / "generated").glob("*/client.py")).read_text()
    assert "id: str | None = None, id_2: str | None = None" in client, client
    assert '{"id": id, "ID": id_2}' in client, client
