"""Numbers as Chinese government reports write them: Arabic, Chinese numerals and mixtures.

``parse_number("1,100")`` → 1100.0, ``parse_number("一万五千")`` → 15000.0, ``parse_number("3万4000")`` →
34000.0, ``parse_number("25万6千")`` → 256000.0. Unparseable strings give ``None``: the extractor uses that to
tell a quantity (三千) from a numeral that is part of a word or a list of digits (一二三, 十四五).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Full-width forms folded to ASCII, one character for one character so offsets stay valid.
FOLD = str.maketrans(
    "０１２３４５６７８９．％，（）－～：；＋／",
    "0123456789.%,()-~:;+/",
)

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

#: Magnitude words that may stand between a number and its unit (3.75亿元, 1.2万人, 1.37万亿斤).
MAGNITUDES: dict[str, float] = {
    "十": 1e1, "百": 1e2, "千": 1e3, "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7,
    "亿": 1e8, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12,
}  # fmt: skip

_ARABIC_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


_TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|.")

_Token = tuple[float, bool] | str  # (value, written in Arabic digits) or a magnitude character
_COLLOQUIAL_STEP = {"万": 1000.0, "亿": 1e7, "千": 100.0, "百": 10.0, "十": 1.0}


def _tokens(s: str) -> list[_Token] | None:
    """``25万6千`` → [(25.0, True), "万", (6.0, True), "千"]; None when a character is no numeral."""
    out: list[_Token] = []
    for m in _TOKEN_RE.finditer(s):
        tok = m.group()
        if tok[0].isdigit():
            out.append((float(tok), True))
        elif tok in DIGITS:
            out.append((float(DIGITS[tok]), False))
        elif tok in SMALL_UNITS or tok in BIG_UNITS:
            out.append(tok)
        else:
            return None
    return out


def _evaluate(s: str) -> float | None:
    """Value of a numeral in any mixture of Arabic digits and Chinese numerals, or None if malformed."""
    toks = _tokens(s.replace(",", ""))
    if not toks:
        return None
    hi = 0.0  # the part counted in 亿
    mid: float | None = None  # the part counted in 万 (below 亿)
    sec = 0.0  # the part below 万
    digit: float | None = None
    digit_arabic = False
    prev: _Token | None = None
    last_small = 10_000
    for tok in toks:
        if isinstance(tok, tuple):
            if isinstance(prev, tuple) and not (not prev[1] and prev[0] == 0.0 and not tok[1]):
                return None  # 一二, 二〇, but 一千零五 is fine
            digit, digit_arabic = tok
        elif tok in SMALL_UNITS:
            unit = SMALL_UNITS[tok]
            if unit >= last_small:
                return None
            if digit is None:
                if (sec or mid is not None or hi) and tok != "十":
                    return None
                digit = 1.0  # 十五, 千万 as in 近千万
            sec += digit * unit
            digit = None
            last_small = unit
        elif tok == "万":
            if mid is not None:
                return None
            sec += digit or 0.0
            if sec == 0.0:
                if prev is not None:
                    return None
                sec = 1.0
            mid = sec
            sec, digit, last_small = 0.0, None, 10_000
        else:  # 亿
            if hi:
                return None
            group = (mid or 0.0) * 1e4 + sec + (digit or 0.0)
            if group == 0.0:
                if prev is not None:
                    return None
                group = 1.0
            hi = group * 1e8
            mid, sec, digit, last_small = None, 0.0, None, 10_000
        prev = tok
    if digit is not None:
        before = toks[-2] if len(toks) >= 2 else None
        if not digit_arabic and isinstance(before, str):
            digit *= _COLLOQUIAL_STEP[before]  # colloquial 一万五 = 15000, 三千五 = 3500
        sec += digit
    return tidy(hi + (mid or 0.0) * 1e4 + sec)


def tidy(value: float) -> float:
    """Drop binary noise from multiplying decimals (1.37 × 10¹² → 1370000000000.0002)."""
    return float(f"{value:.12g}")


@lru_cache(maxsize=4096)  # numerals repeat (一, 两, 三十…) and parsing them is a small interpreter
def parse_chinese(s: str) -> float | None:
    """``"一万五千"`` → 15000.0, ``"二十万亿"`` → 2e13, ``"两"`` → 2.0; digit strings (``"一二三"``) → None."""
    if not s or is_digit_string(s):
        return None
    return _evaluate(s)


def parse_mixed(s: str) -> float | None:
    """Arabic digits with Chinese magnitudes: ``1.2万`` → 12000, ``3万4000`` → 34000, ``25万6千`` → 256000."""
    return _evaluate(s.translate(FOLD))


def parse_number(s: str) -> float | None:
    """Any single number the extractor matches (no sign, no range); ``None`` when it is not a number."""
    if not s:
        return None
    t = s.translate(FOLD)
    if t[0].isdigit():
        if _ARABIC_RE.fullmatch(t):
            return float(t.replace(",", ""))
        return parse_mixed(t)
    return parse_chinese(t)


def parse_folded(s: str) -> float | None:
    """``parse_number`` for text already folded to ASCII digits (the extractor's fast path)."""
    if not s:
        return None
    if s[0].isdigit():
        if s.isascii() and s.isdigit():
            return float(s)  # the common case, without the regex
        if _ARABIC_RE.fullmatch(s):
            return float(s.replace(",", ""))
        return _evaluate(s)
    return parse_chinese(s)


def is_digit_string(s: str) -> bool:
    """``二〇二六`` / ``一九九八``: Chinese digits read one by one (a year), not a quantity."""
    return len(s) >= 2 and all(ch in DIGITS for ch in s)


