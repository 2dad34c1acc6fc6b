from tests.rules.harness import assert_errors, assert_valid

SCHEMA = "type Query { a(x: Int, y: Int): Int }\nenum Optional { A }"


def test_distinct_python_names_are_fine() -> None:
    assert_valid("PythonSafeNames", "type Query { a(x: Int): Int }", "query A($x: Int) { a(x: $x) }")


def test_two_variables_on_one_parameter_and_a_type_named_like_an_import() -> None:
    assert_errors("PythonSafeNames", SCHEMA, "query A($userId: Int, $user_id: Int) { a(x: $userId, y: $user_id) }", [
        {"message": "variables $userId and $user_id both become parameter 'user_id'; rename one",
         "locations": [(1, 23)], "file": "queries/operation.graphql"},
        {"message": "type Optional becomes a Python class or type alias of that name, which would shadow a name the "
                    "generated modules import; rename the type", "locations": [(2, 6)], "file": "schema.graphql"},
    ])
