"""Which reports of an index a query looks at: by region, level of government and years."""

from __future__ import annotations

from collections.abc import Sequence

from .store import Store


def select_reports(store: Store, *, regions: Sequence[str] | None = None, levels: Sequence[str] | None = None,
                   years: tuple[int, int] | None = None) -> list[int]:
    """Ids of the reports that pass every filter given: a region containing one of ``regions`` (广东 finds
    广东省), a government level in ``levels``, a year within ``years`` (inclusive)."""
    sql = "SELECT id FROM reports WHERE 1"
    params: list[object] = []
    if regions:
        sql += " AND (" + " OR ".join("region LIKE ?" for _ in regions) + ")"
        params += [f"%{r}%" for r in regions]
    if levels:
        sql += f" AND level IN ({', '.join('?' for _ in levels)})"
        params += list(levels)
    if years:
        sql += " AND year BETWEEN ? AND ?"
        params += [years[0], years[1]]
    return [int(r[0]) for r in store.conn.execute(sql + " ORDER BY id", params)]
