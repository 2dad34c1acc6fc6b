from tests.rules.harness import assert_errors, assert_valid

SCHEMA = "type Query { a: Int }"


def test_names_unique_across_files_are_fine() -> None:
    assert_valid("UniqueDefinitions", SCHEMA, {"queries/a.graphql": "query A { a }\nquery B { a }",
                                               "queries/c.graphql": "query C { a }"})


def test_an_operation_defined_in_two_files_is_reported_at_the_second() -> None:
    assert_errors("UniqueDefinitions", SCHEMA, {"queries/a.graphql": "query A { a }\nquery B { a }",
                                                "queries/b.graphql": "query B { a }"}, [
        {"message": "operation 'B' is already defined in queries/a.graphql", "locations": [(1, 7)],
         "file": "queries/b.graphql"},
    ])


def test_a_fragment_defined_identically_in_two_files_is_one_fragment() -> None:
    assert_valid("UniqueDefinitions", SCHEMA, {"queries/a.graphql": "fragment F on Query { a }",
                                               "queries/b.graphql": "fragment F on Query {\n  a\n}"})


def test_a_fragment_defined_differently_in_two_files_is_reported() -> None:
    assert_errors("UniqueDefinitions", SCHEMA, {"queries/a.graphql": "fragment F on Query { a }",
                                                "queries/b.graphql": "fragment F on Query { __typename a }"}, [
        {"message": "fragment 'F' is already defined in queries/a.graphql", "locations": [(1, 10)]},
    ])
