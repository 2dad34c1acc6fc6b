"""A synthetic schema of N types (objects, interfaces, enums, inputs, connections) and operations over it.

Deterministic (seeded), so the growth figures compare like with like. Usage:
`python benchmarks/synthetic.py N DIR` writes DIR/pyproject.toml, DIR/schema.graphql and DIR/queries/.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

OPERATIONS = 20


def schema(types: int) -> str:
    rng = random.Random(types)
    objects = max(1, types * 7 // 10)
    enums = max(1, types // 10)
    inputs = max(1, types // 10)
    interfaces = max(1, types - objects - enums - inputs)
    parts = ['"""A synthetic API."""\nschema { query: Query mutation: Mutation }\n', "scalar DateTime\n"]
    for i in range(interfaces):
        parts.append(f'"""Interface {i}."""\ninterface Node{i} {{\n  id: ID!\n  createdAt: DateTime\n}}\n')
    for i in range(enums):
        values = "\n".join(f"  VALUE_{j}" for j in range(8))
        parts.append(f'"""Enum {i}."""\nenum Enum{i} {{\n{values}\n}}\n')
    for i in range(inputs):
        parts.append(
            f'input Input{i} {{\n  name: String!\n  limit: Int = 10\n  kind: Enum{i % enums}\n  tags: [String!]\n}}\n'
        )
    for i in range(objects):
        iface = f" implements Node{i % interfaces}"
        fields = ["  id: ID!", "  createdAt: DateTime", "  name: String!", f'  "The kind."\n  kind: Enum{i % enums}!']
        for j in range(rng.randint(4, 10)):
            fields.append(f"  field{j}(first: Int, after: String): Int")
        for j in range(3):
            fields.append(f"  link{j}: Object{rng.randrange(objects)}")
        fields.append(f"  items(first: Int!, filter: Input{i % inputs}): [Object{rng.randrange(objects)}!]!")
        parts.append(f'"""Object {i}."""\ntype Object{i}{iface} {{\n' + "\n".join(fields) + "\n}\n")
    roots = "\n".join(f"  object{i}(id: ID!): Object{i}" for i in range(objects))
    parts.append(f"type Query {{\n{roots}\n}}\n")
    muts = "\n".join(f"  update{i}(input: Input{i % inputs}!): Object{i * 7 % objects}" for i in range(min(objects, 50)))
    parts.append(f"type Mutation {{\n{muts}\n}}\n")
    return "\n".join(parts)


def queries(types: int) -> dict[str, str]:
    objects = max(1, types * 7 // 10)
    files = {
        "fragments.graphql": "fragment Base on Node0 {\n  id\n  createdAt\n}\n",
    }
    for n in range(OPERATIONS):
        i = n * 37 % objects
        if n % 4 == 3:
            files[f"update{n}.graphql"] = (
                f"mutation Update{n}($input: Input{n % max(1, types // 10)}!) {{\n"
                f"  update{n}(input: $input) {{\n    id\n    name\n  }}\n}}\n"
            )
            continue
        files[f"object{i}.graphql"] = (
            f"query Object{i}($id: ID!, $first: Int! = 10) {{\n  object{i}(id: $id) {{\n    id\n    name\n    kind\n"
            "    link0 {\n      id\n      name\n      link1 {\n        id\n        kind\n      }\n    }\n"
            "    items(first: $first) {\n      id\n      name\n      field0\n    }\n  }\n}\n"
        )
    return files


CONFIG = """[tool.gio-codegen]
schema = "schema.graphql"
queries = "queries"
output = "generated"
package = "synthetic_client"
client-name = "Synthetic"
async-client-name = "AsyncSynthetic"

[tool.gio-codegen.scalars]
DateTime = "datetime"
"""


def write(types: int, dest: Path) -> None:
    (dest / "queries").mkdir(parents=True, exist_ok=True)
    (dest / "schema.graphql").write_text(schema(types), encoding="utf-8")
    (dest / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in queries(types).items():
        (dest / "queries" / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(int(sys.argv[1]), Path(sys.argv[2]))
