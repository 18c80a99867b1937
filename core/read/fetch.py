"""Fetch a report from an http(s) address: once, with a timeout and a size cap; the charset the server
declares is kept for decoding (``core.read.files`` prefers it when the bytes are not UTF-8).

Standard library ``urllib`` only. Every failure (no such host, refused, timeout, HTTP error, too large,
not http) is a one-line ReadError naming the address.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from ..errors import ReadError
from .sniff import is_url

__all__ = ["FETCH_TIMEOUT", "Fetched", "fetch", "is_url", "meta_charset"]

#: Seconds to wait for the server (to connect, and between two reads of the answer).
FETCH_TIMEOUT = 20.0
_USER_AGENT = "reportdiff (reads a government work report; +https://pypi.org/project/reportdiff/)"
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True)
class Fetched:
    """What the server sent: the bytes, the charset it declared (header, else the page's meta tag)."""

    url: str
    data: bytes
    charset: str | None
    content_type: str


def fetch(url: str, limit: int) -> Fetched:
    """GET ``url`` (following redirects), at most ``limit`` bytes. Raises ReadError, never anything else."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            headers: Message = response.headers
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise ReadError(url, _too_large(int(length), limit))
            data = response.read(limit + 1)
    except ReadError:
        raise
    except urllib.error.HTTPError as e:
        raise ReadError(url, f"the server answered HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, TimeoutError):
            raise ReadError(url, f"no answer within {FETCH_TIMEOUT:g} s") from None
        raise ReadError(url, f"cannot fetch it ({_reason(reason)})") from None
    except TimeoutError:
        raise ReadError(url, f"no answer within {FETCH_TIMEOUT:g} s") from None
    except (OSError, ValueError) as e:  # a broken connection, an invalid address…
        raise ReadError(url, f"cannot fetch it ({_reason(e)})") from None
    if len(data) > limit:
        raise ReadError(url, _too_large(None, limit))
    content_type = headers.get_content_type()
    charset = headers.get_content_charset()
    if charset is None and content_type in ("text/html", "application/xhtml+xml", "text/plain"):
        charset = meta_charset(data)
    return Fetched(url, bytes(data), charset, content_type)


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag near its start, or None."""
    m = _META_CHARSET_RE.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def _reason(reason: object) -> str:
    text = " ".join(str(getattr(reason, "strerror", None) or reason).split())
    return text[:80] or type(reason).__name__


def _too_large(size: int | None, limit: int) -> str:
    mb = 1024 * 1024
    if size is None:
        return f"too large: more than {limit // mb} MB, the limit"
    return f"too large: {size / mb:.1f} MB, the limit is {limit // mb} MB"
