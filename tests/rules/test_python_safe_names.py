from tests.rules.harness import assert_errors, assert_valid

SCHEMA = "type Query { a(x: Int, y: Int, o: Optional): Int }\nenum Optional { A }"


def test_distinct_python_names_are_fine() -> None:
    assert_valid("PythonSafeNames", "type Query { a(x: Int): Int }", "query A($x: Int) { a(x: $x) }")


def test_a_type_named_like_an_import_and_variables_numbered_not_refused() -> None:
    assert_errors("PythonSafeNames", SCHEMA, "query A($userId: Int, $user_id: Int, $o: Optional) { a(x: $userId, y: $user_id, o: $o) }", [
        {"message": "type Optional becomes a Python class or type alias of that name, which would shadow a name the "
                    "generated modules import; rename the type", "locations": [(2, 6)], "file": "schema.graphql"},
    ])


def test_a_type_no_operation_uses_and_a_custom_scalar_never_block() -> None:
    schema = "scalar Upload\nenum Optional { A }\ntype Query { a(x: Int): Int  b(f: Upload): Int  c(o: Optional): Int }"
    assert_valid("PythonSafeNames", schema, "query A($x: Int) { a(x: $x) }")
    assert_valid("PythonSafeNames", schema, "query B($f: Upload) { b(f: $f) }")  # aliased to Upload_
    assert_errors("PythonSafeNames", schema, "query C($o: Optional) { c(o: $o) }", [
        {"message": "type Optional becomes a Python class or type alias of that name, which would shadow a name the "
                    "generated modules import; rename the type", "locations": [(2, 6)]},
    ])
