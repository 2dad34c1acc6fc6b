"""Seeded analyses (funnel, event, retention, frequency) per project.

Ids and names are those of the documented list examples. Each analysis carries
measurements, a filter, a splitter and (where the type has them) granularities and OLAP
metrics, so the nested types are exercised too.
"""

from __future__ import annotations

from .seedkit import ADMIN, DOMAIN, PAYED, XUJING, and_filter, audit, expr, measurement

ALL_USERS = {"id": "uv", "name": "全部用户"}
PAYING_USERS = {"id": "AVpZBzpK", "name": "分群1"}

PAGE_VIEW = measurement("page", "prepared", "页面浏览量", action="page", aggregator="count")
VISITS = measurement("vv", "prepared", "访问次数", aggregator="sum")
ADD_CART = measurement("add_to_cart", "custom", "加入购物车", action="imp", weight=1.0)
PAY = measurement(
    "pay_order",
    "custom",
    "支付订单",
    action="clck",
    attribute="amount",
    aggregator="sum",
    weight=2.5,
    filter=and_filter(PAYED),
)
STEPS = [PAGE_VIEW, measurement("goods_view", "custom", "浏览商品"), ADD_CART, PAY]


def splitter(key: str, name: str, values: list[str], *, value_type: str = "string", nested: bool = False) -> dict:
    """A 维度对比 splitter; ``nested`` adds a user-comparison sub-splitter and actions."""
    return {
        "key": key,
        "name": name,
        "values": values,
        "valueType": value_type,
        "users": [ALL_USERS, PAYING_USERS] if nested else None,
        "actions": [{"measurement": PAY, "excluded": False, "eventType": "clck"}] if nested else None,
        "splitters": [splitter("usr_city", "城市", ["北京", "上海"])] if nested else None,
        "selectedValues": values[:1],
        "selectedIndices": [0],
    }


def granularity(gid: str, interval: int, *, period: str = "day", **extra) -> dict:
    base = {
        "id": gid,
        "values": None,
        "interval": interval,
        "split": None,
        "statistics": None,
        "ranges": None,
        "top": None,
        "period": period,
        "trend": False,
    }
    return base | extra


def olap(mid: str, name: str, math: str = "total", **extra) -> dict:
    base = {
        "id": mid,
        "type": "prepared",
        "name": name,
        "alias": None,
        "attribute": None,
        "subgroupAggregation": None,
        "math": math,
    }
    return base | extra


def _common(aid: str, name: str, created: str, creator: str = ADMIN, **fields) -> dict:
    return {
        "id": aid,
        "name": name,
        "description": None,
        "targetUser": ALL_USERS,
        "filter": None,
        "splitter": None,
        "ownerId": creator,
        **audit(creator, created),
        **fields,
    }


def _funnel(aid: str, name: str, created: str, **fields) -> dict:
    return _common(
        aid,
        name,
        created,
        measurements=STEPS,
        conversionWindow=7,
        timeRange="day:8,1",
        isSystem=False,
        businessType="analysis",
        **fields,
    )


def _event(aid: str, name: str, created: str, chart: str, **fields) -> dict:
    return _common(
        aid,
        name,
        created,
        measurements=[PAGE_VIEW, VISITS],
        metrics=[
            olap("page", "页面浏览量"),
            olap("uv", "访问用户量", "unique", alias="UV", subgroupAggregation={"type": "user", "math": "count"}),
        ],
        dimensions=["tm", "d"],
        granularities=[granularity("tm", 86400000)],
        timeRange="day:31,1",
        limit=20,
        attrs={"metricType": "none"},
        orders=[{"isDim": False, "index": 0, "orderType": "desc"}],
        chartType=chart,
        isSystem=False,
        businessType="analysis",
        **fields,
    )


def _retention(aid: str, name: str, created: str, **fields) -> dict:
    fields.setdefault("measurements", [VISITS, PAY])
    return _common(
        aid,
        name,
        created,
        range="day:8,1",
        eventType="return",
        timeRange="day:31,1",
        currentTurn=7,
        chartType="retention_line",
        **fields,
    )


def _frequency(aid: str, name: str, created: str, **fields) -> dict:
    bins = granularity(
        "vv",
        1,
        period="none",
        ranges=[1.0, 2.0, 5.0, 10.0],
        statistics=["count"],
        top=10,
        split=1.0,
        values=["1", "2", "5", "10"],
    )
    return _common(
        aid,
        name,
        created,
        measurements=[VISITS],
        dimensions=["vv"],
        granularities=[bins],
        timeRange="day:8,1",
        chartType="bar",
        isSystem=False,
        businessType="analysis",
        **fields,
    )


_CITY = splitter("usr_city", "城市", ["北京", "上海", "广州"])
_BROWSER = splitter("b", "浏览器", ["Chrome", "Safari"], nested=True)
_FILTER = and_filter(DOMAIN)
_CITY_FILTER = and_filter(expr("usr_city", "in", "城市", ["北京", "上海"], "string"))

ANALYSES: dict[str, dict[str, list[dict]]] = {
    "FUNNELS": {
        "WlGk4Daj": [
            _funnel("zqQR3po3", "漏斗-维度对比", "2021-01-13T02:00:00Z", splitter=_CITY),
            _funnel("wWDrwQML", "漏斗-过滤条件", "2021-01-13T02:10:00Z", filter=_FILTER),
            _funnel("klGvyp7E", "看板-无过滤条件", "2021-01-13T02:20:00Z"),
            _funnel(
                "y9pm1pme",
                "豆腐豆腐",
                "2021-01-14T05:00:00Z",
                creator=XUJING,
                description="用户对比",
                splitter=_BROWSER,
                targetUser=PAYING_USERS,
            ),
        ],
        "xNQXmjpM": [_funnel("Fn1xNQ01", "注册漏斗", "2021-01-16T00:00:00Z")],
    },
    "CHARTS": {
        "WlGk4Daj": [
            _event("qyD6qGKJ", "事件分析", "2021-01-11T13:21:04Z", "line"),
            _event("RqQwPpJw", "气泡图", "2021-01-11T13:30:00Z", "bubble", splitter=_CITY),
            _event("evp9kDOx", "表格", "2021-01-11T13:40:00Z", "table", filter=_CITY_FILTER),
            _event(
                "WlGk4Daj",
                "sql标签",
                "2021-01-12T01:00:00Z",
                "table",
                creator=XUJING,
                description="SQL 标签分析",
                splitter=_BROWSER,
            ),
        ],
        "xNQXmjpM": [_event("Ev1xNQ01", "日活趋势", "2021-01-16T00:00:00Z", "line")],
    },
    "RETENTIONS": {
        "WlGk4Daj": [
            _retention("zqQR3po3", "留存-留存行为对比", "2021-01-15T02:00:00Z", splitter=_BROWSER),
            _retention("wWDrwQML", "留存-维度对比", "2021-01-15T02:10:00Z", splitter=_CITY),
            _retention("rRGoYQml", "留存-起始行为-过滤条件", "2021-01-15T02:20:00Z", measurements=[PAY, VISITS]),
            _retention("n1QVaDyR", "留存-无过滤条件", "2021-01-15T02:30:00Z", creator=XUJING),
        ],
        "xNQXmjpM": [_retention("Re1xNQ01", "次日留存", "2021-01-16T00:00:00Z")],
    },
    "FREQUENCIES": {
        "WlGk4Daj": [
            _frequency("zqQR3po3", "分布分析", "2021-01-17T02:00:00Z"),
            _frequency("n1QVaDyR", "分布分析-维度对比", "2021-01-17T02:10:00Z", splitter=_CITY),
            _frequency("AbQ3bDYe", "分布分析-无过滤条件", "2021-01-17T02:20:00Z"),
            _frequency("y9pm1pme", "分布分析-过滤条件", "2021-01-17T02:30:00Z", filter=_FILTER, creator=XUJING),
        ],
        "xNQXmjpM": [_frequency("Fq1xNQ01", "访问次数分布", "2021-01-16T00:00:00Z")],
    },
}


def analyses_for(kind: str, pid: str) -> list[dict]:
    """Analyses of ``kind`` (an AnalysisType name) in project ``pid``."""
    return ANALYSES[kind].get(pid, [])
