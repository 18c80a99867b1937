"""An indicator row as a series of numbers across its reports, for a sparkline or a chart.

A cell with several candidates has no one value: it is a gap, as a missing cell is, so a picture never
shows a number the table would not pick either. A range (4.5%—5%) stands at its midpoint.
"""

from __future__ import annotations

from collections.abc import Sequence

from .table import Cell, MetricRow

#: Eight heights of a sparkline, lowest first.
BLOCKS = "▁▂▃▄▅▆▇█"


def cell_value(cell: Cell | None) -> float | None:
    """The value a chart shows for a cell (base units, signed: 下降20.7% is -20.7, so a decline never stands
    as a bar of growth; a range's midpoint), None for none or several."""
    if cell is None or cell.ambiguous:
        return None
    high = cell.signed_value_high
    if high is not None:
        return (cell.signed_value + high) / 2
    return cell.signed_value


def row_values(row: MetricRow) -> list[float | None]:
    return [cell_value(c) for c in row.cells]


def sparkline(values: Sequence[float | None], gap: str = "·") -> str:
    """One character a value, its height from the row's lowest to its highest (all equal: mid height);
    ``gap`` for a report without one value."""
    known = [v for v in values if v is not None]
    if not known:
        return gap * len(values)
    lo, hi = min(known), max(known)
    out = []
    for v in values:
        if v is None:
            out.append(gap)
        elif hi == lo:
            out.append(BLOCKS[3])
        else:
            out.append(BLOCKS[round((v - lo) / (hi - lo) * (len(BLOCKS) - 1))])
    return "".join(out)


def bar_lengths(values: Sequence[float | None], width: int) -> list[int | None]:
    """Bar lengths in cells (0…width) for a chart whose axis starts at 0 (or at the lowest value when some
    are negative); None stays None."""
    known = [v for v in values if v is not None]
    if not known or width <= 0:
        return [None if v is None else 0 for v in values]
    lo = min(0.0, *known)
    hi = max(known)
    span = hi - lo or 1.0
    return [None if v is None else max(0, round((v - lo) / span * width)) for v in values]
