"""`podcast import URL` against a loopback web server: charsets, redirects, caps, errors."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from renderer.errors import ArticleError, ExitStatus
from renderer.importer import import_article
from renderer.importer.fetch import fetch
from renderer.script.model import load

PAGE = """<!DOCTYPE html><html><head><title>读书访谈</title></head><body>
<nav><a href="/">首页</a></nav>
<article><h1>读书访谈</h1>
<p><strong>主持人：</strong>欢迎你。最近在读什么书？</p>
<p><strong>嘉宾：</strong>在读《红楼梦》，第三遍了。</p>
<p><strong>主持人：</strong>为什么读这么多遍？</p>
<p><strong>嘉宾：</strong>每次读都有新的发现。</p>
</article></body></html>"""
MARKDOWN = "**Ann:** Hello there. How are you?\n\n**Ben:** Fine, thanks.\n\n" \
           "**Ann:** Good.\n\n**Ben:** Bye.\n"
SLOW_SECONDS = 5.0


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        routes = {
            "/talk.html": lambda: self._send(PAGE.encode("gbk"), "text/html; charset=gbk"),
            "/meta.html": lambda: self._send(
                PAGE.replace("<head>", '<head><meta charset="gb2312">').encode("gb18030"),
                "text/html"),
            "/transcript": lambda: self._send(MARKDOWN.encode(), "text/markdown"),
            "/old": lambda: self._redirect("/talk.html"),
            "/loop": lambda: self._redirect("/loop"),
            "/big": lambda: self._send(b"x" * 5000, "text/plain"),
            "/chunked": self._chunked,
            "/slow": self._slow,
        }
        route = routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
        else:
            route()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(301)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _chunked(self) -> None:
        self.protocol_version = "HTTP/1.1"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for _ in range(10):
            self.wfile.write(b"3e8\r\n" + b"y" * 1000 + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def _slow(self) -> None:
        time.sleep(SLOW_SECONDS)
        self._send(b"late", "text/plain")

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout and size-cap tests) is expected here


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """The loopback server is reached directly, whatever proxy the machine names."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _dialogue(script) -> list[tuple[str, str]]:
    names = {sid: s.name for sid, s in script.speakers.items()}
    return [(names[t.speaker], t.text) for _, t in script.turns() if t.speaker != "narrator"]


def test_charset_from_the_headers(server):
    script = import_article(f"{server}/talk.html").script
    assert _dialogue(script)[1] == ("嘉宾", "在读《红楼梦》，第三遍了。")
    assert script.title == "读书访谈"
    assert script.source == f"{server}/talk.html"


def test_charset_from_the_page(server):
    assert _dialogue(import_article(f"{server}/meta.html").script)[0] == (
        "主持人", "欢迎你。最近在读什么书？")


def test_content_type_picks_the_reader(server):
    assert _dialogue(import_article(f"{server}/transcript").script) == [
        ("Ann", "Hello there. How are you?"), ("Ben", "Fine, thanks."), ("Ann", "Good."),
        ("Ben", "Bye.")]


def test_redirect_is_followed(server):
    assert len(_dialogue(import_article(f"{server}/old").script)) == 4


@pytest.mark.parametrize(("path", "words"), [
    ("/missing", "404"), ("/loop", "redirects"),
])
def test_server_errors_are_clear(server, path, words):
    with pytest.raises(ArticleError) as error:
        import_article(f"{server}{path}")
    assert words in str(error.value) and f"{server}{path}" in str(error.value)


@pytest.mark.parametrize("path", ["/big", "/chunked"])
def test_size_cap(server, path):
    with pytest.raises(ArticleError) as error:
        fetch(f"{server}{path}", max_bytes=2000)
    assert "larger than" in str(error.value)


def test_read_timeout(server):
    started = time.monotonic()
    with pytest.raises(ArticleError) as error:
        fetch(f"{server}/slow", read_timeout=0.5)
    assert "timed out" in str(error.value)
    assert time.monotonic() - started < SLOW_SECONDS


def test_nothing_listening():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again when the block ends: nobody listens
    with pytest.raises(ArticleError) as error:
        fetch(f"http://127.0.0.1:{port}/x", connect_timeout=2)
    assert "cannot fetch" in str(error.value) or "timed out" in str(error.value)


def test_cli_imports_a_url_into_this_folder(cli, server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("import", f"{server}/talk.html")
    assert result.code == 0, result.err
    script = load(tmp_path / "talk.yaml")
    assert [s.name for s in script.speakers.values()] == ["主持人", "嘉宾"]


def test_cli_error_for_a_missing_page(cli, server, tmp_path):
    result = cli("import", f"{server}/missing", "-o", tmp_path / "x.yaml")
    assert result.code == ExitStatus.ARTICLE
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1 and "404" in lines[0]
    assert not (tmp_path / "x.yaml").exists()
