from tests.rules.harness import assert_errors, assert_valid

SCHEMA = "type Query { a: Int }\ntype Subscription { ticks: Int }"


def test_queries_and_subscriptions_are_fine() -> None:
    assert_valid("SupportedOperationTypes", SCHEMA, "query A { a }")
    assert_valid("SupportedOperationTypes", SCHEMA, "subscription S { ticks }")  # issue 14: generated


def test_a_missing_root_type_is_reported() -> None:
    assert_errors("SupportedOperationTypes", SCHEMA, "mutation M { a }", [
        {"message": "the schema defines no mutation type", "locations": [(1, 1)]},
    ])
    assert_errors("SupportedOperationTypes", "type Query { a: Int }", "subscription S { a }", [
        {"message": "the schema defines no subscription type", "locations": [(1, 1)]},
    ])
