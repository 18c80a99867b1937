"""Small Chinese numerals as used in section labels (一 … 九十九)."""

from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_to_int(s: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 二十三 → 23; None if not a small numeral."""
    if not s:
        return None
    if all(c in DIGITS for c in s) and len(s) > 1:
        # Digit by digit (二〇二三 → 2023), as in dates.
        return int("".join(str(DIGITS[c]) for c in s))
    if "百" in s:
        head, _, tail = s.partition("百")
        h = cn_to_int(head) if head else 1
        t = cn_to_int(tail.lstrip("零〇")) if tail else 0
        return None if h is None or t is None else h * 100 + t
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = DIGITS.get(head) if head else 1
        ones = DIGITS.get(tail) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in DIGITS:
        return DIGITS[s]
    return None
