"""Any operation layout (issue 14): several operations per file, any file names, by default.

ariadne-codegen's own layout (one `queries.graphql` holding everything) and GraphQL Code
Generator's `*.query.graphql` names generate as they are; each method sends its own operation.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import run_cli

SCHEMA = """\
type Query { hero(id: ID): Character  heroes: [Character!]! }
type Mutation { rename(id: ID!, name: String!): Character }
interface Character { id: ID! name: String }
type Human implements Character { id: ID! name: String height: Float }
type Droid implements Character { id: ID! name: String primaryFunction: String }
"""
QUERIES = """\
query GetHero($id: ID) {
  hero(id: $id) { id name ... on Human { height } }
}

query ListHeroes {
  heroes { ...HeroFields }
}

mutation RenameHero($id: ID!, $name: String!) {
  rename(id: $id, name: $name) { id name }
}

fragment HeroFields on Character { id name }
"""


def _project(root: Path, files: dict[str, str], extra: str = "") -> Path:
    (root / "queries").mkdir(parents=True)
    (root / "pyproject.toml").write_text(f'[tool.gio-codegen]\npackage = "layout_client"\n{extra}', encoding="utf-8")
    (root / "schema.graphql").write_text(SCHEMA, encoding="utf-8")
    for name, text in files.items():
        (root / "queries" / name).write_text(text, encoding="utf-8")
    return root


def test_several_operations_in_one_file_each_send_their_own_document(tmp_path: Path) -> None:
    project = _project(tmp_path, {"queries.graphql": QUERIES})
    result = run_cli("generate", cwd=project)
    assert result.code == 0, result.text
    probe = (
        "import layout_client.operations as o, inspect, layout_client as p\n"
        "print(o.GET_HERO_DOCUMENT.split('{')[0]); print(o.LIST_HEROES_DOCUMENT.split('{')[0]);"
        "print(o.RENAME_HERO_DOCUMENT.split('{')[0]); print('fragment HeroFields' in o.LIST_HEROES_DOCUMENT)\n"
        "print(sorted(n for n in dir(p.Client) if not n.startswith('_') and n not in ('close',)))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=project / "generated", capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert out[:4] == ["query GetHero($id: ID) ", "query ListHeroes ", "mutation RenameHero($id: ID!, $name: String!) ",
                       "True"]
    assert {"get_hero", "list_heroes", "rename_hero"} <= set(eval(out[4]))  # noqa: S307 - our own probe's list
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "layout_client"], cwd=project / "generated",
                          capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout


def test_codegen_style_file_names_are_fine_by_default_and_refused_when_the_rule_is_on(tmp_path: Path) -> None:
    files = {"hero.query.graphql": "query GetHero($id: ID) { hero(id: $id) { id } }"}
    assert run_cli("validate", cwd=_project(tmp_path / "a", files)).code == 0
    strict = _project(tmp_path / "b", files, '[tool.gio-codegen.rules]\nOperationNamedAfterFile = "error"\n')
    result = run_cli("validate", cwd=strict)
    assert result.code == 1 and "[OperationNamedAfterFile]" in result.err
