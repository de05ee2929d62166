"""One studio session: the script being edited, its engine and clips, and the job running.

Everything the page can do is a method here; the web app only translates HTTP to calls.
Clips are the render's own (same engine, keys and cache), so whatever the studio speaks a
later `podcast render` finds ready, and the reverse.
"""

from __future__ import annotations

import io
import threading
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..clips.cache import ClipCache
from ..clips.clip import WORKING_RATE
from ..engines import resolve
from ..errors import ConflictError, EditError, NotFoundError, PodcastError, SynthesisError
from ..importer.speaker_ids import speaker_id
from ..progress import Silent
from ..reading.lexicon import spoken_form
from ..render import record as records
from ..render.paths import last_render_record
from ..render.plan import RenderOptions, RenderPlan, TurnPlan, ensure_clips, plan_turns
from ..render.record import RenderRecord
from ..script.voices import VoiceLibrary
from . import edits
from .document import ScriptDocument
from .jobs import JobReporter, StudioJob
from .listening import LiveSpeaking

IN_PROCESS_UP_TO = 8  # clips made in this process; more start the render's worker pool
# how long a draft waits for what holds the engine: a stopped draft lets go within
# milliseconds; a turn being said holds it for seconds and comes first
_DRAFT_WAIT = 0.5


class StudioSession:
    """The script, its engine, its clips and what the page can ask of them."""

    def __init__(self, script_path: Path, options: RenderOptions) -> None:
        self.options = options
        self.voices = VoiceLibrary.load()
        self.document = ScriptDocument(Path(script_path), self.voices)
        self.engine, self.engine_note = resolve(options.engine, options.engine_setup())
        self.cache = ClipCache(options.clip_folder())
        self.plans = self._plan()
        # each turn's clip as last heard: a turn whose key moved from it has changed
        self.heard = {plan.turn_id: plan.key for plan in self.plans}
        self.job: StudioJob | None = None
        self.exported: dict[int, Path] = {}
        self._speaking = threading.Lock()
        # drafts: the serial of the latest asked for, and the text one is making (if any)
        self._drafts = 0
        self._drafting: str | None = None
        self._draft_guard = threading.Lock()
        self.live = LiveSpeaking(self.engine, self.cache, self._speaking)
        self._jobs = threading.Lock()
        self._report: dict[str, Any] | None = None

    @property
    def path(self) -> Path:
        """The script file."""
        return self.document.path

    def _plan(self) -> list[TurnPlan]:
        return plan_turns(self.document.script, self.path, self.engine, self.voices)

    # the page's view

    def state(self) -> dict[str, Any]:
        """Everything the page shows: script, voices, which turns changed, the episode."""
        script = self.document.script
        plans = {plan.turn_id: plan for plan in self.plans}
        chapters = []
        for chapter in script.chapters:
            turns = []
            for turn in chapter.turns:
                plan = plans[turn.id]
                turns.append({"id": turn.id, "speaker": turn.speaker, "text": turn.text,
                              "note": turn.note or "", "key": plan.key,
                              "changed": self.heard.get(turn.id) != plan.key,
                              "spoken": plan.text if plan.text != turn.text else ""})
            chapters.append({"title": chapter.title, "turns": turns})
        return {
            "version": self.document.version,
            "path": str(self.path),
            "title": script.title,
            "language": script.language,
            "engine": self.engine.name,
            "engine_note": self.engine_note,
            "speakers": [{"id": sid, "name": s.name, "voice": s.voice, "role": s.role}
                         for sid, s in script.speakers.items()],
            "voices": [{"id": v.id, "language": v.language, "gender": v.gender,
                        "description": v.description}
                       for v in self.voices.for_language(script.language)],
            "lexicon": {word: value if isinstance(value, str)
                        else value.model_dump(exclude_none=True)
                        for word, value in script.lexicon.items()},
            "pauses": script.pauses.model_dump(),
            "chapters": chapters,
            "episode": self._episode(),
            "job": self.job.snapshot() if self.job else None,
        }

    def _episode(self) -> dict[str, Any] | None:
        record = records.load(last_render_record(self.path))
        audio = self.episode_file(record)
        if record is None or audio is None:
            return None
        return {"url": f"/audio/episode?v={record.rendered_at}",
                "rendered_at": record.rendered_at,
                "turns": [{"id": t.id, "start": t.start, "end": t.end} for t in record.turns],
                "chapters": [c.model_dump() for c in record.chapters]}

    def episode_file(self, record: RenderRecord | None = None) -> Path | None:
        """The MP3 of the script's last render, if it is there."""
        record = record or records.load(last_render_record(self.path))
        return record.file("mp3") if record else None

    # editing

    def edit(self, operation: str, version: str, args: dict[str, Any]) -> dict[str, Any]:
        """Apply one edit to the script file; returns the new state."""
        change = _OPERATIONS.get(operation)
        if change is None:
            raise EditError(f"unknown edit {operation!r} (edits: {', '.join(_OPERATIONS)})")

        def apply(data: dict[str, Any]) -> Any:
            try:
                return change(data, args)
            except (KeyError, TypeError, ValueError) as exc:
                raise EditError(f"{operation}: missing or invalid argument ({exc})") from None

        self.document.edit(version, apply)
        self.plans = self._plan()
        return self.state()

    def reload(self) -> dict[str, Any]:
        """Read the script again from disk (after a change made outside the studio)."""
        self.document.reload()
        self.plans = self._plan()
        return self.state()

    def pronounce(self, turn_id: str) -> dict[str, Any]:
        """How a turn will be read: its tokens, each reading and where it came from."""
        from ..reading.review import read_text

        script = self.document.script
        turn = next((t for _, t in script.turns() if t.id == turn_id), None)
        if turn is None:
            raise NotFoundError(f"no turn {turn_id!r} in the script")
        tokens = read_text(turn.text, script.lexicon)
        return {"turn": turn_id, "tokens": [token.as_json() for token in tokens]}

    # listening

    def speak(self, turn_ids: list[str] | None, live: bool = False) -> dict[str, Any]:
        """Make the clips of these turns (default: every changed turn) that the cache lacks.

        `live`: return at once; the clips are made in the background, one after another,
        and each can be heard while it is made (`live_pcm`).
        """
        plans = {plan.turn_id: plan for plan in self.plans}
        if turn_ids is None:
            chosen = [p for p in self.plans if self.heard.get(p.turn_id) != p.key]
        else:
            unknown = [t for t in turn_ids if t not in plans]
            if unknown:
                raise NotFoundError(f"no turn {', '.join(map(repr, unknown))} in the script")
            chosen = [plans[t] for t in turn_ids]
        self._drafts_give_way({plan.text for plan in chosen})
        if live:
            return self._speak_live(chosen)
        started = time.perf_counter()
        with self._speaking:
            prepared = RenderPlan(self.path, self.document.script, self.engine, None,
                                self.plans, self.cache)
            _, synthesized = ensure_clips(prepared, chosen, self.options, Silent(),
                                          in_process=len(chosen) <= IN_PROCESS_UP_TO)
        for plan in chosen:
            self.heard[plan.turn_id] = plan.key
        return {"synthesized": synthesized, "seconds": round(time.perf_counter() - started, 3),
                "clips": [{"id": p.turn_id, "url": f"/audio/clip/{p.key}.wav"} for p in chosen],
                "state": self.state()}

    def draft(self, turn_id: str, text: str) -> dict[str, Any]:
        """Make ahead what hearing a turn's text being typed needs first (an engine that keeps
        sentences: its opening), so that Ctrl+Enter starts sooner. An older draft still
        running gives way to it; a turn being said, a render or an export come first.
        `prepared` says whether it was done."""
        plan = next((p for p in self.plans if p.turn_id == turn_id), None)
        if plan is None:
            raise NotFoundError(f"no turn {turn_id!r} in the script")
        job = self.job
        if job is not None and job.state == "running":
            return {"prepared": False}
        spoken = spoken_form(text, self.document.script.lexicon, self.engine.name)
        with self._draft_guard:
            self._drafts += 1
            serial = self._drafts
        self.engine.stop_preparing()
        if not self._speaking.acquire(timeout=_DRAFT_WAIT):
            return {"prepared": False}
        try:
            with self._draft_guard:
                if serial != self._drafts:  # a newer draft, or a turn to say, came meanwhile
                    return {"prepared": False}
                self._drafting = spoken
            self.engine.prepare(spoken, plan.settings)
        finally:
            with self._draft_guard:
                self._drafting = None
            self._speaking.release()
        return {"prepared": serial == self._drafts}  # not stopped half-way

    def _drafts_give_way(self, texts: set[str]) -> None:
        """Before saying `texts`: a draft of another text stops, and one waiting gives up
        (a draft of one of them goes on: it makes what is wanted)."""
        with self._draft_guard:
            if self._drafting is not None and self._drafting in texts:
                return
            self._drafts += 1
        self.engine.stop_preparing()

    def _speak_live(self, chosen: list[TurnPlan]) -> dict[str, Any]:
        making = self.live.start(chosen)
        clips = []
        for plan in chosen:
            self.heard[plan.turn_id] = plan.key
            url = (f"/audio/live/{plan.key}.pcm" if plan.key in making
                   else f"/audio/clip/{plan.key}.wav")
            clips.append({"id": plan.turn_id, "key": plan.key, "url": url,
                          "live": plan.key in making, "rate": WORKING_RATE})
        return {"synthesizing": len(making), "clips": clips, "state": self.state()}

    def live_pcm(self, key: str) -> Iterator[bytes]:
        """A clip as 16-bit mono PCM: while it is made, each piece as soon as it exists."""
        if key not in {plan.key for plan in self.plans}:
            raise NotFoundError(f"no clip {key} for this script")
        if key in self.live.failures:
            raise SynthesisError(self.live.failures[key])
        pieces = self.live.pcm(key)
        if pieces is not None:
            return pieces
        if self.cache.info(key) is None:
            raise NotFoundError(f"no clip {key} for this script (speak its turn first)")
        return self.cache.read_chunks(key)

    def live_status(self, key: str) -> dict[str, Any]:
        """Whether a clip asked for live is made, and why not if it failed."""
        return {"made": self.cache.info(key) is not None,
                "error": self.live.failures.get(key)}

    def clip_wav(self, key: str) -> bytes:
        """A clip of the current script as a WAV file."""
        if key not in {plan.key for plan in self.plans} or self.cache.info(key) is None:
            raise NotFoundError(f"no clip {key} for this script (speak its turn first)")
        pcm = b"".join(self.cache.read_chunks(key))
        out = io.BytesIO()
        with wave.open(out, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(WORKING_RATE)
            wav.writeframes(pcm)
        return out.getvalue()

    # render and export, in the background

    def start_render(self) -> StudioJob:
        """Render the episode as `podcast render` does, in the background."""
        from ..render.render import render

        def work(reporter: JobReporter) -> dict[str, Any]:
            result = render(self.path, self.options, reporter, self.engine)
            return {"episode": str(result.episode), "duration": round(result.duration, 3),
                    "synthesized": result.synthesized,
                    "segments": {"total": len(result.segments),
                                 "encoded": result.segments_encoded}}

        return self._start("render", work)

    def start_export(self, chapter: int) -> StudioJob:
        """Export one chapter (from 1) as `podcast export --chapter N` does."""
        from ..render.chapters import export_chapters

        def work(reporter: JobReporter) -> dict[str, Any]:
            result = export_chapters(self.path, str(chapter), False, None, self.options,
                                     reporter, self.engine)
            written = result.chapters[0]
            self.exported[written.number] = written.path
            return {"chapter": written.number, "title": written.title,
                    "file": str(written.path), "duration": round(written.duration, 3),
                    "url": f"/audio/chapter/{written.number}?v={time.time():.0f}"}

        return self._start("export", work)

    def _start(self, kind: str, work: Any) -> StudioJob:
        with self._jobs:
            if self.job is not None and self.job.state == "running":
                raise EditError(f"a {self.job.kind} is running; wait for it to finish")
            job = self.job = StudioJob(kind)

        def run() -> None:
            try:
                job.result = work(JobReporter(job))
                job.state = "done"
            except PodcastError as exc:
                job.state, job.message = "failed", str(exc)
            except Exception as exc:  # a bug: said on the page, the studio keeps running
                job.state, job.message = "failed", f"internal error: {type(exc).__name__}: {exc}"
            job.serial += 1

        threading.Thread(target=run, name=f"studio-{kind}", daemon=True).start()
        return job

    # the cleaning report

    def report(self) -> dict[str, Any]:
        """What the import dropped from the source article, in full, to restore as turns."""
        if self._report is None:
            self._report = self._read_report()
        return self._report

    def _read_report(self) -> dict[str, Any]:
        from ..importer import ImportOptions, import_article

        source = self.document.script.source
        article = (self.path.parent / source) if source else None
        if article is None or not article.is_file():
            where = f"{article}" if article else "no `source` in the script"
            return {"available": False,
                    "reason": f"the source article is not here ({where})", "dropped": []}
        try:
            result = import_article(article, ImportOptions(), self.voices)
        except PodcastError as exc:
            return {"available": False, "reason": str(exc), "dropped": []}
        dropped = [{"line": e.line, "kind": e.kind, "text": e.text, "reason": e.reason}
                   for e in result.report.entries if e.action == "dropped"]
        doubts = [{"number": number, "kind": d.kind, "line": d.line, "subject": d.subject,
                   "decision": d.decision, "confidence": round(d.confidence, 2),
                   "evidence": list(d.evidence), "fix": d.fix, "fixed": False}
                  for number, d in enumerate(result.report.doubts) if d.fix]
        return {"available": True, "source": str(article), "dropped": dropped,
                "doubts": doubts}

    def fix(self, number: int, version: str) -> dict[str, Any]:
        """Apply the fix of decision `number` of the report; returns the new state."""
        doubts = self.report().get("doubts", [])
        doubt = next((d for d in doubts if d["number"] == number), None)
        if doubt is None:
            raise NotFoundError(f"no decision {number} to check in the report")
        if doubt["fixed"]:
            raise ConflictError(f"decision {number} is fixed already")
        fix = doubt["fix"]

        def apply(data: dict[str, Any]) -> None:
            language = str(data.get("language") or "")
            op = fix["op"]
            if op == "merge_speakers":
                edits.merge_speakers(data, fix["speaker"], fix["into"])
            elif op == "separate_speaker":
                edits.separate_speaker(data, fix["speaker"], fix["name"], fix["turns"],
                                       speaker_id(fix["name"]), self._free_voice(data, language))
            elif op == "make_speaker":
                edits.make_speaker(data, fix["name"], fix["places"], speaker_id(fix["name"]),
                                   self._free_voice(data, language))
            elif op == "not_speaker":
                edits.not_speaker(data, fix["speaker"], fix["label"])
            elif op == "restore":
                edits.restore_block(data, fix["turn"], fix["text"], fix.get("before", ""))
            elif op == "drop":
                edits.drop_block(data, fix["turn"], fix["text"])
            else:
                raise EditError(f"unknown fix {op!r}")

        self.document.edit(version, apply)
        doubt["fixed"] = True
        self.plans = self._plan()
        return self.state()

    def _free_voice(self, data: dict[str, Any], language: str) -> str:
        """A voice of the script's language that no speaker has yet (or the first one)."""
        used = {str(s.get("voice")) for s in (data.get("speakers") or {}).values()}
        voices = self.voices.for_language(language) or [self.voices.get(v) for v in used]
        people = [v for v in voices if "narrator" not in v.roles]
        free = [v for v in people or voices if v.id not in used]
        return (free or people or voices)[0].id


def _pauses(data: dict[str, Any], args: dict[str, Any]) -> None:
    values = {name: int(value) for name, value in args["pauses"].items()}
    edits.set_pauses(data, values)


_OPERATIONS = {
    "turn": lambda data, a: edits.set_turn(data, a["id"], text=a.get("text"),
                                           speaker=a.get("speaker"), note=a.get("note")),
    "split": lambda data, a: edits.split_turn(data, a["id"], int(a["at"])),
    "merge": lambda data, a: edits.merge_with_next(data, a["id"]),
    "insert": lambda data, a: edits.insert_turn(data, a["after"], a["speaker"], a["text"]),
    "delete": lambda data, a: edits.delete_turn(data, a["id"]),
    "boundary": lambda data, a: edits.move_boundary(data, int(a["chapter"]), int(a["delta"])),
    "chapter_title": lambda data, a: edits.rename_chapter(data, int(a["chapter"]), a["title"]),
    "voice": lambda data, a: edits.set_voice(data, a["speaker"], a["voice"]),
    "lexicon": lambda data, a: edits.set_lexicon(data, a["word"], a.get("spoken", ""),
                                                 a.get("pinyin", "")),
    "pauses": _pauses,
}
