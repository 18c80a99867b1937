"""Figures in work reports: numbers with units, what they measure, result or target; and the metric table.

Pure logic (no Textual, no Rich). ``extract_figures`` finds the figures of a text; ``build_table`` lines up
the indicators of several reports.
"""

from .extract import extract_figures
from .model import Figure, Kind, Period
from .numbers import parse_chinese, parse_number
from .table import Cell, Change, MetricRow, MetricTable, build_table, label_similarity, pair_figures
from .units import UNITS, UnitInfo, match_unit, unit_info

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
