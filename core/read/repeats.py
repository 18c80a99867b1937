"""Notice a report whose text repeats itself: scraped pages that hold the report several times.

Some saved pages (gov.cn, 1999–2002 and 2013; hebei.gov.cn) carry the whole report several times over.
Nothing is dropped, but the user is told; the outline keeps a copy that starts over with the same headings
as one appendix (see ``core.outline``), so the report's sections and rows appear once.
"""

from __future__ import annotations

from collections import Counter

__all__ = ["repeated_text_note"]

#: Paragraphs at least this long are too particular to repeat by chance.
MIN_PARAGRAPH = 80
#: A text repeats itself when at least this share of its long paragraphs occur more than once.
MIN_SHARE = 0.5


def repeated_text_note(text: str) -> str | None:
    """A note when most long paragraphs of ``text`` occur more than once, else None."""
    paragraphs = [p for p in (line.strip() for line in text.split("\n")) if len(p) >= MIN_PARAGRAPH]
    if len(paragraphs) < 10:
        return None
    counts = Counter(paragraphs)
    repeated = sum(c for c in counts.values() if c > 1)
    if repeated < MIN_SHARE * len(paragraphs):
        return None
    copies = max(counts.values())
    return (
        f"the text repeats itself: {repeated} of {len(paragraphs)} long paragraphs occur more than once "
        f"(up to {copies} times): the page may hold the report {copies} times; where its headings start over, "
        "the outline keeps the later copies whole as an appendix, out of the rows"
    )
