"""The warning rules: deprecated use, root-field coverage, unmapped scalars."""

from tests.rules.harness import assert_errors, assert_valid


def test_no_deprecated() -> None:
    schema = 'type Query { old: Int @deprecated(reason: "use new") new: Int }'
    assert_valid("NoDeprecated", schema, "query A { new }")
    assert_errors("NoDeprecated", schema, "query A { old }", [
        {"message": "The field Query.old is deprecated. use new", "locations": [(1, 11)], "severity": "warning"},
    ])


def test_root_field_coverage() -> None:
    schema = "type Query {\n  a: Int\n  b: Int\n}"
    assert_valid("RootFieldCoverage", schema, "query A { a b }")
    assert_errors("RootFieldCoverage", schema, "query A { a }", [
        {"message": "Query.b is not used by any operation; the generated client has no method for it",
         "locations": [(3, 3)], "file": "schema.graphql"},
    ])


def test_unmapped_scalar() -> None:
    from gio_codegen.load.config import ScalarMapping

    schema = "scalar Money\ntype Query { a: Money }"
    assert_valid("UnmappedScalar", schema, "query A { a }", scalars={"Money": ScalarMapping("str")})
    assert_errors("UnmappedScalar", schema, "query A { a }", [
        {"message": "custom scalar 'Money' has no mapping in [tool.gio-codegen.scalars]; it is typed as 'json'",
         "locations": [(1, 1)]},
    ])
