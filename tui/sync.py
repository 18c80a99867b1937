"""Sync scrolling by aligned sentences: where a place in one report's section sits in another's.

The diff of a row pairs every stretch of one side with a stretch of the other (equal, replaced, moved);
a character offset on one side maps to the matching stretch on the other, proportionally inside it.
"""

from __future__ import annotations

from core.diff import SectionDiff


def map_offset(diff: SectionDiff, offset: int, from_side: str) -> int:
    """The original offset on the other side of ``diff`` that corresponds to ``offset`` on ``from_side``."""
    best = diff.b_span[0] if from_side == "a" else diff.a_span[0]
    for op in diff.ops:
        src = (op.a_start, op.a_end) if from_side == "a" else (op.b_start, op.b_end)
        dst = (op.b_start, op.b_end) if from_side == "a" else (op.a_start, op.a_end)
        if op.tag == "move" and (src[1] <= src[0] or dst[1] <= dst[0]):
            continue  # one end of a move: its other end is elsewhere in the list
        if src[0] <= offset < src[1]:
            length = max(1, src[1] - src[0])
            return dst[0] + (dst[1] - dst[0]) * (offset - src[0]) // length
        if src[1] <= offset:
            best = dst[1]
    return best
