"""Fold a report's text for comparison while keeping the text as read.

Folding changes comparison keys only: script (traditional → simplified), width (``，`` → ``,``), pinyin
annotations that scraped pages put after characters (``區(qū)`` → ``区``) and whitespace. What the user
reads and copies stays the original; :class:`FoldedText` maps every normalized span back to it.

Encoding damage (``吉林?。?023``, U+FFFD, bytes read as Latin-1, stray Latin inside damaged Han text) is not folded away: it is kept in
both texts and reported as :class:`DamagedSpan` so the user can see it.
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"


def _lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A regular expression compiled on first use. Classes over the CJK ranges take ~0.3 ms each to
    compile (``re`` fills a 64 K table in Python), and the app imports this module at start-up only to
    receive reports, before it folds anything."""

    @cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled



@dataclass(frozen=True)
class FoldOptions:
    """Which folding steps run; each can be turned off."""

    script: bool = True  #: traditional → simplified (OpenCC t2s) plus variant words t2s leaves apart
    width: bool = True  #: full-width ASCII and punctuation → half-width; ideographic space → space
    pinyin: bool = True  #: drop bracketed pinyin after characters
    whitespace: bool = True  #: collapse spaces inside lines, blank lines between paragraphs
    noise: bool = True  #: drop scraping debris: literal "<U+00A0>", "&nbsp;", HTML comment marks, note markers

    @classmethod
    def none(cls) -> FoldOptions:
        return cls(script=False, width=False, pinyin=False, whitespace=False, noise=False)


@dataclass(frozen=True)
class DamagedSpan:
    """A stretch of the original text that encoding damage left unreadable."""

    start: int
    end: int
    kind: str  #: "question-marks", "replacement-char", "mojibake" or "latin-fragment"
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class FoldedText:
    """The original text, its normalized form, and the map between them.

    ``source[i]`` is the index in ``original`` of normalized character ``i`` (non-decreasing). It is an
    ``array('I')``: 4 bytes a character, where a tuple of ints takes 8 plus 32 for each int above 256
    (a 20 MB report's map: 27 MB instead of ~260 MB).
    """

    original: str
    normalized: str
    source: array[int] = field(repr=False)
    counts: dict[str, int] = field(default_factory=dict)  #: step name → places it changed

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that normalized ``[start, end)`` came from."""
        n = len(self.normalized)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if start == n:
            return len(self.original), len(self.original)
        o_start = self.source[start]
        if end == start:
            return o_start, o_start
        o_end = self.source[end - 1] + 1
        # Characters folded away right after the span (pinyin, spaces) belong to the gap, not the span.
        return o_start, o_end

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        """The normalized span covering original ``[start, end)``."""
        return bisect_left(self.source, start), bisect_left(self.source, end)


# --- steps -------------------------------------------------------------------------------------------
# Each step takes text and returns (new_text, index map into its input or None when 1:1, count).

Step = Callable[[str], tuple[str, "array[int] | None", int]]

_PINYIN = _lazy(
    rf"[(（](?:[a-zü]*[{TONED}][a-zü{TONED}]*|(?<=[{HAN}][(（])[a-z]{{1,6}})[)）]"
)


def _delete_matches(
    text: str, pattern: re.Pattern[str], *, keep_space: bool = False
) -> tuple[str, array[int] | None, int]:
    """``text`` without ``pattern``'s matches, the map back to ``text`` and how many there were. With
    ``keep_space``, a match whose group 1 matched leaves one space, mapped to that group's character."""
    kept: list[str] = []
    index = array("I")
    pos = 0
    count = 0
    for m in pattern.finditer(text):
        keep = m.start(1) if keep_space and m.group(1) is not None else -1
        if keep >= 0 and m.end() - m.start() == 1 and text[keep] == " ":
            continue  # already the single space it would become
        kept.append(text[pos : m.start()])
        index.extend(range(pos, m.start()))
        if keep >= 0:
            kept.append(" ")
            index.append(keep)
        pos = m.end()
        count += 1
    if not count:
        return text, None, 0
    kept.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(kept), index, count


def fold_pinyin(text: str) -> tuple[str, array[int] | None, int]:
    """Drop pinyin that scraped pages put in brackets after characters: ``區(qū)`` → ``區``."""
    if "(" not in text and "（" not in text:
        return text, None, 0
    return _delete_matches(text, _PINYIN())


_converter: Any = None
_converter_lock = threading.Lock()
_TRAD_CHARS: frozenset[str] | None = None


def _t2s() -> Any:
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                import opencc

                _converter = opencc.OpenCC("t2s")
    return _converter


def _trad_chars() -> frozenset[str]:
    """The characters t2s changes (empty if OpenCC's table is not found: then everything is converted).

    Read once; most reports have none of them, and then OpenCC's converter is never built."""
    global _TRAD_CHARS
    if _TRAD_CHARS is None:
        with _converter_lock:
            if _TRAD_CHARS is None:
                import opencc

                _TRAD_CHARS = _traditional_chars(opencc.__file__)
    return _TRAD_CHARS


def _traditional_chars(module_file: str) -> frozenset[str]:
    """Characters t2s changes, read from OpenCC's own table: lines without any skip conversion."""
    from pathlib import Path

    table = Path(module_file).parent / "dictionary" / "TSCharacters.txt"
    chars: set[str] = set()
    try:
        for line in table.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            if key and values.split(" ")[0] != key:
                chars.update(key)
    except OSError:
        return frozenset()
    return frozenset(chars)


#: Words that t2s leaves in a traditional form although simplified text writes them one way. 著 is both a
#: simplified character (显著, 著名) and the traditional form of 着 in these words, so the fold is by word.
VARIANT_WORDS: dict[str, str] = {
    w: w.replace("著", "着")
    for w in (
        "著力", "著眼", "著手", "著重", "著陆", "著落", "著想", "著急", "著迷", "著装", "著实",
        "沉著", "衣著", "执著", "接著", "随著", "本著", "朝著", "向著", "意味著", "顺著", "照著",
        "凭著", "围绕著", "有著", "带著", "看著", "抓著", "紧接著", "穿著", "著火", "著凉",
    )
}
_VARIANT_RE = _lazy("|".join(sorted(map(re.escape, VARIANT_WORDS), key=len, reverse=True)))
#: Single-character variants t2s keeps but simplified reports never use.
VARIANT_CHARS = str.maketrans({"裏": "里", "綫": "线", "峯": "峰", "羣": "群", "爲": "为", "衆": "众", "啓": "启", "姪": "侄", "僞": "伪", "鷄": "鸡", "携": "携", "説": "说", "温": "温", "竪": "竖", "麽": "么"})


def fold_script(text: str) -> tuple[str, array[int] | None, int]:
    """Traditional → simplified (OpenCC t2s), plus variant words t2s leaves apart (著力 → 着力)."""
    trad = _trad_chars()
    count = 0
    out = text
    if not trad:  # table not found: convert everything
        converted = _convert_keeping_length(_t2s(), text)
    elif trad.isdisjoint(text):
        converted = text
    else:
        # Convert only the lines that hold traditional characters: most reports are simplified, and
        # t2s runs at ~0.5 M chars/s.
        conv = _t2s()
        converted = "".join(
            _convert_keeping_length(conv, piece) if not trad.isdisjoint(piece) else piece
            for piece in _pieces(text)
        )
    if converted != text:
        count += sum(1 for a, b in zip(text, converted, strict=False) if a != b)
    out = converted.translate(VARIANT_CHARS)
    if out != converted:
        count += sum(1 for a, b in zip(converted, out, strict=True) if a != b)
    if "著" in out:
        out2 = _VARIANT_RE().sub(lambda m: VARIANT_WORDS[m.group()], out)
        if out2 != out:
            count += sum(1 for a, b in zip(out, out2, strict=True) if a != b)
            out = out2
    return out, None, count


_LINE_SPLIT = _lazy(r"(?<=\n)")
#: OpenCC's matcher slows down badly on long runs without punctuation (a 1 MB line: minutes), so text
#: goes to it in pieces of at most this many characters, cut after punctuation where possible.
T2S_PIECE = 256
_PIECE = _lazy(rf"[^\n]{{1,{T2S_PIECE}}}(?:\n|(?<=[。，、；：！？,;:!?\s])|$)|[^\n]{{1,{T2S_PIECE}}}|\n")


def _pieces(text: str) -> list[str]:
    """``text`` cut into lines, and long lines into pieces; joining them gives ``text``."""
    out = []
    for line in _LINE_SPLIT().split(text):
        if len(line) <= T2S_PIECE:
            out.append(line)
        else:
            out.extend(m.group() for m in _PIECE().finditer(line))
    return out


def _convert_keeping_length(conv: Any, text: str) -> str:
    """t2s that keeps the length; where a line's length changes, fall back to character by character."""
    converted: str = conv.convert(text)
    if len(converted) != len(text):
        parts = []
        for line in _LINE_SPLIT().split(text):
            c = conv.convert(line)
            if len(c) != len(line):
                c = "".join(ch2 if len(ch2 := conv.convert(ch)) == 1 else ch for ch in line)
            parts.append(c)
        converted = "".join(parts)
    return _keep_plane(text, converted)


def _keep_plane(text: str, converted: str) -> str:
    """``converted`` with the characters t2s took out of the Basic Multilingual Plane put back (澫 of the
    place name 渔澫 → 𬇕, a form the reports never use): one such character would make Python store the
    whole normalized text at 4 bytes a character instead of 2."""
    if converted.isascii() or max(converted) <= "\uffff" or max(text) > "\uffff":
        return converted
    return "".join(o if n > "\uffff" else n for o, n in zip(text, converted, strict=True))


_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x202F: 0x20})
# Dashes and the wave dash used in ranges (5%—6%, 3～5) are kept: they are punctuation of their own.
_WIDTH_TABLE = str.maketrans(_WIDTH)


def fold_width(text: str) -> tuple[str, array[int] | None, int]:
    """Full-width ASCII (，（２Ａ) → half-width; ideographic and no-break spaces → space."""
    out = text.translate(_WIDTH_TABLE)
    if out == text:
        return text, None, 0
    return out, None, sum(1 for a, b in zip(text, out, strict=True) if a != b)


# Spaces and zero-width characters go, except one space between two Latin letters or digits ("good news",
# "5 G" stays "5 G"); blank lines go, so a paragraph break is one "\n" however the page spaced it.
# Bidirectional marks and controls (LRM, RLM, ALM, LRE…PDF, LRI…PDI) are invisible too: one before 一、
# must not hide the heading.
_SP = r"[ \t\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"
_WS_DROP = _lazy(
    rf"(?<=[A-Za-z0-9]){_SP}*?({_SP})(?={_SP}*[A-Za-z0-9])"  # keep the last space between two words
    rf"|{_SP}+"
    r"|(?<=\n)\n+|^\n+"
    # a line break inside a number (贷款增长27.⏎3%: files with one segment a line) is layout
    r"|(?<=[0-9]\.)\n(?=[0-9])|(?<=[0-9])\n(?=[%％])",
)


def fold_whitespace(text: str) -> tuple[str, array[int] | None, int]:
    """Collapse spaces inside lines (dropping them next to Chinese text) and blank lines."""
    return _delete_matches(text, _WS_DROP(), keep_space=True)


# Scraped pages leave escaped characters and markup behind as text ("<U+00A0>" before every paragraph of
# the gov.cn scrapes, "&nbsp;", bare "<!--" lines). Reports with a glossary mark the explained terms in the
# text ("“六稳” ［4］ 工作", "“四上”企业^[4]"): the marker is no figure and no part of a heading's words, and
# it differs from year to year; one that starts a line is a glossary entry's number and stays.
_NOISE = _lazy(
    r"<U\+[0-9A-Fa-f]{4,6}>|&(?:nbsp|ensp|emsp|#160|#12288);|^[ \t]*(?:<!--|-->)[ \t]*$"
    r"|(?<=\S)[ \u00a0]*\^?(?:\[\d{1,3}\]|［\d{1,3}］|〔\d{1,3}〕|【\d{1,3}】)",
    re.MULTILINE,
)
_NOISE_HINTS = ("<", "&", "-->", "[", "［", "〔", "【")


def fold_noise(text: str) -> tuple[str, array[int] | None, int]:
    """Drop scraping debris that stands for whitespace (``<U+00A0>``, ``&nbsp;``, ``<!--``) and the note
    markers after glossary terms (``[1]``, ``〔1〕``, ``【1】``, ``^[1]``)."""
    if not any(hint in text for hint in _NOISE_HINTS):
        return text, None, 0
    return _delete_matches(text, _NOISE())


STEPS: tuple[tuple[str, Step], ...] = (
    ("noise", fold_noise),
    ("pinyin", fold_pinyin),
    ("script", fold_script),
    ("width", fold_width),
    ("whitespace", fold_whitespace),
)


def fold(text: str, options: FoldOptions | None = None) -> FoldedText:
    """Run the enabled folding steps over ``text``; see the module docstring."""
    options = options or FoldOptions()
    current = text
    index: array[int] | None = None  # normalized char → original char; None while the map is identity
    counts: dict[str, int] = {}
    for name, step in STEPS:
        if not getattr(options, name):
            continue
        current, step_index, count = step(current)
        counts[name] = count
        if step_index is not None:
            if index is not None:
                _compose(index, step_index)
            index = step_index
    source = array("I", range(len(text))) if index is None else index
    return FoldedText(original=text, normalized=current, source=source, counts=counts)


#: Entries of a map composed at a time (_compose).
COMPOSE_CHUNK = 1 << 16


def _compose(index: array[int], step_index: array[int]) -> None:
    """``step_index[i] = index[step_index[i]]`` in place, a chunk at a time: a new array beside the two
    held a third map at once (28 MB each for a 20 MB report)."""
    get = index.__getitem__
    for s in range(0, len(step_index), COMPOSE_CHUNK):
        step_index[s : s + COMPOSE_CHUNK] = array("I", map(get, step_index[s : s + COMPOSE_CHUNK]))


# --- damage ------------------------------------------------------------------------------------------

_LATIN = rf"A-Za-z{TONED}ü"
_DAMAGE = _lazy(
    # '?' runs (with a stray character between two of them: 吉林?。?023) and the Latin letters,
    # pinyin remnants and brackets that mojibake leaves around them (?F(xiàn)代, ?nèi)狻).
    rf"[{_LATIN}]{{0,2}}\?(?:[^\s\x00-\x7f]?\?)*(?:[{_LATIN}]+(?:\)[A-Za-z]{{0,2}})?|\)(?=[{HAN}]))?"
    r"|\ufffd+",
)
_LATIN_ISLAND = _lazy(rf"(?<=[{HAN}])[{_LATIN}](?=[{HAN}])")
#: '?' after Latin text ("Why?") is a question mark in an English quotation, not damage.
_ENGLISH_QUESTION = _lazy(r"[A-Za-z]{2,}\s?$")
#: A lone letter between Han characters counts as damage only this close (characters) to other damage:
#: mojibake comes in runs (吉林?。?023, 鶎俞t), while a letter in clean text is a name or a code
#: (南A中心, 渤中G一期, e政务).
_CLUSTER = 12
# Characters that GBK or UTF-8 bytes become when read as Latin-1 or Windows-1252 (政府 → Õþ¸®).
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_HIGH = rf"\u0080-\u00ff{_CP1252_HIGH}"
# A run of such characters; GBK trail bytes 0x40–0x7e show as ASCII inside it (Ó¦@).
_BYTES_AS_LATIN1 = _lazy(rf"[{_HIGH}](?:[{_HIGH}\x40-\x7e]*[{_HIGH}])?")


@cache
def _latin_terms() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(suffixes, prefixes) from latin_terms.toml: Han text that makes a Latin letter part of a term."""
    import tomllib
    from importlib import resources

    data = tomllib.loads(resources.files(__package__).joinpath("latin_terms.toml").read_text(encoding="utf-8"))
    return tuple(data["suffixes"]), tuple(data["prefixes"])


def _is_term_letter(text: str, start: int, end: int) -> bool:
    """Whether the letter at ``text[start:end]`` belongs to a term (A级, A股, 劣V类, S基金, 创A)."""
    suffixes, prefixes = _latin_terms()
    return text.startswith(suffixes, end) or text.endswith(prefixes, 0, start)


def _as_bytes(run: str) -> bytes | None:
    """The bytes a Latin-1/Windows-1252 reading made ``run`` from, or None if it holds other characters."""
    out = bytearray()
    for c in run:
        if ord(c) < 0x100:
            out.append(ord(c))
        elif c in _CP1252_HIGH:
            out += c.encode("cp1252")
        else:
            return None
    return bytes(out)


def _mojibake(text: str) -> list[DamagedSpan]:
    """Runs of Chinese text whose GBK or UTF-8 bytes were read as Latin-1 (政府 → Õþ¸®, æ”¿åºœ).

    A run counts when its bytes decode strictly as GBK or UTF-8 into mostly Han characters, so that
    accented words (café, Müller) and symbols (©, ±) are never flagged."""
    spans: list[DamagedSpan] = []
    han = _HAN_CHAR()
    for m in _BYTES_AS_LATIN1().finditer(text):
        run = m.group()
        if sum(1 for c in run if c >= "\u0080") < 4:
            continue
        raw = _as_bytes(run)
        if raw is None:
            continue
        for codec in ("utf-8", "gbk"):
            try:
                decoded = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            n_han = len(han.findall(decoded))
            if n_han >= 2 and n_han * 2 >= len(decoded):
                spans.append(DamagedSpan(m.start(), m.end(), "mojibake", run))
                break
    return spans


_HAN_CHAR = _lazy(rf"[{HAN}]")


def find_damage(text: str) -> tuple[DamagedSpan, ...]:
    """Spans of encoding damage in the original text, in order.

    Kinds: "question-marks" (characters a conversion replaced by ``?``: 吉林?。?023, with the pinyin
    and Latin remnants around them), "replacement-char" (U+FFFD), "mojibake" (GBK or UTF-8 bytes read
    as Latin-1: Õþ¸®) and "latin-fragment" (a lone letter between Han characters near other damage;
    letters of terms such as A级, A股, 劣V类 are never damage, see latin_terms.toml)."""
    spans: list[DamagedSpan] = []
    if "?" in text or "\ufffd" in text:
        for m in _DAMAGE().finditer(text):
            s = m.group()
            if s.startswith("\ufffd"):
                kind = "replacement-char"
            else:
                q = m.start() + s.index("?")
                after = text[m.end() : m.end() + 1]
                if s.endswith("?") and s.count("?") == 1 and (not after or after in " \n\"')") \
                        and _ENGLISH_QUESTION().search(text[max(0, q - 12) : q]):
                    continue
                kind = "question-marks"
            spans.append(DamagedSpan(m.start(), m.end(), kind, s))
    spans += _mojibake(text)
    islands = [m for m in _LATIN_ISLAND().finditer(text) if not _is_term_letter(text, m.start(), m.end())]
    if islands:
        # A lone letter is damage only beside other damage (a mojibake remnant such as 區F代 next to
        # ?(xiàn)); two names close together (南A中心, 渤中G一期) are not a run of damage.
        marks = sorted([d.start for d in spans] + [d.end for d in spans])
        for m in islands:
            k = bisect_left(marks, m.start() - _CLUSTER)
            if k < len(marks) and marks[k] <= m.end() + _CLUSTER:
                spans.append(DamagedSpan(m.start(), m.end(), "latin-fragment", m.group()))
    spans.sort(key=lambda d: d.start)
    return tuple(spans)
