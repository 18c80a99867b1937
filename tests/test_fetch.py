"""Reports from http(s) addresses: fetched once, with a timeout and a size cap, decoded by the declared
charset. The server is a thread on 127.0.0.1 (no network)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import seed_text
from pdf_builder import make_pdf

from core.errors import ReadError
from core.read import fetch as fetch_module
from core.read import files
from core.read.files import read_source
from core.report import load_report

PAGE = "<html><head><title>t</title>{meta}</head><body>" + "".join(
    f"<p>{line}</p>" for line in seed_text("003").split("\n") if line.strip()
) + "</body></html>"
HITS: Counter[str] = Counter()


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:
        HITS[self.path] += 1
        if self.path == "/slow":
            time.sleep(2)
        status, headers, body = self.routes.get(self.path, (404, {}, b"missing"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if "Content-Length" not in headers and self.path != "/unsized":
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    Handler.routes = {
        "/gbk.html": (200, {"Content-Type": "text/html; charset=GBK"}, PAGE.format(meta="").encode("gbk")),
        "/meta.html": (200, {"Content-Type": "text/html"}, PAGE.format(meta='<meta charset="gb2312">').encode("gbk")),
        "/utf8-labelled-gbk.html": (200, {"Content-Type": "text/html; charset=gbk"}, PAGE.format(meta="").encode()),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, make_pdf(seed_text("003").split("\n"))),
        "/huge": (200, {"Content-Length": str(10**9)}, b""),
        "/slow": (200, {}, b"late"),
        "/gone": (410, {}, b"gone"),
        "/unsized": (200, {"Content-Type": "text/plain"}, "正文。".encode() * 250_000),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def outline_of(report):
    """The outline without what stands before the first part (the page's <title> line)."""
    return [(s.kind, s.level, s.label, s.title) for s in report.walk() if s.kind not in ("front", "preamble")]


@pytest.mark.parametrize(
    ("path", "encoding"),
    [("/gbk.html", "gb18030"), ("/meta.html", "gb18030"), ("/utf8-labelled-gbk.html", "utf-8")],
)
def test_a_page_reads_as_its_text(server, path, encoding):
    from core.report import report_from_text

    report = load_report(server + path)
    assert (report.format, report.encoding) == ("html", encoding)
    assert outline_of(report) == outline_of(report_from_text(seed_text("003")))


def test_the_declared_charset_is_said():
    source = files.read_bytes("政府工作報告".encode("big5"), "x.txt", charset="big5")
    assert source.encoding == "big5" and source.text == "政府工作報告"
    assert source.notes == ("decoded as big5, the charset the page declares",)


def test_a_pdf_address_reads_as_a_pdf(server):
    assert read_source(server + "/report.pdf").format == "pdf"


def test_fetched_once(server):
    HITS.clear()
    load_report(server + "/gbk.html")
    assert HITS["/gbk.html"] == 1


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/gone", "the server answered HTTP 410 Gone"),
        ("/nothing-here", "the server answered HTTP 404 Not Found"),
        ("/huge", "too large: 953.7 MB, the limit is 32 MB"),
    ],
)
def test_failures_are_one_line(server, path, problem):
    with pytest.raises(ReadError) as excinfo:
        read_source(server + path)
    assert excinfo.value.problem == problem and excinfo.value.path == server + path


def test_timeout(server, monkeypatch):
    monkeypatch.setattr(fetch_module, "FETCH_TIMEOUT", 0.3)
    with pytest.raises(ReadError) as excinfo:
        read_source(server + "/slow")
    assert excinfo.value.problem == "no answer within 0.3 s"


def test_size_cap_without_a_length(server, monkeypatch):
    monkeypatch.setattr(files, "MAX_INPUT_BYTES", 1024 * 1024)  # the body is 2.1 MB, its length unsaid
    with pytest.raises(ReadError) as excinfo:
        read_source(server + "/unsized")
    assert excinfo.value.problem == "too large: more than 1 MB, the limit"


def test_nothing_listening():
    with pytest.raises(ReadError) as excinfo:
        read_source("http://127.0.0.1:9/report.html")
    assert excinfo.value.problem.startswith("cannot fetch it (")
