from tests.rules.harness import assert_errors, assert_valid

SCHEMA = "type Query { a: Int }\ntype Subscription { ticks: Int }"


def test_queries_are_fine() -> None:
    assert_valid("SupportedOperationTypes", SCHEMA, "query A { a }")


def test_a_missing_root_type_and_a_subscription_are_reported() -> None:
    assert_errors("SupportedOperationTypes", SCHEMA, "mutation M { a }", [
        {"message": "the schema defines no mutation type", "locations": [(1, 1)]},
    ])
    assert_errors("SupportedOperationTypes", SCHEMA, "subscription S { ticks }", [
        {"message": "subscriptions are not supported by the generated client", "locations": [(1, 1)]},
    ])
