"""Seeded, read-only data for the list/profile APIs, shaped like the documented examples.

Ids and names come from reference/api-description.md and guide.md (project WlGk4Daj
"默认项目", tags mgGJj3GA/zZDb1jG9/OqQjr1Qd/JnG4NBQz, segment bVG24AQ6 "0125-999", user
40097 ...), so demos read like the docs. Objects are plain dicts keyed by schema field
names; every non-null field of the schema is filled in for every object, because clients
are tested with queries that select all fields.
"""

from __future__ import annotations

from .data_analyses import analyses_for
from .data_projects import PROJECTS
from .seedkit import (
    ADMIN,
    DOMAIN,
    PAYED,
    TEST_INT,
    XUJING,
    and_filter,
    audit,
    compute,
    detector,
    directive,
    measurement,
)


# --- tags ------------------------------------------------------------------------------


def _tag(
    tid: str,
    name: str,
    key: str,
    ttype: str,
    value_type: str,
    computes: list[dict],
    created: str,
    creator: str = ADMIN,
    description: str | None = None,
) -> dict:
    return {
        "id": tid,
        "name": name,
        "key": key,
        "type": ttype,
        "description": description,
        "computes": computes,
        "businessType": "user",
        "valueType": value_type,
        "detector": detector("FINISH", created, 20481, 0.4213),
        "ownerId": creator,
        **audit(creator, created),
    } | {"updater": None}


_VISITS = measurement("vv", "prepared", "访问次数", aggregator="sum")
_PAYMENTS = measurement("payment_times", "custom", "订单交易笔数", aggregator="count")
TAGS = {
    "WlGk4Daj": [
        _tag(
            "mgGJj3GA",
            "测试_分层",
            "tag_test_tier",
            "HORIZONTAL",
            "string",
            [
                compute("A", [directive("A", _VISITS, "<=", ["1"])], name="<=1"),
                compute("A", [directive("A", _VISITS, "between", ["1", "5"])], name="1-5"),
            ],
            "2021-01-12T02:27:54.550872Z",
            creator=XUJING,
        ),
        _tag(
            "zZDb1jG9",
            "基础指标",
            "tag_basic_metric",
            "AGGREGATED",
            "double",
            [
                compute("A", [directive("A", _VISITS, "sum", [], filt=and_filter(DOMAIN))]),
            ],
            "2021-01-12T03:52:25.368Z",
        ),
        _tag(
            "OqQjr1Qd",
            "测试_基础指标标签",
            "tag_first_visit",
            "AGGREGATED",
            "long",
            [
                compute(
                    "A",
                    [
                        directive(
                            "A", measurement("first_visit", "prepared", "首次访问时间"), "min", [], aggregator="min"
                        )
                    ],
                ),
            ],
            "2021-01-12T03:40:11.102Z",
        ),
        _tag(
            "JnG4NBQz",
            "基础指标(副本)",
            "tag_basic_metric_copy",
            "AGGREGATED",
            "double",
            [
                compute("A", [directive("A", _VISITS, "sum", [], filt=and_filter(DOMAIN))]),
            ],
            "2021-01-12T03:53:02.634829Z",
        ),
        _tag(
            "Kq3Lm9Xz",
            "订单交易笔数",
            "tag_payment_times",
            "SQL",
            "int",
            [
                compute(
                    "A",
                    [directive("A", _PAYMENTS, ">=", ["0"])],
                    sql="select user_id, count(*) from orders group by user_id",
                ),
            ],
            "2021-04-13T11:30:00Z",
            description="近30天订单交易笔数",
        ),
    ],
    "xNQXmjpM": [
        _tag(
            "pQ7rT2vB",
            "活跃天数",
            "tag_active_days",
            "AGGREGATED",
            "int",
            [
                compute("A", [directive("A", measurement("active_days", "prepared", "活跃天数"), ">=", ["1"])]),
            ],
            "2021-01-15T08:00:00Z",
        ),
    ],
}

# --- segments ---------------------------------------------------------------------------


def _segment(
    sid: str, name: str, comp: dict, det: dict, created: str, creator: str = ADMIN, scheduler: str = "DAILY"
) -> dict:
    return {
        "id": sid,
        "name": name,
        "description": "",
        "compute": comp,
        "scheduler": scheduler,
        "createdBy": "DIRECT",
        "detector": det,
        "ownerId": creator,
        **audit(creator, created),
    }


_DOC_SEGMENT = compute(
    "A", [directive("A", measurement("vv", "prepared"), ">=", ["1"], filt=and_filter(TEST_INT, DOMAIN, PAYED))]
)
SEGMENTS = {
    "WlGk4Daj": [
        _segment(
            "AVpZBzpK",
            "分群1",
            compute("A", [directive("A", _VISITS, ">=", ["3"])]),
            detector("FINISH", "2021-01-20T01:00:00Z", 5230, 0.1021),
            "2021-01-20T00:50:00Z",
        ),
        _segment(
            "KzpNmzQk",
            "分群2",
            compute(
                "A && B",
                [directive("A", _VISITS, ">=", ["1"]), directive("B", _PAYMENTS, ">", ["0"], filt=and_filter(PAYED))],
            ),
            detector("FINISH", "2021-01-21T01:00:00Z", 812, 0.0159),
            "2021-01-21T00:40:00Z",
        ),
        _segment(
            "V0G5yvGA",
            "分群3",
            compute("A", [directive("A", _VISITS, "=", ["0"], time_range="day:8,1")]),
            detector("RUNNING", "2021-01-22T01:00:00Z", 0, 0.0),
            "2021-01-22T00:30:00Z",
            scheduler="WEEKLY",
        ),
        _segment(
            "qgQMXnD3",
            "分群4",
            compute("A", [directive("A", _PAYMENTS, ">=", ["5"])]),
            detector("FINISH", "2021-01-23T01:00:00Z", 301, 0.0059),
            "2021-01-23T00:20:00Z",
        ),
        _segment(
            "bVG24AQ6",
            "0125-999",
            _DOC_SEGMENT,
            detector("ERROR", "2021-01-25T09:03:49.072Z", 0, 0.0),
            "2021-01-25T09:03:39.246183Z",
            creator=XUJING,
        ),
    ],
    "xNQXmjpM": [
        _segment(
            "Gm8Yx2Qa",
            "高活跃用户",
            compute("A", [directive("A", _VISITS, ">=", ["10"])]),
            detector("FINISH", "2021-01-26T01:00:00Z", 120, 0.05),
            "2021-01-26T00:00:00Z",
        ),
    ],
}

# --- users (userProfile) -----------------------------------------------------------------

PROPERTIES = {  # key -> display name
    "usr_isPayed_ppl": "是否付费（用户变量）",
    "usr_test_1117_int": "test_1117_int",
    "usr_city": "城市",
    "usr_gender": "性别",
}
USERS = {
    "WlGk4Daj": {
        "40097": {
            "tags": {
                "OqQjr1Qd": "1610085550900",
                "mgGJj3GA": "<=1",
                "zZDb1jG9": "127.0000",
                "JnG4NBQz": "127.0000",
                "Kq3Lm9Xz": "3",
            },
            "properties": {
                "usr_isPayed_ppl": "付费版",
                "usr_test_1117_int": "12",
                "usr_city": "北京",
                "usr_gender": "男",
            },
        },
        "40098": {
            "tags": {
                "OqQjr1Qd": "1610085551200",
                "mgGJj3GA": "1-5",
                "zZDb1jG9": "98.5000",
                "JnG4NBQz": "98.5000",
                "Kq3Lm9Xz": "0",
            },
            "properties": {
                "usr_isPayed_ppl": "免费版",
                "usr_test_1117_int": "-3",
                "usr_city": "上海",
                "usr_gender": "女",
            },
        },
        "40099": {"tags": {"mgGJj3GA": ">10"}, "properties": {"usr_city": "深圳"}},
    },
    "xNQXmjpM": {
        "10001": {"tags": {"pQ7rT2vB": "17"}, "properties": {"usr_city": "杭州"}},
    },
}


def project(pid: str) -> dict | None:
    return next((p for p in PROJECTS if p["id"] == pid), None)


def find(collection: dict[str, list[dict]], pid: str, oid: str) -> dict | None:
    return next((o for o in collection.get(pid, []) if o["id"] == oid), None)


def find_tag(tid: str) -> dict | None:
    """Tags are looked up without a project, as submitTagUserExportJob(tagId) does."""
    return next((t for tags in TAGS.values() for t in tags if t["id"] == tid), None)


def analyses(kind: str, pid: str) -> list[dict]:
    return analyses_for(kind, pid)
