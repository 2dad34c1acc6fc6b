from tests.rules.harness import assert_errors, assert_valid

SCHEMA = "type Query { a: Int }"


def test_one_operation_and_fragments_are_fine() -> None:
    assert_valid("OneOperationPerFile", SCHEMA, "query A { a }\nfragment F on Query { a }")


def test_a_second_operation_is_reported_where_it_starts() -> None:
    assert_errors("OneOperationPerFile", SCHEMA, {"queries/a.graphql": "query A { a }\nquery B { a }\n"}, [
        {"message": "queries/a.graphql defines more than one operation; put each operation in its own file",
         "locations": [(2, 1)], "file": "queries/a.graphql"},
    ])
