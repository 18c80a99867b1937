"""Turn a report's bytes into text: detect the encoding from the content, never from the file name.

Order of evidence: a byte-order mark; UTF-16/32 without a BOM (NUL bytes on one side of each code unit);
strict UTF-8; then GB18030 or Big5, chosen by how many of the decoded characters are common Chinese
characters (GB18030 decodes almost any byte string, so the wrong guess shows up as rare characters and
private-use code points). Files that mix encodings line by line, or carry a few damaged bytes, are decoded
line by line; damaged bytes become U+FFFD and a note says so. Binary data is refused with a ReadError.

``decode`` returns the decoded text as it is (a BOM consumed); line ends, NUL and stray BOM characters are
normalized by ``core.read.files``.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections import Counter
from typing import NamedTuple

from ..errors import ReadError

__all__ = ["Decoded", "decode", "decode_detailed"]

#: The ~500 most frequent characters of government work reports, simplified and traditional forms
#: (derived from the project's corpus; Taiwan Big5 forms such as 為/群/眾/著/裡 added), plus frequent
#: words of ordinary prose and the common full-width punctuation. Used only to score candidate decodings.
_COMMON_CHARS = frozenset(
    "业和发的展化国建新全大进加实力产推设政动中人工高一民生增强制持体务重保提区经会地能改作等行资要成年"
    "合施济平开市深基社农入创理有治家好城长质量企服面坚用革现度点主育以快在定水项为机支上个出升性公代技"
    "优科稳续不造效系万法安完策对文规是更善域心方投场各村目金融学省共本费事五级我源品放教府同管标领程就"
    "三促多分型活构态防步关亿外统护部到收总元环群向通扩结消调医境位落障色特自期决健战利积整乡范居海险电"
    "协极应十与时运口数际们转商内取营准做集下风导办流得局引信台立打式监小众义物综达础财贸试精解路权党题"
    "划镇央四老培交了术批率供智明任第模突问过计二预格值绿来低略网控两专联养兴表于势房均县件道西争前严次"
    "军价求易减比先接研员及果需把线着益税形族难超广职继筹习院近类节带确间降贯排配疗固补清措才核条干园别"
    "验抓住依旅断层破碳速备示字指变港江美南空困正意康链算东气校置游助组山食可彻神团首界所显贫攻查今种维"
    "案单复北督拓污之处挥功这世惠从让紧灾药子债卫观土议林互河布最天举委双切粮聚思围素序传振户牢常列移给"
    "审必使相并励充装边责车认后努扶里都奋门想染头身参普历千适届覆盖左扎起右原铁航少命良识巩执然存受走去"
    "跨记退队儿史志织竞额"
    "業發國進實產設動體務區經會資濟開農創長質優穩續萬規對學費級領標關億統護總環擴結調醫險電協極應與時運"
    "數際們轉營準風導辦臺監眾衆義綜達礎財貿試權黨題劃鎮術過計預綠來網兩專聯養興勢縣爭嚴軍價減員線稅難廣"
    "職繼籌習類節帶確間貫療補條幹園別驗斷層備變氣組徹團顯貧揮處這從讓緊災藥債衛觀議舉雙糧圍傳戶給審勵裝"
    "邊責車認後裡裏奮門頭參歷適屆蓋紮鐵識鞏執記隊兒織競額為爲群羣著併於啟個"
    "他她你那说說没沒很还還么麼看样樣只又几幾已经經被想知道过過话話"
    "，。、；：？！“”‘’（）《》「」『』【】—…·　"
)


def _level_one_characters() -> frozenset[str]:
    """The ~3755 commonest simplified characters (GB2312 level 1, rows B0–D7) and the ~5400 common
    traditional ones (Big5 A440–C67E): real text is almost all made of these, mis-decoded bytes are not."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            chars.add(bytes((lead, trail)).decode("gb2312", "ignore"))
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if lead == 0xC6 and trail > 0x7E:
                break
            chars.add(bytes((lead, trail)).decode("big5", "ignore"))
    chars.discard("")
    return frozenset(chars | _COMMON_CHARS)


@functools.cache
def _level_one() -> frozenset[str]:
    # Built on first need (legacy encodings only): ~9,000 decodes, 15 ms that UTF-8 input never pays.
    return _level_one_characters()

#: Characters a wrong legacy decoding produces and real Chinese text hardly contains: Japanese kana,
#: Greek/Cyrillic/box-drawing rows of GB2312 (what Big5 bytes become under GB18030), private-use code points.
_SUSPECT_RE = re.compile("[\u3040-\u30ff\u0370-\u03ff\u0400-\u04ff\u2500-\u257f\ue000-\uf8ff\ufffd]")
_LEGACY = ("gb18030", "big5", "big5hkscs")
_SCORE_SAMPLE = 300_000  # bytes scored when choosing between candidate decodings
_SURROGATE_RE = re.compile("[\udc00-\udcff]")
_LATIN_RE = re.compile("[\u00c0-\u024f]")
#: Control bytes that never occur in text (NUL is counted apart; \t \n \v \f \r, ESC and DOS EOF 0x1a are
#: tolerated).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (0, 9, 10, 11, 12, 13, 26, 27)) + b"\x7f"
_HIGH_BYTES = bytes(range(128, 256))
_DELETE_CONTROLS = {b: None for b in _CONTROL_BYTES}
_UNDECODABLE = "cannot decode text (not UTF-8, UTF-16, GB18030 or Big5)"
_BINARY = "looks like binary data, not text"


class Decoded(NamedTuple):
    """Decoded text, the encoding's name and what decoding had to repair (for ``Source.notes``)."""

    text: str
    encoding: str
    notes: tuple[str, ...]


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode a report's bytes; return ``(text, encoding name)``. Raises ReadError for binary data."""
    result = decode_detailed(data, path)
    return result.text, result.encoding


def decode_detailed(data: bytes, path: str) -> Decoded:
    """Like ``decode``, with notes on repairs (NUL bytes, lines in another encoding, replaced bytes)."""
    bom = _decode_bom(data, path)
    if bom is not None:
        return bom
    notes: list[str] = []
    nuls = data.count(0)
    if nuls:
        wide = _decode_wide(data, nuls)
        if wide is not None:
            return wide
        if nuls * 10 > len(data):
            raise ReadError(path, _BINARY)
        data = data.replace(b"\x00", b"")
        notes.append(f"removed {_plural(nuls, 'NUL byte')}")
    if (len(data) - len(data.translate(None, _CONTROL_BYTES))) * 20 > len(data):
        raise ReadError(path, _BINARY)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", tuple(notes))
    except UnicodeDecodeError:
        pass
    result = _decode_non_utf8(data, path)
    return Decoded(result.text, result.encoding, (*notes, *result.notes))


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _decode_bom(data: bytes, path: str) -> Decoded | None:
    """Decode data that starts with a byte-order mark (UTF-32 first: its LE mark begins like UTF-16's)."""
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    )
    for bom, name in boms:
        if not data.startswith(bom):
            continue
        body = data[len(bom) :]
        if name.startswith("utf-32") and (len(body) % 4 or not _strict_ok(body, name)):
            continue  # FF FE 00 00 can also be a UTF-16 LE mark followed by U+0000
        codec = "utf-8" if name == "utf-8-sig" else name
        try:
            return Decoded(body.decode(codec), name, ())
        except UnicodeDecodeError:
            text, bad = _decode_replacing(body, codec)
            if bad * 2 > max(len(body), 1):
                raise ReadError(path, _UNDECODABLE) from None
            return Decoded(text, name, (f"{_plural(bad, 'undecodable byte')} replaced with U+FFFD",))
    return None


def _strict_ok(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _escape_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each undecodable byte becomes a lone surrogate U+DC00+byte (like
    "surrogateescape", which refuses bytes below 0x80 and so fails on UTF-16), to be counted and replaced."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(chr(0xDC00 + b) for b in bad), error.end


codecs.register_error("reportdiff-escape", _escape_bytes)


def _decode_replacing(data: bytes, codec: str) -> tuple[str, int]:
    """Decode, replacing each undecodable byte with U+FFFD; return the text and how many bytes that was."""
    try:
        text = data.decode(codec, "surrogateescape")  # fast, but refuses to escape bytes below 0x80
    except UnicodeDecodeError:
        text = data.decode(codec, "reportdiff-escape")
    text, bad = _SURROGATE_RE.subn("\ufffd", text)
    return text, bad


def _decode_wide(data: bytes, nuls: int) -> Decoded | None:
    """UTF-16/UTF-32 without a BOM: NUL bytes sit on one side of every code unit (ASCII characters and line
    ends have a zero high byte). Accept only when the result looks like text."""
    n = len(data)
    candidates: list[str] = []
    if n % 4 == 0 and nuls * 2 >= n:
        quarters = [data[i::4].count(0) for i in range(4)]
        if quarters[2] == quarters[3] == n // 4 and quarters[0] < n // 4:
            candidates.append("utf-32-le")
        if quarters[0] == quarters[1] == n // 4 and quarters[3] < n // 4:
            candidates.append("utf-32-be")
    if n % 2 == 0:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        # The other side has a NUL only where a character's code point ends in 00 (一 is U+4E00).
        if odd > 3 * even:
            candidates.append("utf-16-le")
        elif even > 3 * odd:
            candidates.append("utf-16-be")
    if n % 2 == 1 and n > 1 and not candidates:
        # One byte too many (a file cut or appended to): the code units are the bytes before it.
        found = _decode_wide(data[:-1], nuls - (data[-1] == 0))
        if found is not None:
            return Decoded(found.text + "\ufffd", found.encoding, (*found.notes, "1 trailing byte (half a code "
                           "unit) replaced with U+FFFD"))  # fmt: skip
        return None
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # Little NUL evidence (a few line ends in a CJK text) must be confirmed by common characters.
        if _looks_like_text(text, strong=nuls * 5 >= n):
            return Decoded(text, codec, (f"no byte-order mark; detected {codec.upper()} from NUL bytes",))
    return None


def _looks_like_text(text: str, *, strong: bool) -> bool:
    """Few control characters and, unless the evidence for the encoding was strong, mostly common
    characters."""
    sample = text[:_SCORE_SAMPLE]
    if len(sample) - len(sample.translate(_DELETE_CONTROLS)) > len(sample) // 20:
        return False
    good, total = _plausibility(sample)
    if strong:
        return total < 20 or good * 10 >= total
    return total >= 20 and good * 4 >= total


def _plausibility(text: str) -> tuple[int, int]:
    """(plausible, all) non-ASCII characters of ``text``: very common Chinese characters, punctuation and
    accented Latin letters count for, suspect characters (kana, private use, U+FFFD…) against."""
    total = len(text) - len(text.encode("ascii", "ignore"))
    good = sum(map(_COMMON_CHARS.__contains__, text)) + len(_LATIN_RE.findall(text))
    return good - 2 * len(_SUSPECT_RE.findall(text)), total


def _score(text: str) -> int:
    """How much ``text`` looks like Chinese: plausible characters, plus common (level-one) characters, which
    also tells two decodings of a short line apart."""
    return _plausibility(text)[0] + sum(map(_level_one().__contains__, text))


def _decode_non_utf8(data: bytes, path: str) -> Decoded:
    """Bytes that are not (all) UTF-8: a legacy Chinese encoding, a mix, or damaged UTF-8."""
    lines = data.split(b"\n")
    utf8_high = 0  # non-ASCII bytes on lines that are surely UTF-8
    other_high = 0
    for line in lines:
        high = len(line) - _ascii_count(line)
        if not high:
            continue
        if _surely_utf8(line, high):
            utf8_high += high
        else:
            other_high += high
    high = utf8_high + other_high
    if utf8_high >= other_high:
        result, bad = _decode_lines(lines, "utf-8", _best_legacy(_non_utf8_sample(lines)))
        return _settle(result, bad, high, data, path, check_chinese=False)
    legacy = _best_legacy(data[:_SCORE_SAMPLE])
    if utf8_high == 0:  # one legacy encoding: decode it all at once
        result, bad = _decode_whole_legacy(data, legacy)
    else:  # a mix
        result, bad = _decode_lines(lines, legacy, legacy)
    return _settle(result, bad, high, data, path, check_chinese=True)


def _surely_utf8(line: bytes, high: int) -> bool:
    """Valid UTF-8 with at least three multi-byte characters: legacy bytes are valid UTF-8 only by chance
    (roughly one two-byte GBK character in ten), and a run of three such chances is rare."""
    if high < 6:
        return False
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return len(text) - _ascii_count(line) >= 3


def _non_utf8_sample(lines: list[bytes]) -> bytes:
    sample = bytearray()
    for line in lines:
        if not _strict_ok(line, "utf-8"):
            sample += line + b"\n"
            if len(sample) > _SCORE_SAMPLE:
                break
    return bytes(sample)


def _best_legacy(sample: bytes) -> str:
    """The legacy encoding whose decoding of ``sample`` looks most like Chinese text (GB18030 on ties)."""
    best, best_score = "gb18030", None
    for codec in _LEGACY:
        text, bad = _decode_replacing(sample, codec)
        score = _score(text) - 3 * bad
        if best_score is None or score > best_score:
            best, best_score = codec, score
    return best


def _decode_whole_legacy(data: bytes, codec: str) -> tuple[Decoded, int]:
    """The whole file in one legacy encoding (fast); damaged bytes become U+FFFD."""
    try:
        return Decoded(data.decode(codec), codec, ()), 0
    except UnicodeDecodeError:
        pass
    text, bad = _decode_replacing(data, codec)
    return Decoded(text, codec, (f"{_plural(bad, 'undecodable byte')} replaced with U+FFFD",)), bad


def _decode_lines(lines: list[bytes], dominant: str, legacy: str) -> tuple[Decoded, int]:
    """Decode line by line: UTF-8 or a legacy encoding (``legacy`` unless another one reads better),
    whichever reads more like Chinese, U+FFFD for bytes that fit neither. ``dominant`` names the whole
    file's encoding in the result (and wins ties). Returns the result and the number of bytes replaced."""
    out: list[str] = []
    bad_bytes = 0
    used: Counter[str] = Counter()  # non-ASCII lines per encoding
    legacy_order = (legacy, *(c for c in _LEGACY if c != legacy))
    for line in lines:
        if line.isascii():
            out.append(line.decode("ascii"))
            continue
        try:
            utf8: str | None = line.decode("utf-8")
        except UnicodeDecodeError:
            utf8 = None
        if utf8 is not None and len(utf8) - _ascii_count(line) >= 3:
            out.append(utf8)  # surely UTF-8 (see _surely_utf8)
            used["utf-8"] += 1
            continue
        utf8_text, utf8_bad = (utf8, 0) if utf8 is not None else _decode_replacing(line, "utf-8")
        mostly_utf8 = utf8_bad * 2 <= len(utf8_text) - utf8_bad - _ascii_count(line)
        decoded = _strict_best(line, legacy_order)
        if decoded is not None and mostly_utf8:  # both read: the one more like Chinese, per character
            utf8_rate = (_score(utf8_text) - 3 * utf8_bad) / max(1, len(utf8_text) - _ascii_count(line))
            legacy_rate = _score(decoded[0]) / max(1, len(decoded[0]) - _ascii_count(line))
            if utf8_rate > legacy_rate or (utf8_rate == legacy_rate and dominant == "utf-8"):
                decoded = None
        if decoded is not None:
            out.append(decoded[0])
            used[decoded[1]] += 1
            continue
        text, bad = (utf8_text, utf8_bad) if mostly_utf8 else _decode_replacing(line, legacy)
        out.append(text)
        used["utf-8" if mostly_utf8 else legacy] += 1
        bad_bytes += bad
    notes: list[str] = []
    others = [(codec, n) for codec, n in used.most_common() if codec != dominant]
    if dominant == "utf-8" and others:
        total = sum(n for _, n in others)
        if len(others) == 1:
            how = others[0][0].upper()
        else:
            how = " and ".join(f"{codec.upper()} ({n})" for codec, n in others)
        notes.append(f"{_plural(total, 'line')} not valid UTF-8; decoded as {how}")
    elif others:
        how = ", ".join(f"{_plural(n, 'line')} as {codec.upper()}" for codec, n in others)
        notes.append(f"decoded {how}, the rest as {dominant.upper()}")
    if bad_bytes:
        notes.append(f"{_plural(bad_bytes, 'undecodable byte')} replaced with U+FFFD")
    return Decoded("\n".join(out), dominant, tuple(notes)), bad_bytes


def _ascii_count(line: bytes) -> int:
    return len(line.translate(None, _HIGH_BYTES))


def _strict_best(line: bytes, codecs_in_order: tuple[str, ...]) -> tuple[str, str] | None:
    """(text, codec) of the strict decoding that looks most like Chinese text (the first codec on ties,
    and at once when it reads well)."""
    best: tuple[str, str] | None = None
    best_score = 0
    for codec in codecs_in_order:
        try:
            text = line.decode(codec)
        except UnicodeDecodeError:
            continue
        if best is None and not _SUSPECT_RE.search(text):
            # The first codec reads well (common characters, nothing suspect): take it without trying others.
            non_ascii = len(text) - len(text.encode("ascii", "ignore"))
            if sum(map(_COMMON_CHARS.__contains__, text)) * 3 >= non_ascii:
                return text, codec
        score = _score(text)
        if best is None or score > best_score:
            best, best_score = (text, codec), score
    return best


def _settle(result: Decoded, bad: int, high: int, data: bytes, path: str, *, check_chinese: bool) -> Decoded:
    """Accept ``result`` unless it is mostly undecodable, or (for a legacy decoding) made of rare characters
    or repaired with U+FFFD while showing little Chinese: then charset-normalizer may know the encoding
    (Shift-JIS, EUC-KR, a Latin code page…). Refuse when nothing fits."""
    undecodable = bad * 2 > max(high, 1)
    implausible = damaged = False
    if check_chinese:
        good, total = _plausibility(result.text[:_SCORE_SAMPLE])
        implausible = total >= 50 and good * 8 < total
        damaged = bad > 0 and not (total >= 50 and good * 2 >= total)
    if not (undecodable or implausible or damaged):
        return result
    other = _charset_normalizer_guess(data)
    if other is not None:
        return other
    if undecodable or implausible:
        raise ReadError(path, _UNDECODABLE)
    return result


def _charset_normalizer_guess(data: bytes) -> Decoded | None:
    """charset-normalizer's strict decoding of a non-Chinese encoding, or None. Never raises."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:_SCORE_SAMPLE]).best()
        if best is None or best.encoding is None:
            return None
        codec = codecs.lookup(best.encoding).name
        if codec in ("gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "utf-8"):
            return None  # ours already tried these
        text = data.decode(codec)
    except Exception:  # a fallback must never turn a read into a crash
        return None
    sample = text[:_SCORE_SAMPLE]
    if len(sample) - len(sample.translate(_DELETE_CONTROLS)) > len(sample) // 20:
        return None
    return Decoded(text, codec, (f"decoded as {codec} (guessed by charset-normalizer)",))
