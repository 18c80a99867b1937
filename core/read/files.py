"""Read a report from a file, standard input or bytes into a ``Source``.

The pipeline: refuse what is too large or not a report (images, archives, executables…); take the text
out of a PDF (``core.read.pdf_text``), an old Word file (``core.read.doc_text``), a .docx or an HTML page;
decode plain text (``core.read.decoding``); normalize line ends to ``\\n`` and remove NUL and
byte-order-mark characters; repair PDF hard wraps pasted into text (``core.read.unwrap``), what scraping a
web page leaves (``core.read.scraped``: literal \\r\\n, the site's navigation; a 内容摘要 teaser is noted).
Everything else
stays exactly as in the file: full-width punctuation, traditional script, ideographic spaces. Every
failure is a ReadError whose message names the problem in plain words.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from typing import BinaryIO

from ..errors import ReadError
from .decoding import Decoded, decode_detailed
from .repeats import repeated_text_note
from .runon import split_run_on
from .scraped import drop_site_navigation, literal_line_breaks, teaser_note
from .sniff import binary_kind, is_doc, is_docx, is_pdf, is_url, looks_like_html
from .source import Source
from .unwrap import unwrap

__all__ = ["MAX_INPUT_BYTES", "STDIN", "read_bytes", "read_source"]

#: Largest input read. The outline parser runs at ~300 k chars/s, so 32 MB is already a long wait; a
#: 20 MB text must still work.
MAX_INPUT_BYTES = 32 * 1024 * 1024
#: The path that means standard input.
STDIN = "-"
_MB = 1024 * 1024


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read a report from ``path`` ("-" for standard input). Raises ReadError, never anything else."""
    name = os.fspath(path)
    if not isinstance(name, str):  # a bytes path slipped through the types
        name = os.fsdecode(name)
    if is_url(name):
        from .fetch import fetch  # urllib loads only for an address

        fetched = fetch(name, MAX_INPUT_BYTES)
        return read_bytes(fetched.data, name, charset=fetched.charset)
    data = _read_stdin() if name == STDIN else _read_file(name)
    return read_bytes(data, name)


def read_bytes(data: bytes, path: str = "<bytes>", *, charset: str | None = None) -> Source:
    """Read a report from its bytes (the same pipeline as ``read_source``); ``path`` names it in messages
    and gives a tie-breaking hint (.html, .docx); ``charset`` is what a server declared. Raises
    ReadError, never anything else."""
    try:
        return _read(bytes(data), path, charset)
    except RecursionError:
        raise ReadError(path, "is nested too deeply to read") from None
    except MemoryError:
        raise ReadError(path, "not enough memory to read it") from None


def _read(data: bytes, path: str, charset: str | None = None) -> Source:
    if len(data) > MAX_INPUT_BYTES:
        raise ReadError(path, _too_large(len(data)))
    if not data:
        raise ReadError(path, "standard input is empty" if path == STDIN else "file is empty")
    notes: list[str] = []
    decoded_text: str | None = None  # a plain-text file's text as its encoding decodes it
    if is_pdf(data):
        from .pdf_text import pdf_to_text  # PDFium loads only for a PDF

        pdf = pdf_to_text(data, path)
        text, encoding, fmt = pdf.text, "unicode", "pdf"
        notes.extend(pdf.notes)
    elif is_doc(data):
        from .doc_text import doc_to_text

        doc = doc_to_text(data, path)
        text, encoding, fmt = doc.text, "word-97", "doc"
        notes.extend(doc.notes)
    elif is_docx(data):
        from .docx_text import docx_to_text  # zipfile and xml.etree load only for a .docx

        text, encoding, fmt = docx_to_text(data, path), "utf-8", "docx"
    else:
        binary_kind(data, path)
        decoded = _declared(data, charset) or decode_detailed(data, path)
        notes.extend(decoded.notes)
        decoded_text = _strictly(data, decoded.encoding)
        text, encoding, fmt = _normalize(decoded.text, notes), decoded.encoding, "text"
        if looks_like_html(text, path):
            from .html_text import html_to_text

            text, fmt = html_to_text(text), "html"
    # What offsets would point into without any repair: a text file decoded with its encoding (None when
    # decoding itself repaired it: NUL bytes, undecodable bytes, lines in another encoding), or the text
    # extracted from a PDF, Word file or HTML page. ``Source.repaired`` says whether the text is that.
    read = _plain(text) if fmt != "text" else None if decoded_text is None else _plain(decoded_text)
    text = _normalize(text, notes)
    for repair in (literal_line_breaks, unwrap, split_run_on, teaser_note, drop_site_navigation):
        text, repair_notes = repair(text)
        notes.extend(repair_notes)
    repeats = repeated_text_note(text)
    if repeats:
        notes.append(repeats)
    if not text.strip():
        raise ReadError(path, "contains no text")
    return Source(path=path, text=text, encoding=encoding, format=fmt, notes=tuple(notes), repaired=text != read)


def _strictly(data: bytes, encoding: str) -> str | None:
    """``data`` decoded with ``encoding`` as any program would decode it, or None when it does not decode."""
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _plain(text: str) -> str:
    """The text as decoded or extracted, with only what every reader of a text file does to it: line ends
    as ``\\n`` (Python's universal newlines) and a leading byte-order mark left out (``utf-8-sig``)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff")


def _declared(data: bytes, charset: str | None) -> Decoded | None:
    """Bytes that are not UTF-8 decoded as the server or the page's <meta> declares, when that decodes
    them cleanly (it settles GBK against Big5); UTF-8 content wins over a wrong declaration, as in a
    browser, and a declaration that does not fit is ignored (content detection decides)."""
    if charset is None and b"<meta" in data[:4096].lower():
        from .fetch import meta_charset

        charset = meta_charset(data)
    if charset is None:
        return None
    try:
        codec = codecs.lookup(charset).name
        data.decode("utf-8")
        return None
    except LookupError:
        return None
    except UnicodeDecodeError:
        pass
    if codec in ("gb2312", "gbk", "euc_cn"):
        codec = "gb18030"  # the superset: pages labelled GB2312 hold GBK characters
    try:
        return Decoded(data.decode(codec), codec, (f"decoded as {codec}, the charset the page declares",))
    except (UnicodeDecodeError, LookupError):
        return None


def _normalize(text: str, notes: list[str]) -> str:
    """Line ends to ``\\n``; NUL and byte-order-mark characters removed (anywhere: a stray BOM mid-text is
    what concatenated files leave behind)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        notes.append(f"removed {nuls} NUL character{'s' if nuls != 1 else ''}")
    boms = text.count("\ufeff")
    if boms:
        stray = boms - (1 if text.startswith("\ufeff") else 0)
        text = text.replace("\ufeff", "")
        if stray:
            notes.append(f"removed {stray} stray byte-order mark{'s' if stray != 1 else ''} (U+FEFF)")
    return text


def _too_large(size: int) -> str:
    shown = f"{size / _MB:.1f}"
    if float(shown) <= MAX_INPUT_BYTES / _MB:  # 32.0 MB against a limit of 32 MB says nothing: count bytes
        return f"too large: {size:,} bytes, the limit is {MAX_INPUT_BYTES:,} bytes ({MAX_INPUT_BYTES // _MB} MB)"
    return f"too large: {shown} MB, the limit is {MAX_INPUT_BYTES // _MB} MB"


def _read_file(path: str) -> bytes:
    """The file's bytes, read-only and bounded."""
    if not path:
        raise ReadError("''", "no file name given")
    try:
        with open(path, "rb", opener=_open_without_waiting) as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise ReadError(path, "is a directory, not a report")
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
                raise ReadError(path, _too_large(info.st_size))
            if os.isatty(f.fileno()):
                raise ReadError(path, "is a terminal, not a report")
            if stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode):
                return _read_pipe(f.fileno(), path)
            os.set_blocking(f.fileno(), True)
            return _bounded_read(f, path)
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except IsADirectoryError:
        raise ReadError(path, "is a directory, not a report") from None
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except NotADirectoryError:
        raise ReadError(path, "no such file (a part of the path is not a directory)") from None
    except OSError as e:
        raise ReadError(path, f"cannot read it ({(e.strerror or str(e)).lower()})") from None
    except ValueError as e:  # an embedded NUL in the path
        raise ReadError(path.replace("\x00", "\\0"), f"invalid file name ({e})") from None


def _open_without_waiting(path: str, flags: int) -> int:
    """Without O_NONBLOCK, opening a FIFO waits for a writer, for ever if none comes."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


#: A named pipe (or a process substitution, <(…)) may pause this long between two pieces of its data.
PIPE_TIMEOUT = 30.0


def _read_pipe(fd: int, path: str) -> bytes:
    """A FIFO's data, waiting at most PIPE_TIMEOUT for each piece: a FIFO nothing writes to reads as empty
    at once (it was opened without waiting), one whose writer stalls is an error, not a hang."""
    import select

    chunks: list[bytes] = []
    size = 0
    while True:
        try:
            chunk = os.read(fd, 1 << 20)
        except BlockingIOError:  # a writer is there, its data is not yet
            ready, _, _ = select.select([fd], [], [], PIPE_TIMEOUT)
            if not ready:
                raise ReadError(path, f"is a named pipe that sent nothing for {PIPE_TIMEOUT:.0f} s") from None
            continue
        if not chunk:  # the end of the data, or (at once) no writer at all
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_INPUT_BYTES:
            raise ReadError(path, f"too large: more than {MAX_INPUT_BYTES // _MB} MB, the limit")
    if not chunks:
        raise ReadError(path, "is a named pipe (FIFO) that nothing writes to")
    return b"".join(chunks)


def _read_stdin() -> bytes:
    stream = sys.stdin
    if stream is None:
        raise ReadError(STDIN, "there is no standard input")
    try:
        if stream.isatty():
            raise ReadError(STDIN, "standard input is a terminal; pipe a report in, e.g. `… - < report.txt`")
    except (AttributeError, ValueError, OSError):
        pass
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            return _bounded_read(buffer, STDIN)
        text = stream.read(MAX_INPUT_BYTES + 1)  # a text-only stream (tests, embedding)
        data = text.encode("utf-8", "surrogateescape")
    except ReadError:
        raise
    except (OSError, ValueError, UnicodeError) as e:
        raise ReadError(STDIN, f"cannot read standard input ({e})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise ReadError(STDIN, f"too large: more than {MAX_INPUT_BYTES // _MB} MB on standard input")
    return data


def _bounded_read(stream: BinaryIO, path: str) -> bytes:
    """At most ``MAX_INPUT_BYTES``; more is an error (a growing file, a pipe, /dev/zero)."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        if path == STDIN:
            raise ReadError(path, f"too large: more than {MAX_INPUT_BYTES // _MB} MB on standard input")
        raise ReadError(path, f"too large: more than {MAX_INPUT_BYTES // _MB} MB, the limit")
    return bytes(data)
