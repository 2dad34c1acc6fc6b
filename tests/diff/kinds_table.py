"""One scenario per change kind: an edit of a small schema, the record it must produce, the
schema verdict, and the status of each operation (written from the GraphQL spec and the
rules graphql-js and graphql-inspector document; docs/versioning.md has the same rules).

Operations: P (a query selecting most of Project, passing arguments and a directive), R (a
query on the union), M (a mutation passing input literals).
"""

from __future__ import annotations

from dataclasses import dataclass, field

BASE = '''"The schema"
schema @tag(name: "s") {
  query: Query
  mutation: Mutation
}

directive @tag(name: String) repeatable on SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION

"Marks a field"
directive @flag("why" why: String = "x", level: Int, mode: String! = "a", gone: Int @deprecated(reason: "r")) on FIELD | QUERY

"A date"
scalar Date @specifiedBy(url: "https://example.com/date") @tag(name: "d")

interface Node @tag(name: "n") {
  id: ID!
}

interface Named {
  name: String
}

"A project"
type Project implements Node & Named @tag(name: "p") {
  id: ID!
  "Its name"
  name: String @tag(name: "f")
  stage: Stage
  when: Date
  tags(first: Int = 10 @tag(name: "a"), "Skip" skip: Int, order: String! = "asc", offset: Int @deprecated(reason: "Use skip")): [String]
  legacy: String @deprecated(reason: "Use name")
  owner: Person
}

type Person {
  id: ID!
  nick: String
}

type Job implements Node {
  id: ID!
}

type Orphan {
  x: Int
}

union Result @tag(name: "u") = Project | Job

enum Stage @tag(name: "e") {
  RUNNING
  "Finished"
  DONE @tag(name: "v")
  OLD @deprecated(reason: "Gone")
}

input Filter @tag(name: "i") {
  "Search text"
  text: String @tag(name: "t")
  limit: Int! = 5
  old: String @deprecated(reason: "Unused")
}

input Choice {
  a: Int
  b: String
}

type Query {
  project(id: ID!, filter: Filter): Project
  result: Result
  unused: Job
}

type Mutation {
  run(filter: Filter): Job
  pick(choice: Choice): Job
}
'''

P = 'query P($f: Filter) { project(id: "1", filter: $f) @flag(why: "y") { id name stage when tags(first: 2) legacy owner { id } } }'
R = "query R { result { __typename ... on Job { id } } }"
M = 'mutation M { run(filter: {text: "x"}) { id } pick(choice: {a: 1, b: "x"}) { id } }'
OPS = {"P": P, "R": R, "M": M}


def edit(old: str, new: str, base: str = BASE) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


Record = tuple[str, str, str, "str | None", "str | None"]


@dataclass
class Row:
    id: str
    old: str
    new: str
    records: list[Record]
    bump: str
    statuses: dict[str, str] = field(default_factory=dict)
    ops: dict[str, str] = field(default_factory=lambda: dict(OPS))
    deprecated_removal: bool = False


def row(id: str, old_text: str, new_text: str, records: list[Record] | Record, bump: str, statuses: str = "",
        **kw: object) -> Row:
    """`statuses`: 'P=affected M=broken' (every other operation unaffected)."""
    parsed = dict(part.split("=") for part in statuses.split())
    return Row(id, BASE, edit(old_text, new_text), records if isinstance(records, list) else [records], bump, parsed,
               **kw)  # type: ignore[arg-type]


def reverse(id: str, r: Row, records: list[Record] | Record, bump: str, statuses: str = "", **kw: object) -> Row:
    """The same edit undone: NEW → OLD."""
    parsed = dict(part.split("=") for part in statuses.split())
    return Row(id, r.new, r.old, records if isinstance(records, list) else [records], bump, parsed, **kw)  # type: ignore[arg-type]


_orphan_removed = row("TYPE_REMOVED", "type Orphan {\n  x: Int\n}\n", "", ("TYPE_REMOVED", "Orphan", "breaking", "OBJECT", None), "patch")
_iface_added = row("OBJECT_TYPE_INTERFACE_ADDED", "type Person {", "type Person implements Node {",
                   ("OBJECT_TYPE_INTERFACE_ADDED", "Person", "dangerous", None, "Node"), "minor", "P=affected")
_member_added = row("UNION_MEMBER_ADDED", "= Project | Job", "= Project | Job | Person",
                    ("UNION_MEMBER_ADDED", "Result", "dangerous", None, "Person"), "minor", "R=affected")
_value_added = row("ENUM_VALUE_ADDED", "  RUNNING\n", "  RUNNING\n  PAUSED\n",
                   ("ENUM_VALUE_ADDED", "Stage.PAUSED", "dangerous", None, "PAUSED"), "minor", "P=affected")
_type_desc = row("TYPE_DESCRIPTION_REMOVED", '"A project"\ntype Project', "type Project",
                 ("TYPE_DESCRIPTION_REMOVED", "Project", "safe", "A project", None), "patch", "P=affected")
_no_mutation = BASE.replace("  mutation: Mutation\n", "").replace(
    "type Mutation {\n  run(filter: Filter): Job\n  pick(choice: Choice): Job\n}\n", "")
_oneof = edit("input Choice {", "input Choice @oneOf {")
_dir_added = row("DIRECTIVE_ADDED", "directive @tag", "directive @new on FIELD\n\ndirective @tag",
                 ("DIRECTIVE_ADDED", "@new", "safe", None, "@new"), "patch")

ROWS: list[Row] = [
    # --- types
    reverse("TYPE_ADDED", _orphan_removed, ("TYPE_ADDED", "Orphan", "safe", None, "OBJECT"), "patch"),
    _orphan_removed,
    row("TYPE_KIND_CHANGED", 'scalar Date @specifiedBy(url: "https://example.com/date") @tag(name: "d")', "enum Date { A }",
        ("TYPE_KIND_CHANGED", "Date", "breaking", "SCALAR", "ENUM"), "major", "P=affected"),
    row("TYPE_DESCRIPTION_ADDED", "type Person {", '"A person"\ntype Person {',
        ("TYPE_DESCRIPTION_ADDED", "Person", "safe", None, "A person"), "patch", "P=affected"),
    _type_desc,
    row("TYPE_DESCRIPTION_CHANGED", '"A project"', '"The project"',
        ("TYPE_DESCRIPTION_CHANGED", "Project", "safe", "A project", "The project"), "patch", "P=affected"),
    row("SCALAR_SPECIFIED_BY_URL_CHANGED", "https://example.com/date", "https://example.com/iso",
        ("SCALAR_SPECIFIED_BY_URL_CHANGED", "Date", "safe", "https://example.com/date", "https://example.com/iso"),
        "patch", "P=affected"),
    _iface_added,
    row("OBJECT_TYPE_INTERFACE_REMOVED", "implements Node & Named @tag", "implements Node @tag",
        ("OBJECT_TYPE_INTERFACE_REMOVED", "Project", "breaking", "Named", None), "major", "P=affected"),
    _member_added,
    row("UNION_MEMBER_REMOVED", "= Project | Job", "= Job",
        ("UNION_MEMBER_REMOVED", "Result", "breaking", "Project", None), "major", "R=affected"),
    # --- enum values
    _value_added,
    row("ENUM_VALUE_REMOVED", "  RUNNING\n", "", ("ENUM_VALUE_REMOVED", "Stage.RUNNING", "breaking", "RUNNING", None),
        "major", "P=affected"),
    row("ENUM_VALUE_REMOVED:deprecated", '  OLD @deprecated(reason: "Gone")\n', "",
        ("ENUM_VALUE_REMOVED", "Stage.OLD", "breaking", "OLD", None), "major", "P=affected", deprecated_removal=True),
    row("ENUM_VALUE_DESCRIPTION_ADDED", "  RUNNING\n", '  "Running"\n  RUNNING\n',
        ("ENUM_VALUE_DESCRIPTION_ADDED", "Stage.RUNNING", "safe", None, "Running"), "patch", "P=affected"),
    row("ENUM_VALUE_DESCRIPTION_REMOVED", '  "Finished"\n', "",
        ("ENUM_VALUE_DESCRIPTION_REMOVED", "Stage.DONE", "safe", "Finished", None), "patch", "P=affected"),
    row("ENUM_VALUE_DESCRIPTION_CHANGED", '"Finished"', '"Done"',
        ("ENUM_VALUE_DESCRIPTION_CHANGED", "Stage.DONE", "safe", "Finished", "Done"), "patch", "P=affected"),
    row("ENUM_VALUE_DEPRECATION_ADDED", "  RUNNING\n", '  RUNNING @deprecated(reason: "x")\n',
        ("ENUM_VALUE_DEPRECATION_ADDED", "Stage.RUNNING", "safe", None, "x"), "patch", "P=affected"),
    row("ENUM_VALUE_DEPRECATION_REMOVED", ' @deprecated(reason: "Gone")', "",
        ("ENUM_VALUE_DEPRECATION_REMOVED", "Stage.OLD", "safe", "Gone", None), "patch", "P=affected"),
    row("ENUM_VALUE_DEPRECATION_REASON_CHANGED", '"Gone"', '"Removed soon"',
        ("ENUM_VALUE_DEPRECATION_REASON_CHANGED", "Stage.OLD", "safe", "Gone", "Removed soon"), "patch", "P=affected"),
    # --- fields
    row("FIELD_ADDED", "  nick: String\n", "  nick: String\n  age: Int\n",
        ("FIELD_ADDED", "Person.age", "safe", None, "Int"), "patch"),
    row("FIELD_ADDED:root", "  unused: Job\n", "  unused: Job\n  ping: String\n",
        ("FIELD_ADDED", "Query.ping", "safe", None, "String"), "minor"),
    row("FIELD_REMOVED", "  nick: String\n", "", ("FIELD_REMOVED", "Person.nick", "breaking", "String", None), "patch"),
    row("FIELD_REMOVED:used", "  when: Date\n", "", ("FIELD_REMOVED", "Project.when", "breaking", "Date", None),
        "major", "P=broken"),
    row("FIELD_REMOVED:deprecated", '  legacy: String @deprecated(reason: "Use name")\n', "",
        ("FIELD_REMOVED", "Project.legacy", "breaking", "String", None), "major", "P=broken", deprecated_removal=True),
    row("FIELD_TYPE_CHANGED:nonnull", '  name: String @tag(name: "f")', '  name: String! @tag(name: "f")',
        ("FIELD_TYPE_CHANGED", "Project.name", "safe", "String", "String!"), "patch", "P=affected"),
    row("FIELD_TYPE_CHANGED:nullable", "type Person {\n  id: ID!", "type Person {\n  id: ID",
        ("FIELD_TYPE_CHANGED", "Person.id", "breaking", "ID!", "ID"), "major", "P=affected"),
    row("FIELD_DESCRIPTION_ADDED", "  nick: String\n", '  "Nickname"\n  nick: String\n',
        ("FIELD_DESCRIPTION_ADDED", "Person.nick", "safe", None, "Nickname"), "patch"),
    row("FIELD_DESCRIPTION_REMOVED", '  "Its name"\n', "",
        ("FIELD_DESCRIPTION_REMOVED", "Project.name", "safe", "Its name", None), "patch", "P=affected"),
    row("FIELD_DESCRIPTION_CHANGED", '"Its name"', '"The name"',
        ("FIELD_DESCRIPTION_CHANGED", "Project.name", "safe", "Its name", "The name"), "patch", "P=affected"),
    row("FIELD_DEPRECATION_ADDED", "  nick: String\n", "  nick: String @deprecated\n",
        ("FIELD_DEPRECATION_ADDED", "Person.nick", "safe", None, "No longer supported"), "patch"),
    row("FIELD_DEPRECATION_REMOVED", '  legacy: String @deprecated(reason: "Use name")', "  legacy: String",
        ("FIELD_DEPRECATION_REMOVED", "Project.legacy", "safe", "Use name", None), "patch", "P=affected"),
    row("FIELD_DEPRECATION_REASON_CHANGED", '"Use name"', '"Use name instead"',
        ("FIELD_DEPRECATION_REASON_CHANGED", "Project.legacy", "safe", "Use name", "Use name instead"), "patch", "P=affected"),
    # --- arguments
    row("FIELD_ARGUMENT_ADDED:optional", "  project(id: ID!, filter: Filter)", "  project(id: ID!, filter: Filter, lang: String)",
        ("FIELD_ARGUMENT_ADDED", "Query.project(lang:)", "dangerous", None, "String"), "minor", "P=affected"),
    row("FIELD_ARGUMENT_ADDED:unused-field", "  nick: String\n", "  nick(upper: Boolean): String\n",
        ("FIELD_ARGUMENT_ADDED", "Person.nick(upper:)", "dangerous", None, "Boolean"), "patch"),
    row("FIELD_ARGUMENT_ADDED:required", "  result: Result\n", "  result(n: Int!): Result\n",
        ("FIELD_ARGUMENT_ADDED", "Query.result(n:)", "breaking", None, "Int!"), "major", "R=broken"),
    row("FIELD_ARGUMENT_REMOVED", '"Skip" skip: Int, ', "",
        ("FIELD_ARGUMENT_REMOVED", "Project.tags(skip:)", "breaking", "Int", None), "patch"),
    row("FIELD_ARGUMENT_REMOVED:passed", 'first: Int = 10 @tag(name: "a"), ', "",
        ("FIELD_ARGUMENT_REMOVED", "Project.tags(first:)", "breaking", "Int", None), "major", "P=broken"),
    row("FIELD_ARGUMENT_TYPE_CHANGED:widened", "project(id: ID!,", "project(id: ID,",
        ("FIELD_ARGUMENT_TYPE_CHANGED", "Query.project(id:)", "safe", "ID!", "ID"), "patch", "P=affected"),
    row("FIELD_ARGUMENT_TYPE_CHANGED:other", "project(id: ID!, filter: Filter)", "project(id: ID!, filter: Choice)",
        ("FIELD_ARGUMENT_TYPE_CHANGED", "Query.project(filter:)", "breaking", "Filter", "Choice"), "major", "P=broken"),
    row("FIELD_ARGUMENT_DEFAULT_CHANGED:passed", "first: Int = 10", "first: Int = 20",
        ("FIELD_ARGUMENT_DEFAULT_CHANGED", "Project.tags(first:)", "dangerous", "10", "20"), "minor", "P=affected"),
    row("FIELD_ARGUMENT_DEFAULT_CHANGED:added", '"Skip" skip: Int,', '"Skip" skip: Int = 0,',
        ("FIELD_ARGUMENT_DEFAULT_CHANGED", "Project.tags(skip:)", "dangerous", None, "0"), "minor", "P=affected"),
    row("FIELD_ARGUMENT_DEFAULT_CHANGED:lost", 'order: String! = "asc"', "order: String!",
        ("FIELD_ARGUMENT_DEFAULT_CHANGED", "Project.tags(order:)", "breaking", '"asc"', None), "major", "P=broken"),
    row("FIELD_ARGUMENT_DESCRIPTION_ADDED", "(first: Int", '("First n" first: Int',
        ("FIELD_ARGUMENT_DESCRIPTION_ADDED", "Project.tags(first:)", "safe", None, "First n"), "patch", "P=affected"),
    row("FIELD_ARGUMENT_DESCRIPTION_REMOVED", '"Skip" skip', "skip",
        ("FIELD_ARGUMENT_DESCRIPTION_REMOVED", "Project.tags(skip:)", "safe", "Skip", None), "patch"),
    row("FIELD_ARGUMENT_DESCRIPTION_CHANGED", '"Skip" skip', '"Skip n" skip',
        ("FIELD_ARGUMENT_DESCRIPTION_CHANGED", "Project.tags(skip:)", "safe", "Skip", "Skip n"), "patch"),
    row("FIELD_ARGUMENT_DEPRECATION_ADDED", '"Skip" skip: Int', '"Skip" skip: Int @deprecated(reason: "no")',
        ("FIELD_ARGUMENT_DEPRECATION_ADDED", "Project.tags(skip:)", "safe", None, "no"), "patch"),
    row("FIELD_ARGUMENT_DEPRECATION_REMOVED", 'offset: Int @deprecated(reason: "Use skip")', "offset: Int",
        ("FIELD_ARGUMENT_DEPRECATION_REMOVED", "Project.tags(offset:)", "safe", "Use skip", None), "patch"),
    row("FIELD_ARGUMENT_DEPRECATION_REASON_CHANGED", '"Use skip"', '"Use skip:"',
        ("FIELD_ARGUMENT_DEPRECATION_REASON_CHANGED", "Project.tags(offset:)", "safe", "Use skip", "Use skip:"), "patch"),
    # --- input fields
    row("INPUT_FIELD_ADDED:optional", "  limit: Int! = 5\n", "  limit: Int! = 5\n  tag: String\n",
        ("INPUT_FIELD_ADDED", "Filter.tag", "dangerous", None, "String"), "minor", "P=affected M=affected"),
    row("INPUT_FIELD_ADDED:required", "  limit: Int! = 5\n", "  limit: Int! = 5\n  page: Int!\n",
        ("INPUT_FIELD_ADDED", "Filter.page", "breaking", None, "Int!"), "major", "P=affected M=broken"),
    row("INPUT_FIELD_REMOVED", '  "Search text"\n  text: String @tag(name: "t")\n', "",
        ("INPUT_FIELD_REMOVED", "Filter.text", "breaking", "String", None), "major", "P=affected M=broken"),
    row("INPUT_FIELD_REMOVED:deprecated", '  old: String @deprecated(reason: "Unused")\n', "",
        ("INPUT_FIELD_REMOVED", "Filter.old", "breaking", "String", None), "major", "P=affected M=affected",
        deprecated_removal=True),
    row("INPUT_FIELD_TYPE_CHANGED:widened", "  limit: Int! = 5", "  limit: Int = 5",
        ("INPUT_FIELD_TYPE_CHANGED", "Filter.limit", "safe", "Int!", "Int"), "patch", "P=affected M=affected"),
    row("INPUT_FIELD_TYPE_CHANGED:other", '  text: String @tag(name: "t")', '  text: Int @tag(name: "t")',
        ("INPUT_FIELD_TYPE_CHANGED", "Filter.text", "breaking", "String", "Int"), "major", "P=affected M=broken"),
    row("INPUT_FIELD_DEFAULT_VALUE_CHANGED", "limit: Int! = 5", "limit: Int! = 6",
        ("INPUT_FIELD_DEFAULT_VALUE_CHANGED", "Filter.limit", "dangerous", "5", "6"), "minor", "P=affected M=affected"),
    row("INPUT_FIELD_DEFAULT_VALUE_CHANGED:lost", "limit: Int! = 5", "limit: Int!",
        ("INPUT_FIELD_DEFAULT_VALUE_CHANGED", "Filter.limit", "breaking", "5", None), "major", "P=affected M=broken"),
    row("INPUT_FIELD_DESCRIPTION_ADDED", "  limit: Int! = 5", '  "Page size"\n  limit: Int! = 5',
        ("INPUT_FIELD_DESCRIPTION_ADDED", "Filter.limit", "safe", None, "Page size"), "patch", "P=affected M=affected"),
    row("INPUT_FIELD_DESCRIPTION_REMOVED", '  "Search text"\n', "",
        ("INPUT_FIELD_DESCRIPTION_REMOVED", "Filter.text", "safe", "Search text", None), "patch", "P=affected M=affected"),
    row("INPUT_FIELD_DESCRIPTION_CHANGED", '"Search text"', '"Full-text search"',
        ("INPUT_FIELD_DESCRIPTION_CHANGED", "Filter.text", "safe", "Search text", "Full-text search"), "patch",
        "P=affected M=affected"),
    row("INPUT_FIELD_DEPRECATION_ADDED", '  text: String @tag(name: "t")', '  text: String @tag(name: "t") @deprecated(reason: "q")',
        ("INPUT_FIELD_DEPRECATION_ADDED", "Filter.text", "safe", None, "q"), "patch", "P=affected M=affected"),
    row("INPUT_FIELD_DEPRECATION_REMOVED", '  old: String @deprecated(reason: "Unused")', "  old: String",
        ("INPUT_FIELD_DEPRECATION_REMOVED", "Filter.old", "safe", "Unused", None), "patch", "P=affected M=affected"),
    row("INPUT_FIELD_DEPRECATION_REASON_CHANGED", '"Unused"', '"Unused since 2.0"',
        ("INPUT_FIELD_DEPRECATION_REASON_CHANGED", "Filter.old", "safe", "Unused", "Unused since 2.0"), "patch",
        "P=affected M=affected"),
    Row("INPUT_OBJECT_ONE_OF_ADDED", BASE, _oneof, [("INPUT_OBJECT_ONE_OF_ADDED", "Choice", "breaking", None, "@oneOf")],
        "major", {"M": "broken"}),
    Row("INPUT_OBJECT_ONE_OF_REMOVED", _oneof, BASE, [("INPUT_OBJECT_ONE_OF_REMOVED", "Choice", "safe", "@oneOf", None)],
        "patch", {"M": "affected"}),
    # --- directive definitions
    _dir_added,
    reverse("DIRECTIVE_REMOVED", _dir_added, ("DIRECTIVE_REMOVED", "@new", "breaking", "@new", None), "patch"),
    row("DIRECTIVE_REMOVED:used", '"Marks a field"\ndirective @flag("why" why: String = "x", level: Int, mode: String! = "a", gone: Int @deprecated(reason: "r")) on FIELD | QUERY\n', "",
        ("DIRECTIVE_REMOVED", "@flag", "breaking", "@flag", None), "major", "P=broken"),
    row("DIRECTIVE_DESCRIPTION_ADDED", "directive @tag", '"Labels"\ndirective @tag',
        ("DIRECTIVE_DESCRIPTION_ADDED", "@tag", "safe", None, "Labels"), "patch"),
    row("DIRECTIVE_DESCRIPTION_REMOVED", '"Marks a field"\n', "",
        ("DIRECTIVE_DESCRIPTION_REMOVED", "@flag", "safe", "Marks a field", None), "patch", "P=affected"),
    row("DIRECTIVE_DESCRIPTION_CHANGED", '"Marks a field"', '"Flags a field"',
        ("DIRECTIVE_DESCRIPTION_CHANGED", "@flag", "safe", "Marks a field", "Flags a field"), "patch", "P=affected"),
    row("DIRECTIVE_LOCATION_ADDED", "on FIELD | QUERY", "on FIELD | QUERY | MUTATION",
        ("DIRECTIVE_LOCATION_ADDED", "@flag", "safe", None, "MUTATION"), "patch", "P=affected"),
    row("DIRECTIVE_LOCATION_REMOVED", "on FIELD | QUERY", "on QUERY",
        ("DIRECTIVE_LOCATION_REMOVED", "@flag", "breaking", "FIELD", None), "major", "P=broken"),
    row("DIRECTIVE_REPEATABLE_ADDED", '"r")) on FIELD', '"r")) repeatable on FIELD',
        ("DIRECTIVE_REPEATABLE_ADDED", "@flag", "safe", None, "repeatable"), "patch", "P=affected"),
    row("DIRECTIVE_REPEATABLE_REMOVED", "String) repeatable on", "String) on",
        ("DIRECTIVE_REPEATABLE_REMOVED", "@tag", "breaking", "repeatable", None), "patch"),
    row("DIRECTIVE_ARGUMENT_ADDED:optional", "level: Int,", "level: Int, note: String,",
        ("DIRECTIVE_ARGUMENT_ADDED", "@flag(note:)", "safe", None, "String"), "patch", "P=affected"),
    row("DIRECTIVE_ARGUMENT_ADDED:required", "level: Int,", "level: Int, must: Int!,",
        ("DIRECTIVE_ARGUMENT_ADDED", "@flag(must:)", "breaking", None, "Int!"), "major", "P=broken"),
    row("DIRECTIVE_ARGUMENT_REMOVED", '"why" why: String = "x", ', "",
        ("DIRECTIVE_ARGUMENT_REMOVED", "@flag(why:)", "breaking", "String", None), "major", "P=broken"),
    row("DIRECTIVE_ARGUMENT_TYPE_CHANGED", "level: Int,", "level: Int!,",
        ("DIRECTIVE_ARGUMENT_TYPE_CHANGED", "@flag(level:)", "breaking", "Int", "Int!"), "major", "P=broken"),
    row("DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED", 'why: String = "x"', 'why: String = "z"',
        ("DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED", "@flag(why:)", "dangerous", '"x"', '"z"'), "minor", "P=affected"),
    row("DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED:lost", 'mode: String! = "a"', "mode: String!",
        ("DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED", "@flag(mode:)", "breaking", '"a"', None), "major", "P=broken"),
    row("DIRECTIVE_ARGUMENT_DESCRIPTION_ADDED", "level: Int,", '"How loud" level: Int,',
        ("DIRECTIVE_ARGUMENT_DESCRIPTION_ADDED", "@flag(level:)", "safe", None, "How loud"), "patch"),
    row("DIRECTIVE_ARGUMENT_DESCRIPTION_REMOVED", '"why" why', "why",
        ("DIRECTIVE_ARGUMENT_DESCRIPTION_REMOVED", "@flag(why:)", "safe", "why", None), "patch", "P=affected"),
    row("DIRECTIVE_ARGUMENT_DESCRIPTION_CHANGED", '"why" why', '"Why" why',
        ("DIRECTIVE_ARGUMENT_DESCRIPTION_CHANGED", "@flag(why:)", "safe", "why", "Why"), "patch", "P=affected"),
    row("DIRECTIVE_ARGUMENT_DEPRECATION_ADDED", "level: Int,", 'level: Int @deprecated(reason: "l"),',
        ("DIRECTIVE_ARGUMENT_DEPRECATION_ADDED", "@flag(level:)", "safe", None, "l"), "patch"),
    row("DIRECTIVE_ARGUMENT_DEPRECATION_REMOVED", 'gone: Int @deprecated(reason: "r")', "gone: Int",
        ("DIRECTIVE_ARGUMENT_DEPRECATION_REMOVED", "@flag(gone:)", "safe", "r", None), "patch"),
    row("DIRECTIVE_ARGUMENT_DEPRECATION_REASON_CHANGED", '@deprecated(reason: "r")', '@deprecated(reason: "rr")',
        ("DIRECTIVE_ARGUMENT_DEPRECATION_REASON_CHANGED", "@flag(gone:)", "safe", "r", "rr"), "patch"),
    # --- the schema definition
    row("SCHEMA_QUERY_TYPE_CHANGED", "  query: Query\n", "  query: Person\n",
        ("SCHEMA_QUERY_TYPE_CHANGED", "schema.query", "breaking", "Query", "Person"), "major", "P=broken R=broken"),
    row("SCHEMA_MUTATION_TYPE_CHANGED:removed", "  mutation: Mutation\n", "",
        ("SCHEMA_MUTATION_TYPE_CHANGED", "schema.mutation", "breaking", "Mutation", None), "major", "M=broken"),
    Row("SCHEMA_MUTATION_TYPE_CHANGED:added", _no_mutation, BASE,
        [("SCHEMA_MUTATION_TYPE_CHANGED", "schema.mutation", "safe", None, "Mutation"),
         ("TYPE_ADDED", "Mutation", "safe", None, "OBJECT")], "minor", {}, {"P": P, "R": R}),
    row("SCHEMA_SUBSCRIPTION_TYPE_CHANGED", "  mutation: Mutation\n}\n", "  mutation: Mutation\n  subscription: Tick\n}\n\ntype Tick {\n  n: Int\n}\n",
        [("SCHEMA_SUBSCRIPTION_TYPE_CHANGED", "schema.subscription", "safe", None, "Tick"),
         ("TYPE_ADDED", "Tick", "safe", None, "OBJECT")], "minor"),
    _schema_desc := row("SCHEMA_DESCRIPTION_REMOVED", '"The schema"\n', "",
                        ("SCHEMA_DESCRIPTION_REMOVED", "schema", "safe", "The schema", None), "patch"),
    row("SCHEMA_DESCRIPTION_CHANGED", '"The schema"', '"The API"',
        ("SCHEMA_DESCRIPTION_CHANGED", "schema", "safe", "The schema", "The API"), "patch"),
    # --- applied directives
    row("DIRECTIVE_USAGE_ARGUMENT_CHANGED", '@tag(name: "p")', '@tag(name: "q")',
        ("DIRECTIVE_USAGE_ARGUMENT_CHANGED", "Project", "dangerous", '@tag(name: "p")', '@tag(name: "q")'), "minor",
        "P=affected"),
    _usage_arg := row("DIRECTIVE_USAGE_ARGUMENT_REMOVED", '@tag(name: "p")', "@tag",
                      ("DIRECTIVE_USAGE_ARGUMENT_REMOVED", "Project", "dangerous", '@tag(name: "p")', None), "minor",
                      "P=affected"),
]
ROWS.append(reverse("SCHEMA_DESCRIPTION_ADDED", _schema_desc, ("SCHEMA_DESCRIPTION_ADDED", "schema", "safe", None, "The schema"), "patch"))
ROWS.append(reverse("DIRECTIVE_USAGE_ARGUMENT_ADDED", _usage_arg, ("DIRECTIVE_USAGE_ARGUMENT_ADDED", "Project", "dangerous", None, '@tag(name: "p")'), "minor", "P=affected"))

# One applied @tag per location: removing it, and (reversed) adding it.
_USAGES = [
    ("SCHEMA", 'schema @tag(name: "s") {', "schema {", "schema", ""),
    ("SCALAR", ' @tag(name: "d")', "", "Date", "P=affected"),
    ("OBJECT", ' @tag(name: "p")', "", "Project", "P=affected"),
    ("INTERFACE", ' @tag(name: "n")', "", "Node", ""),
    ("UNION", ' @tag(name: "u")', "", "Result", "R=affected"),
    ("ENUM", ' @tag(name: "e")', "", "Stage", "P=affected"),
    ("ENUM_VALUE", ' @tag(name: "v")', "", "Stage.DONE", "P=affected"),
    ("INPUT_OBJECT", ' @tag(name: "i")', "", "Filter", "P=affected M=affected"),
    ("FIELD_DEFINITION", ' @tag(name: "f")', "", "Project.name", "P=affected"),
    ("ARGUMENT_DEFINITION", ' @tag(name: "a")', "", "Project.tags(first:)", "P=affected"),
    ("INPUT_FIELD_DEFINITION", ' @tag(name: "t")', "", "Filter.text", "P=affected M=affected"),
]
for _location, _old, _new, _coordinate, _statuses in _USAGES:
    _tag = "@" + _old.split("@", 1)[1].rstrip(" {")
    _bump = "minor" if _statuses else "patch"
    _removed = row(f"DIRECTIVE_USAGE_{_location}_REMOVED", _old, _new,
                   (f"DIRECTIVE_USAGE_{_location}_REMOVED", _coordinate, "dangerous", _tag, None), _bump, _statuses)
    ROWS.append(_removed)
    ROWS.append(reverse(f"DIRECTIVE_USAGE_{_location}_ADDED", _removed,
                        (f"DIRECTIVE_USAGE_{_location}_ADDED", _coordinate, "dangerous", None, _tag), _bump, _statuses))
