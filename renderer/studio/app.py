"""The studio's web app (Starlette): the page, its JSON API, clips, and live job progress.

Safe by default, like Jupyter: every request must carry the session's random token (in the
URL, or in the cookie the page sets from it) and name the loopback address in its Host
header (a DNS-rebinding page cannot). No part of a request becomes a file path: assets come
from a fixed table, clips by a key the script's own turns have, the episode and chapters
from what this session's renders recorded.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from collections.abc import AsyncIterator
from http.cookies import SimpleCookie
from importlib import resources
from typing import Any
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ..clips.clip import WORKING_RATE
from ..errors import ConflictError, EditError, NotFoundError, PodcastError
from .session import StudioSession

_ASSET_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8"}
_KEY = re.compile(r"^([0-9a-f]{32})\.wav$")
_LIVE_KEY = re.compile(r"^([0-9a-f]{32})\.pcm$")


def _assets() -> dict[str, tuple[bytes, str]]:
    folder = resources.files("renderer.studio") / "static"
    return {entry.name: (entry.read_bytes(), _ASSET_TYPES[entry.name[entry.name.rindex("."):]])
            for entry in folder.iterdir()
            if entry.is_file() and entry.name[entry.name.rfind("."):] in _ASSET_TYPES}


class Guard:
    """ASGI middleware: 403 unless the Host is the loopback address and the token is right."""

    def __init__(self, app: ASGIApp, token: str, port: int) -> None:
        self.app = app
        self.token = token
        self.cookie = f"podcast_studio_{port}"
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "") not in self.hosts:
            await PlainTextResponse("forbidden: not the loopback address", 403)(
                scope, receive, send)
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [""])[0]
        if not given:
            jar = SimpleCookie()
            try:
                jar.load(headers.get("cookie", ""))
            except Exception:  # a malformed cookie header is the same as none
                jar = SimpleCookie()
            given = jar[self.cookie].value if self.cookie in jar else ""
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            await PlainTextResponse("forbidden: open the URL the studio printed (with its "
                                    "token)", 403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def create_app(session: StudioSession, token: str, port: int) -> ASGIApp:
    """The studio app for one session, guarded by `token`, served on 127.0.0.1:`port`."""
    assets = _assets()
    cookie = f"podcast_studio_{port}"

    async def page(request: Request) -> Response:
        body, media = assets["studio.html"]
        response = Response(body, media_type=media,
                            headers={"Cache-Control": "no-store",
                                     "Content-Security-Policy": "default-src 'self'; "
                                     "media-src 'self' blob:; img-src 'self' data:"})
        response.set_cookie(cookie, token, httponly=True, samesite="strict")
        return response

    async def asset(request: Request) -> Response:
        found = assets.get(request.path_params["name"])
        if found is None:
            return PlainTextResponse("not found", 404)
        return Response(found[0], media_type=found[1])

    async def state(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(session.state))

    async def edit(request: Request) -> Response:
        body = await _json(request)
        result = await run_in_threadpool(session.edit, str(body.get("op", "")),
                                         str(body.get("version", "")), body.get("args") or {})
        return JSONResponse(result)

    async def pronounce(request: Request) -> Response:
        turn = request.query_params.get("turn", "")
        return JSONResponse(await run_in_threadpool(session.pronounce, turn))

    async def fix(request: Request) -> Response:
        body = await _json(request)
        number = body.get("number")
        if not isinstance(number, int):
            raise EditError("number: the decision to fix, as in the report")
        return JSONResponse(await run_in_threadpool(session.fix, number,
                                                    str(body.get("version", ""))))

    async def reload(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(session.reload))

    async def speak(request: Request) -> Response:
        body = await _json(request)
        ids = body.get("ids")
        if ids is not None and not (isinstance(ids, list) and all(isinstance(i, str)
                                                                  for i in ids)):
            raise EditError("ids: a list of turn ids")
        live = body.get("live", False) is True
        return JSONResponse(await run_in_threadpool(session.speak, ids, live))

    async def draft(request: Request) -> Response:
        body = await _json(request)
        turn, text = body.get("id"), body.get("text")
        if not isinstance(turn, str) or not isinstance(text, str):
            raise EditError("id and text: the turn and the words being typed")
        return JSONResponse(await run_in_threadpool(session.draft, turn, text))

    async def render(request: Request) -> Response:
        return JSONResponse(session.start_render().snapshot())

    async def export(request: Request) -> Response:
        body = await _json(request)
        try:
            chapter = int(body["chapter"])
        except (KeyError, TypeError, ValueError):
            raise EditError("chapter: a chapter number, from 1") from None
        return JSONResponse(session.start_export(chapter).snapshot())

    async def events(request: Request) -> Response:
        async def stream() -> AsyncIterator[str]:
            sent = -1
            while True:
                job = session.job
                if job is not None and job.serial != sent:
                    sent = job.serial
                    yield f"data: {json.dumps(job.snapshot(), ensure_ascii=False)}\n\n"
                    if job.state != "running":
                        return
                if await request.is_disconnected():
                    return
                await asyncio.sleep(0.1)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    async def report(request: Request) -> Response:
        return JSONResponse(await run_in_threadpool(session.report))

    async def clip(request: Request) -> Response:
        match = _KEY.match(request.path_params["name"])
        if match is None:
            return PlainTextResponse("not found", 404)
        wav = await run_in_threadpool(session.clip_wav, match.group(1))
        return Response(wav, media_type="audio/wav", headers={"Cache-Control": "no-store"})

    async def live_clip(request: Request) -> Response:
        match = _LIVE_KEY.match(request.path_params["name"])
        if match is None:
            return PlainTextResponse("not found", 404)
        pieces = await run_in_threadpool(session.live_pcm, match.group(1))
        return StreamingResponse(pieces, media_type=f"audio/L16;rate={WORKING_RATE};channels=1",
                                 headers={"Cache-Control": "no-store"})

    async def live_status(request: Request) -> Response:
        key = request.query_params.get("key", "")
        return JSONResponse(await run_in_threadpool(session.live_status, key))

    async def episode(request: Request) -> Response:
        path = await run_in_threadpool(session.episode_file)
        if path is None:
            raise NotFoundError("the script has not been rendered yet")
        return FileResponse(path, media_type="audio/mpeg", headers={"Cache-Control": "no-store"})

    async def chapter(request: Request) -> Response:
        path = session.exported.get(request.path_params["number"])
        if path is None or not path.is_file():
            raise NotFoundError("that chapter has not been exported in this session")
        return FileResponse(path, media_type="audio/mpeg", filename=path.name,
                            headers={"Cache-Control": "no-store"})

    routes = [
        Route("/", page),
        Route("/assets/{name}", asset),
        Route("/api/state", state),
        Route("/api/edit", edit, methods=["POST"]),
        Route("/api/reload", reload, methods=["POST"]),
        Route("/api/speak", speak, methods=["POST"]),
        Route("/api/draft", draft, methods=["POST"]),
        Route("/api/render", render, methods=["POST"]),
        Route("/api/export", export, methods=["POST"]),
        Route("/api/events", events),
        Route("/api/report", report),
        Route("/api/fix", fix, methods=["POST"]),
        Route("/api/pronounce", pronounce),
        Route("/audio/clip/{name}", clip),
        Route("/audio/live/{name}", live_clip),
        Route("/api/live", live_status),
        Route("/audio/episode", episode),
        Route("/audio/chapter/{number:int}", chapter),
    ]
    handlers = {PodcastError: _error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    return Guard(app, token, port)


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise EditError("the request is not JSON") from None
    if not isinstance(body, dict):
        raise EditError("the request is not a JSON object")
    return body


async def _error(request: Request, exc: Exception) -> Response:
    status = 409 if isinstance(exc, ConflictError) else 404 if isinstance(
        exc, NotFoundError) else 400
    return JSONResponse({"error": str(exc), "conflict": isinstance(exc, ConflictError)},
                        status_code=status)
