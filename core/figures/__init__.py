"""Figures in work reports: numbers with units, what they measure, result or target; and the metric table.

Pure logic (no Textual, no Rich). ``extract_figures`` finds the figures of a text; ``build_table`` lines up
the indicators of several reports.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .extract import extract_figures
    from .model import Figure, Kind, Period
    from .numbers import parse_chinese, parse_number
    from .table import Cell, Change, MetricRow, MetricTable, build_table, label_similarity, pair_figures
    from .units import UNITS, UnitInfo, match_unit, unit_info

#: Where each name lives: loaded when first asked for, so that a module that needs one small part
#: (core.align reads heading horizons from .horizon) does not load the extractor and the table (~70 ms).
_HOME = {
    "extract_figures": "extract", "Figure": "model", "Kind": "model", "Period": "model",
    "parse_chinese": "numbers", "parse_number": "numbers", "Cell": "table", "Change": "table",
    "MetricRow": "table", "MetricTable": "table", "build_table": "table", "label_similarity": "table",
    "pair_figures": "table", "UNITS": "units", "UnitInfo": "units", "match_unit": "units", "unit_info": "units",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "UNITS",
    "Cell",
    "Change",
    "Figure",
    "Kind",
    "MetricRow",
    "MetricTable",
    "Period",
    "UnitInfo",
    "build_table",
    "extract_figures",
    "label_similarity",
    "match_unit",
    "pair_figures",
    "parse_chinese",
    "parse_number",
    "unit_info",
]
