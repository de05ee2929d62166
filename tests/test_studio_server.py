"""The studio server: token, Host, paths, loopback only, and its API against a real process."""

from __future__ import annotations

import contextlib
import shutil
import socket
import time

import numpy as np
import pytest

from renderer.cli import run
from renderer.clips.cache import ClipCache
from renderer.clips.clip import WORKING_RATE
from renderer.errors import ExitStatus
from renderer.script.model import load

from .helpers import FIXTURES, clip_metas
from .studio_server import running_studio

SMALL = FIXTURES / "scripts" / "small_zh.yaml"


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """A studio on a copy of the small script, with a secret file beside the project."""
    root = tmp_path_factory.mktemp("studio")
    (root / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    project = root / "project"
    project.mkdir()
    shutil.copy(SMALL, project / "small_zh.yaml")
    with running_studio(project / "small_zh.yaml", project / "cache") as running:
        yield running


def test_without_the_token_every_request_is_forbidden(studio):
    import httpx

    for path in ("/", "/api/state", "/assets/studio.js", "/audio/episode", "/api/report"):
        response = httpx.get(studio.base + path, timeout=30)
        assert response.status_code == 403, path
    other = "y" if studio.token.endswith("x") else "x"
    for wrong in (studio.token[:-1] + other, studio.token[:-1], studio.token + other):
        response = httpx.get(studio.base + "/api/state", params={"token": wrong}, timeout=30)
        assert response.status_code == 403, wrong
    posted = httpx.post(studio.base + "/api/edit", json={"op": "turn"}, timeout=30)
    assert posted.status_code == 403


def test_a_wrong_host_header_is_forbidden_even_with_the_token(studio):
    with studio.client() as client:
        assert client.get("/api/state").status_code == 200
        for host in ("evil.example", f"evil.example:{studio.port}", "127.0.0.1",
                     f"192.168.1.1:{studio.port}"):
            response = client.get("/api/state", headers={"Host": host})
            assert response.status_code == 403, host


def test_the_page_sets_a_cookie_that_stands_for_the_token(studio):
    import httpx

    with studio.client() as client:
        page = client.get("/")
        assert page.status_code == 200 and "studio.js" in page.text
        cookie = page.cookies
    with httpx.Client(base_url=studio.base, cookies=cookie, timeout=30) as browser_like:
        assert browser_like.get("/api/state").status_code == 200


def _raw_get(studio, target: str) -> tuple[int, bytes]:
    """A request line sent exactly as written (no client normalizes the path)."""
    with socket.create_connection(("127.0.0.1", studio.port), timeout=30) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{studio.port}\r\n"
                     f"Cookie: podcast_studio_{studio.port}={studio.token}\r\n"
                     "Connection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


@pytest.mark.parametrize("target", [
    "/assets/../../secret.txt", "/assets/..%2f..%2fsecret.txt", "/assets/%2e%2e/secret.txt",
    "/../secret.txt", "/etc/passwd", "//etc/passwd", "/assets//etc/passwd",
    "/assets/%2Fetc%2Fpasswd", "/audio/clip/..%2f..%2fsecret.txt", "/audio/clip/../../x.wav",
    "/audio/chapter/..%2f1", "/audio/episode/../../secret.txt", "/assets/studio.js/..",
    "/audio/clip/%2Fetc%2Fpasswd.wav", "/api/../../secret.txt",
])
def test_paths_never_reach_the_filesystem(studio, target):
    status, body = _raw_get(studio, target)
    assert status == 404, (target, status)
    assert b"TOP SECRET" not in body and b"root:" not in body


def test_it_listens_on_the_loopback_address_only(studio):
    with socket.create_connection(("127.0.0.1", studio.port), timeout=5):
        pass
    others = ["127.0.0.2"]
    with contextlib.suppress(OSError):
        others += sorted({info[4][0] for info in socket.getaddrinfo(
            socket.gethostname(), None, socket.AF_INET) if not info[4][0].startswith("127.")})
    for address in others:
        with pytest.raises(OSError):
            socket.create_connection((address, studio.port), timeout=5).close()
    if socket.has_ipv6:
        with pytest.raises(OSError):
            socket.create_connection(("::1", studio.port), timeout=5).close()


def test_an_edit_is_saved_at_once_and_respeak_makes_exactly_that_clip(studio):
    with studio.client() as client:
        state = client.get("/api/state").json()
        script = load(studio.script)
        assert [t["id"] for c in state["chapters"] for t in c["turns"]] == \
               [t.id for _, t in script.turns()]
        before = set(clip_metas(studio.cache))
        edited = client.post("/api/edit", json={"op": "turn", "version": state["version"],
                                                "args": {"id": "t04", "text": "维护者需要帮助。"}})
        assert edited.status_code == 200, edited.text
        assert load(studio.script).chapters[1].turns[1].text == "维护者需要帮助。"
        changed = [t["id"] for c in edited.json()["chapters"] for t in c["turns"] if t["changed"]]
        assert changed == ["t04"]
        spoken = client.post("/api/speak", json={}).json()
        assert spoken["synthesized"] == 1 and [c["id"] for c in spoken["clips"]] == ["t04"]
        assert len(set(clip_metas(studio.cache)) - before) == 1
        wav = client.get(spoken["clips"][0]["url"])
        assert wav.status_code == 200 and wav.content[:4] == b"RIFF"
        again = client.post("/api/speak", json={}).json()
        assert again["synthesized"] == 0 and again["clips"] == []


def test_a_turn_is_heard_while_it_is_made_and_stored_as_a_render_stores_it(studio):
    """`live`: the speak request returns at once; the clip streams as 16-bit PCM while it is
    made, and is then in the cache like any other."""
    with studio.client() as client:
        state = client.get("/api/state").json()
        edited = client.post("/api/edit", json={"op": "turn", "version": state["version"],
                                                "args": {"id": "t04", "text": "维护者需要时间。"}})
        assert edited.status_code == 200, edited.text
        spoken = client.post("/api/speak", json={"ids": ["t04"], "live": True}).json()
        assert spoken["synthesizing"] == 1
        [clip] = spoken["clips"]
        assert clip["live"] and clip["url"] == f"/audio/live/{clip['key']}.pcm"
        streamed = client.get(clip["url"])
        assert streamed.status_code == 200
        assert streamed.headers["content-type"] == "audio/L16;rate=24000;channels=1"
        status = client.get("/api/live", params={"key": clip["key"]}).json()
        assert status == {"made": True, "error": None}
        stored = b"".join(ClipCache(studio.cache).read_chunks(clip["key"]))
        pcm = np.frombuffer(streamed.content, "<i2")
        assert abs(len(pcm) - len(stored) // 2) < 0.5 * WORKING_RATE
        assert np.sqrt(np.mean(pcm.astype(np.float64) ** 2)) > 300, "speech, not silence"
        # made: a second request hears the stored clip
        again = client.post("/api/speak", json={"ids": ["t04"], "live": True}).json()
        assert again["synthesizing"] == 0 and again["clips"][0]["url"].endswith(".wav")
        assert client.get(f"/audio/live/{clip['key']}.pcm").content == stored
        missing = client.get(f"/audio/live/{'0' * 32}.pcm")
        assert missing.status_code == 404 and "no clip" in missing.json()["error"]


def test_bad_edits_get_a_message_and_change_nothing(studio):
    path = studio.script
    with studio.client() as client:
        version = client.get("/api/state").json()["version"]
        before = path.read_bytes()
        for body, status, words in [
            ({"op": "turn", "version": version, "args": {"id": "nope", "text": "x"}}, 400,
             "no turn 'nope'"),
            ({"op": "explode", "version": version, "args": {}}, 400, "unknown edit"),
            ({"op": "turn", "version": version, "args": {"id": "t01", "speaker": "ghost"}},
             400, "unknown speaker"),
            ({"op": "turn", "version": "stale", "args": {"id": "t01", "text": "x"}}, 409,
             "older version"),
        ]:
            response = client.post("/api/edit", json=body)
            assert response.status_code == status and words in response.json()["error"], \
                response.text
        assert client.post("/api/edit", content=b"{not json").status_code == 400
        for body, status, words in [
            ({"id": "nope", "text": "x"}, 404, "no turn 'nope'"),
            ({"id": "t01"}, 400, "id and text"),
        ]:
            response = client.post("/api/draft", json=body)
            assert response.status_code == status and words in response.json()["error"], \
                response.text
        assert path.read_bytes() == before


def test_render_and_export_run_the_real_commands_with_progress(studio):
    with studio.client() as client:
        started = client.post("/api/render", json={})
        assert started.status_code == 200 and started.json()["kind"] == "render"
        events = []
        with client.stream("GET", "/api/events") as stream:
            for line in stream.iter_lines():
                if line.startswith("data: "):
                    import json

                    events.append(json.loads(line[6:]))
        assert events[-1]["state"] == "done", events[-1]
        assert any(e["total"] for e in events)
        state = client.get("/api/state").json()
        assert state["episode"] is not None
        episode = client.get(state["episode"]["url"], headers={"Range": "bytes=0-9"})
        assert episode.status_code == 206 and len(episode.content) == 10
        assert client.post("/api/export", json={"chapter": 2}).status_code == 200
        for _ in range(600):
            job = client.get("/api/state").json()["job"]
            if job["state"] != "running":
                break
            time.sleep(0.1)
        assert job["state"] == "done", job
        exported = client.get(job["result"]["url"])
        assert exported.status_code == 200 and exported.content[:3] in (b"ID3", b"\xff\xfb")


def test_a_bad_script_or_a_busy_port_fails_with_one_line(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [unclosed\n", encoding="utf-8")
    result = cli("studio", bad, "--engine", "espeak", "--no-browser", "--port", "0")
    assert result.code == ExitStatus.SCRIPT and "bad.yaml:" in result.err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        shutil.copy(SMALL, tmp_path / "small.yaml")
        code = run(["studio", str(tmp_path / "small.yaml"), "--engine", "espeak",
                    "--no-browser", "--port", str(port), "--cache-dir", str(tmp_path / "c")])
        assert code == ExitStatus.OUTPUT


def test_a_dropped_paragraph_of_the_cleaning_report_can_be_restored_as_a_turn(tmp_path):
    from .helpers import SAMPLE_ARTICLE, SAMPLE_SCRIPT

    shutil.copy(SAMPLE_ARTICLE, tmp_path / SAMPLE_ARTICLE.name)
    shutil.copy(SAMPLE_SCRIPT, tmp_path / "sample.yaml")
    with running_studio(tmp_path / "sample.yaml", tmp_path / "cache") as running, \
            running.client() as client:
        report = client.get("/api/report").json()
        assert report["available"], report
        ad = next(e for e in report["dropped"] if e["kind"] == "ad")
        assert ad["text"] in SAMPLE_ARTICLE.read_text(encoding="utf-8")
        state = client.get("/api/state").json()
        first = state["chapters"][0]["turns"][0]
        restored = client.post("/api/edit", json={
            "op": "insert", "version": state["version"],
            "args": {"after": first["id"], "speaker": first["speaker"], "text": ad["text"]}})
        assert restored.status_code == 200, restored.text
    turns = load(tmp_path / "sample.yaml").chapters[0].turns
    assert turns[1].text == ad["text"] and turns[1].speaker == first["speaker"]
    assert turns[1].id not in {t["id"] for c in state["chapters"] for t in c["turns"]}
    assert [t.id for t in turns[:1] + turns[2:]] == \
        [t["id"] for t in state["chapters"][0]["turns"]]
