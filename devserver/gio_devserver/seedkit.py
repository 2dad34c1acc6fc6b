"""Small builders shared by the seed modules (data.py, data_analyses.py).

They keep each seeded object to one readable line and guarantee that optional fields are
present (as null) rather than missing, so every object has the full documented shape.
"""

from __future__ import annotations

from datetime import datetime, timezone


def ts(text: str) -> datetime:
    """Parse an RFC 3339 timestamp the way the docs write them (trailing Z)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


ADMIN, XUJING = "zqQRq3Do", "n1QVaDyR"
WHO = {ADMIN: "admin", XUJING: "xujing"}


def audit(creator: str, created: str, updater: str | None = None, updated: str | None = None) -> dict:
    """The creator/updater block most documented types share."""
    updater = updater if updater is not None else creator
    return {
        "creatorId": creator,
        "creator": WHO[creator],
        "createdAt": ts(created),
        "updaterId": updater,
        "updater": WHO.get(updater),
        "updatedAt": ts(updated or created),
    }


# --- rules: measurements, filters, compute definitions ---------------------------------


def measurement(mid: str, mtype: str, name: str | None = None, **extra) -> dict:
    base = {
        "id": mid,
        "type": mtype,
        "name": name,
        "filter": None,
        "action": None,
        "timeRange": None,
        "attribute": None,
        "aggregator": None,
        "weight": None,
    }
    return base | extra


def expr(key: str, op: str, name: str, values: list[str], value_type: str) -> dict:
    return {"key": key, "op": op, "name": name, "values": values, "exprs": None, "valueType": value_type}


def and_filter(*exprs: dict) -> dict:
    return {"key": None, "op": "and", "name": None, "values": None, "exprs": list(exprs), "valueType": None}


PAYED = expr("usr_isPayed_ppl", "=", "是否付费（用户变量）", ["付费版"], "string")
DOMAIN = expr("d", "=", "域名", ["www.growingio.com"], "")
TEST_INT = expr("usr_test_1117_int", "not between", "test_1117_int", ["-999", "9"], "int")


def directive(
    alias: str,
    meas: dict,
    op: str,
    values: list[str],
    *,
    filt: dict | None = None,
    time_range: str = "day:31,1",
    aggregator: str = "sum",
) -> dict:
    return {
        "alias": alias,
        "measurement": meas,
        "timeRange": time_range,
        "filter": filt,
        "op": op,
        "attribute": "",
        "aggregator": aggregator,
        "values": values,
    }


def compute(
    expression: str, directives: list[dict], *, name: str = "", sql: str | None = None, drill: dict | None = None
) -> dict:
    return {
        "name": name,
        "expression": expression,
        "directives": directives,
        "drillDownAttrs": drill if drill is not None else {},
        "sql": sql,
        "dataUri": None,
    }


def detector(stage: str, at: str, total: int, ratio: float, description: str | None = None) -> dict:
    return {"stage": stage, "description": description, "detectedAt": ts(at), "totalUsers": total, "usersRatio": ratio}
