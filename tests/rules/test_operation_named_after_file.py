from tests.rules.harness import assert_errors, assert_valid

SCHEMA = "type Query { a: Int }"


def test_any_case_of_the_file_name_is_accepted() -> None:
    assert_valid("OperationNamedAfterFile", SCHEMA, {"queries/add_book.graphql": "query ADD_BOOK { a }"})
    assert_valid("OperationNamedAfterFile", SCHEMA, {"queries/add_book.graphql": "query addBook { a }"})


def test_another_name_and_an_anonymous_operation_are_reported() -> None:
    assert_errors("OperationNamedAfterFile", SCHEMA, {"queries/tags.graphql": "query Things { a }"}, [
        {"message": "operation 'Things' should be named 'Tags' after its file tags.graphql", "locations": [(1, 7)]},
    ])
    assert_errors("OperationNamedAfterFile", SCHEMA, {"queries/tags.graphql": "{ a }"}, [
        {"message": "anonymous operation; name it 'Tags' after its file", "locations": [(1, 1)]},
    ])
