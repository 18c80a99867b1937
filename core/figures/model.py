"""The figure model: one number with its unit, as a report writes it, and what it measures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["level", "change"]
Period = Literal["result", "target", "unknown"]


@dataclass(frozen=True)
class Figure:
    """A figure found in a report's text.

    ``start``/``end`` are offsets into the text given to the extractor (plus its ``offset``) and
    ``text == source[start:end]``: the number, any 余/多, the unit and a trailing 以上/左右…
    (a leading 超过/近/力争 is in ``qualifier`` but not in ``text``).
    """

    text: str  #: as written, e.g. "1000万元以上"
    number: str  #: the numeric part as written, e.g. "1000", "5—6", "一万五千"
    value: float  #: the number's value (low end of a range), e.g. 1000.0
    unit: str  #: as written, magnitude included: "万元", "%", "个百分点", "" when none
    base_value: float  #: value in ``base_unit``: 1000万元 → 10,000,000
    base_unit: str  #: "元", "平方米", "%", "人"…; "" for a bare number
    start: int
    end: int
    value_high: float | None = None  #: high end of a range (5%—6% → 6.0), else None
    base_value_high: float | None = None
    qualifier: str = ""  #: 以上 以下 左右 余 多 近 超过 约 不低于 不超过 达到 力争 … or ""
    kind: Kind = "level"  #: "change" for 增长8.1%, 下降71%, 提高0.5个百分点
    direction: int = 0  #: +1 增长/提高, -1 下降/降低/负, 0 for levels
    period: Period = "unknown"  #: "result" (last year's review) or "target" (the plan)
    label: str = ""  #: the indicator measured, e.g. "新增市场主体", "国内生产总值"
    #: the sentence the figure stands in; of a sentence longer than 1,000 characters, the stretch of 100
    #: characters either side of the figure (``text[sentence_start:sentence_end]`` either way)
    sentence: str = ""
    section: str = ""  #: section id, "" when unknown
    report: str = ""  #: report name, "" when unknown
    dimension: str = ""  #: what the unit measures ("money", "people", "percent"…), for matching
    #: the span of time: "annual", "average" (年均), "multi-year" (五年来, “十五五”时期), "year:2030" (到2030年)
    horizon: str = "annual"
    sentence_start: int = -1  #: where ``sentence`` starts in the text as read (-1 when unknown)
    sentence_end: int = -1

    @property
    def is_range(self) -> bool:
        return self.value_high is not None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: every field, with report/section first as a spreadsheet would want them."""
        # Every field is a str, number or None: a plain copy is what asdict() gives, without its recursive
        # deep copy (a third of `figures DIR`'s time a report went there).
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        order = (
            "report", "section", "text", "number", "value", "value_high", "unit", "base_value",
            "base_value_high", "base_unit", "qualifier", "kind", "direction", "period", "horizon", "label",
            "start", "end", "sentence", "sentence_start", "sentence_end", "dimension",
        )  # fmt: skip
        return {key: data[key] for key in order}
