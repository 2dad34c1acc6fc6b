"""Deterministic CSV content for export downloads, streamed and never held in memory.

A file is a Chinese header row plus rows ``<fixed-width number>,<pattern>`` where the
pattern cycles through a small table. Because the number is fixed-width ASCII, every row
of a given pattern encodes to the same byte length in any supported charset, so the exact
Content-Length of a file of hundreds of MB is computed arithmetically up front, and
``expected_content`` can rebuild the same text for tests.

The body on the wire is ``BOM + expected_content(uri, size=..., charset=...).encode()``;
the BOM is present for UTF-16/UTF-32 (and ``UTF-8-SIG``), absent for UTF-8 and GBK.
"""

from __future__ import annotations

import codecs
import posixpath
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

# normalized codec name -> (codec used per chunk, BOM written once at the start)
_CHARSETS = {
    "utf-8": ("utf-8", b""),
    "utf-8-sig": ("utf-8", codecs.BOM_UTF8),
    "utf-16": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-le": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be": ("utf-16-be", codecs.BOM_UTF16_BE),
    "utf-32": ("utf-32-le", codecs.BOM_UTF32_LE),
    "utf-32-le": ("utf-32-le", codecs.BOM_UTF32_LE),
    "utf-32-be": ("utf-32-be", codecs.BOM_UTF32_BE),
    "gbk": ("gbk", b""),
    "gb18030": ("gb18030", b""),
}

_USER_ROWS = [
    "张伟,北京,<=1,127.0000,1610085550900,付费版",
    "王芳,上海,1-5,98.5000,1610085551200,免费版",
    "李娜,广州,5-10,3.2500,1610085552300,付费版",
    "刘洋,深圳,>10,0.0000,1610085553400,试用版",
    "陈静,杭州,<=1,56.7800,1610085554500,免费版",
    "杨磊,成都,1-5,12.0000,1610085555600,付费版",
    "赵敏,武汉,5-10,240.1000,1610085556700,免费版",
]
_TAG_ROWS = ["<=1,测试_分层", "1-5,测试_分层", "5-10,测试_分层", ">10,测试_分层", "<=1,测试_分层"]

# kind -> (header, pattern table). Kinds: "segment", "tag" and the AnalysisType names.
KINDS: dict[str, tuple[str, list[str]]] = {
    "segment": ("用户ID,用户名,城市,测试_分层,基础指标,测试_基础指标标签,是否付费（用户变量）", _USER_ROWS),
    "tag": ("用户ID,标签值,标签名称", _TAG_ROWS),
    "FUNNELS": (
        "序号,日期,步骤,步骤名称,转化人数,转化率",
        [
            "2021-01-25,1,访问首页,10000,100.00%",
            "2021-01-25,2,浏览商品,6200,62.00%",
            "2021-01-25,3,加入购物车,2100,21.00%",
            "2021-01-25,4,支付订单,830,8.30%",
        ],
    ),
    "CHARTS": (
        "序号,日期,指标,数值",
        [
            "2021-01-25,页面浏览量,182734",
            "2021-01-25,访问用户量,20481",
            "2021-01-26,页面浏览量,176002",
            "2021-01-26,访问用户量,19873",
        ],
    ),
    "RETENTIONS": (
        "序号,日期,初始人数,次日留存,7日留存,30日留存",
        [
            "2021-01-25,3200,41.20%,18.70%,9.10%",
            "2021-01-26,3105,39.80%,17.90%,8.60%",
            "2021-01-27,2987,40.60%,18.20%,8.90%",
        ],
    ),
    "FREQUENCIES": (
        "序号,区间,用户数,占比",
        ["[1;2),10234,51.20%", "[2;5),6120,30.60%", "[5;10),2401,12.00%", "[10;+∞),1245,6.20%"],
    ),
}

ANALYSIS_FILES = {"FUNNELS": "下载漏斗", "CHARTS": "下载图表", "RETENTIONS": "下载留存", "FREQUENCIES": "下载分布"}


def normalize_charset(charset: str | None) -> str:
    """Return the normalized codec name, or raise ``ValueError`` if unsupported."""
    try:
        name = codecs.lookup(charset or "UTF-8").name
    except LookupError:
        raise ValueError(f"unsupported charset {charset!r}") from None
    if name not in _CHARSETS:
        raise ValueError(
            f"unsupported charset {charset!r}; use one of UTF-8, UTF-16LE, UTF-16BE, UTF-16, UTF-32, GBK, GB18030"
        )
    return name


def kind_of(uri: str) -> str | None:
    """Which table a download uri uses, from its shape alone (``None``: not an export)."""
    parts = uri.split("/")
    if uri.startswith("/jobs/results/") and len(parts) == 5 and parts[4].endswith(".csv"):
        return {"DES": "segment", "DET": "tag"}.get(parts[3][:3])
    if uri.startswith("/jobs-results/downloads/") and len(parts) == 4:
        for kind, stem in ANALYSIS_FILES.items():
            if parts[3] == stem + ".csv":
                return kind
    return None


@dataclass(frozen=True)
class Plan:
    """How many rows a file has and how many bytes it encodes to."""

    header: str
    patterns: list[str]
    offset: int
    rows: int
    codec: str
    bom: bytes
    length: int

    def row(self, i: int) -> str:
        return f"{1000000000 + i},{self.patterns[(i + self.offset) % len(self.patterns)]}\n"

    def text_chunks(self, batch: int = 4096) -> Iterator[str]:
        yield self.header + "\n"
        for start in range(0, self.rows, batch):
            yield "".join(self.row(i) for i in range(start, min(start + batch, self.rows)))

    def iter_bytes(self, start: int = 0) -> Iterator[bytes]:
        """The encoded file from byte ``start`` on (a ``Range`` request), generated as it goes."""
        skip = start
        for chunk in self._chunks():
            if skip >= len(chunk):
                skip -= len(chunk)
                continue
            yield chunk[skip:]
            skip = 0

    def _chunks(self) -> Iterator[bytes]:
        if self.bom:
            yield self.bom
        for text in self.text_chunks():
            yield text.encode(self.codec)


def plan(uri: str, *, size: int, charset: str | None = "UTF-8") -> Plan:
    """Plan the smallest file (at least one row) whose encoded size is >= ``size`` bytes."""
    kind = kind_of(uri)
    if kind is None:
        raise ValueError(f"not an export uri: {uri!r}")
    codec, bom = _CHARSETS[normalize_charset(charset)]
    header, patterns = KINDS[kind]
    offset = zlib.crc32(uri.encode("utf-8")) % len(patterns)
    period = len(patterns)
    lengths = [len(f"{1000000000},{patterns[(k + offset) % period]}\n".encode(codec)) for k in range(period)]
    fixed = len(bom) + len((header + "\n").encode(codec))
    remaining = size - fixed
    rows = acc = 0
    if remaining > 0:
        cycles = remaining // sum(lengths)
        rows, acc = cycles * period, cycles * sum(lengths)
    while rows == 0 or acc < remaining:
        acc += lengths[rows % period]
        rows += 1
    return Plan(header, patterns, offset, rows, codec, bom, fixed + acc)


def expected_content(uri: str, *, size: int, charset: str | None = "UTF-8") -> str:
    """The decoded text (without BOM) the server sends for ``uri`` at this size/charset."""
    return "".join(plan(uri, size=size, charset=charset).text_chunks())


def attachment_header(uri: str) -> str:
    """Content-Disposition with an ASCII fallback and the RFC 5987 UTF-8 filename."""
    from urllib.parse import quote

    name = posixpath.basename(uri)
    fallback = name if name.isascii() else "download.csv"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
