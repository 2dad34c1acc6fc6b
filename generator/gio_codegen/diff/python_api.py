"""The Python-API verdict: render the client for both schemas and compare what users import.

A schema verdict judges GraphQL; users of the generated package write Python. So both
clients are rendered with the same operations (diff/generated_api.py) and compared:

* `major`: griffe's API-breakage check (`griffe.find_breaking_changes`: public objects
  removed, parameters removed or made required, kinds changed…) finds something, or a public
  object disappears;
* `minor`: a public object (module, class, function, attribute, enum member) appears;
* `patch`: any other byte of any generated file differs (docstrings, annotations, defaults,
  the shipped schema.graphql);
* `none`: the two packages are byte-identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gio_codegen.errors import UserError
from gio_codegen.fingerprint import MANIFEST_NAME

if TYPE_CHECKING:
    from graphql import GraphQLSchema

    from gio_codegen.load.config import Config
    from gio_codegen.load.operations import OperationFile



@dataclass
class ApiVerdict:
    level: str  # none | patch | minor | major
    breakages: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # public objects whose signature/annotation/value changed
    files: list[str] = field(default_factory=list)  # generated files that differ
    note: str = ""
    compared: bool = True

    def to_json(self) -> dict[str, object]:
        return {"bump": self.level, "compared": self.compared, "breakages": self.breakages, "removed": self.removed,
                "added": self.added, "changed": self.changed, "files": self.files, "note": self.note}


def python_api_verdict(config: Config, old_text: str, new_text: str, old: GraphQLSchema, new: GraphQLSchema,
                       files: list[OperationFile]) -> ApiVerdict:
    """Compare the clients rendered from both schema texts; when the operations do not all
    validate against both, only those that do are rendered, with the fragments they reach (a
    broken operation already makes the bump `major`)."""
    if old_text == new_text:
        return ApiVerdict("none", note="same schema text: the generated package is identical")
    try:
        return _compare(config, old_text, new_text, None)
    except UserError:
        pass
    operations, kept = _valid_under_both(config, files, old, new)
    total = sum(1 for f in files if f.operations)
    try:
        verdict = _compare(config, old_text, new_text, operations)
    except UserError as error:
        message = "; ".join(d.message for d in error.diagnostics)[:300]
        return ApiVerdict("patch", note=f"Python API not compared (the client does not render: {message})",
                          compared=False, files=[f"{config.package}/schema.graphql"])
    verdict.note = f"rendered with the {kept} of {total} operation files valid under both schemas"
    return verdict


def _compare(config: Config, old_text: str, new_text: str, operations: dict[str, str] | None) -> ApiVerdict:
    from gio_codegen.diff.generated_api import rendered_client

    with rendered_client(config, old_text, operations) as old_tree, rendered_client(config, new_text, operations) as new_tree:
        return compare_trees(old_tree, new_tree, config.package)


def _valid_under_both(config: Config, files: list[OperationFile], old: GraphQLSchema,
                      new: GraphQLSchema) -> tuple[dict[str, str], int]:
    """The operation files valid under both schemas, as written, plus the fragments they reach from
    other files (printed; an unreachable fragment may be invalid and would stop the render)."""
    from graphql import DocumentNode, FragmentDefinitionNode, print_ast, specified_rules, validate

    from gio_codegen.validate.documents import spread_names

    pool = {d.name.value: (f, d) for f in files for d in f.fragments}
    rules = [r for r in specified_rules if r.__name__ != "NoUnusedFragmentsRule"]
    chosen: dict[str, str] = {}
    needed: dict[str, FragmentDefinitionNode] = {}
    for file in files:
        if not file.operations:
            continue
        local = {d.name.value for d in file.fragments}
        reached: dict[str, FragmentDefinitionNode] = {}
        pending = [n for d in (*file.operations, *file.fragments) for n in sorted(spread_names(d))]
        while pending:
            name = pending.pop(0)
            if name in local or name in reached or name not in pool:
                continue
            reached[name] = pool[name][1]
            pending.extend(sorted(spread_names(pool[name][1])))
        document = DocumentNode(definitions=(*file.document.definitions, *reached.values()))
        if not validate(old, document, rules) and not validate(new, document, rules):
            chosen[_name(config, file)] = file.source.body
            needed.update(reached)
    by_file: dict[str, list[FragmentDefinitionNode]] = {}
    for name, fragment in needed.items():
        by_file.setdefault(_name(config, pool[name][0]), []).append(fragment)
    for name, fragments in by_file.items():
        if name not in chosen:
            chosen[name] = "\n".join(print_ast(f) for f in fragments) + "\n"
    return chosen, sum(1 for f in files if f.operations and _name(config, f) in chosen)


def _name(config: Config, file: OperationFile) -> str:
    try:
        return file.path.resolve().relative_to(config.queries.resolve()).as_posix()
    except ValueError:
        return file.path.name


def compare_trees(old_tree: Path, new_tree: Path, package: str) -> ApiVerdict:
    old_files, new_files = _files(old_tree), _files(new_tree)
    differing = sorted(n for n in old_files.keys() | new_files.keys() if old_files.get(n) != new_files.get(n))
    if not differing:
        return ApiVerdict("none")
    import griffe

    try:
        old_api, new_api = _load(griffe, old_tree, package), _load(griffe, new_tree, package)
        breakages = sorted({b.explain(style=griffe.ExplanationStyle.ONE_LINE)
                            for b in griffe.find_breaking_changes(old_api, new_api)})
        before, after = _surface(old_api), _surface(new_api)
    except Exception as error:  # noqa: BLE001 - griffe's own failure must not stop a diff; it is shown
        return ApiVerdict("patch", files=differing, compared=False,
                          note=f"griffe could not compare the packages ({type(error).__name__}: {error})")
    removed = sorted(before.keys() - after.keys())
    added = sorted(after.keys() - before.keys())
    changed = sorted(p for p in before.keys() & after.keys() if before[p] != after[p])
    level = "major" if breakages or removed else "minor" if added else "patch"
    return ApiVerdict(level, breakages, removed, added, changed, differing)


def _files(tree: Path) -> dict[str, bytes]:
    return {
        p.relative_to(tree).as_posix(): p.read_bytes()
        for p in sorted(tree.rglob("*"))
        if p.is_file() and p.name != MANIFEST_NAME and "__pycache__" not in p.parts
    }


def _load(griffe: Any, tree: Path, package: str) -> Any:
    loader = griffe.GriffeLoader(search_paths=[tree], allow_inspection=False, store_source=False)
    module = loader.load(package)
    loader.resolve_aliases(implicit=False, external=False)
    return module


def _surface(root: Any) -> dict[str, str]:
    """Every public object under the package, by path, with what a caller relies on."""
    out: dict[str, str] = {}

    def walk(obj: Any) -> None:
        for name, member in obj.members.items():
            path = f"{obj.path}.{name}"
            if path in out or not _public(member):
                continue
            if member.is_alias:
                out[path] = f"alias of {member.target_path}"
            elif member.is_module:
                out[path] = "module"
                walk(member)
            elif member.is_class:
                out[path] = "class(" + ", ".join(str(b) for b in member.bases) + ")"
                walk(member)
            elif member.is_function:
                params = ", ".join(f"{p.kind.value} {p.name}: {p.annotation} = {p.default}" for p in member.parameters)
                out[path] = f"def ({params}) -> {member.returns}"
            else:
                out[path] = f"{getattr(member, 'annotation', None)} = {getattr(member, 'value', None)}"

    walk(root)
    return out


def _public(member: Any) -> bool:
    try:
        return bool(member.is_public)
    except Exception:  # noqa: BLE001 - an unresolvable alias: judged by its name
        return not member.name.startswith("_")
