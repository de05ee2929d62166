"use strict";
// The studio page: shows the script, sends each edit to the server (which saves it to the
// YAML at once), plays clips and the episode, and follows render/export progress.
// Every text from the script is put on the page with textContent, never as markup.

const $ = (id) => document.getElementById(id);
const player = $("player");
let state = null;
let selected = null;        // id of the turn last clicked or focused
let queue = [];             // clips waiting to be played: [{id, url}]
let mode = "idle";          // "clip" or "episode": what the player is playing
let playingTurn = null;     // the turn the clip being played belongs to

const element = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
};

const clock = (s) => {
  const t = Math.floor(s), m = Math.floor(t / 60), sec = String(t % 60).padStart(2, "0");
  return `${m}:${sec}`;
};

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)};
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({error: `${response.status} ${response.statusText}`}));
  if (!response.ok) {
    const error = new Error(data.error || response.statusText);
    error.conflict = Boolean(data.conflict);
    throw error;
  }
  return data;
}

function say(message) { $("status").textContent = message; }

function showError(error) {
  $("banner-text").textContent = error.message;
  $("reload").hidden = !error.conflict;
  $("banner").hidden = false;
}

function clearError() { $("banner").hidden = true; }

async function edit(op, args) {
  try {
    state = await api("/api/edit", {op, version: state.version, args});
    clearError();
    draw();
    say(`saved to ${state.path}`);
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}

// ---- drawing ----

function speakerName(id) {
  const speaker = state.speakers.find((s) => s.id === id);
  return speaker ? speaker.name : id;
}

function turnView(turn, chapterIndex) {
  const speakers = element("select", {className: "speaker", title: "speaker",
    onchange: (e) => edit("turn", {id: turn.id, speaker: e.target.value})});
  for (const s of state.speakers) {
    speakers.append(element("option", {value: s.id, selected: s.id === turn.speaker}, s.name));
  }
  const voice = state.speakers.find((s) => s.id === turn.speaker);
  const text = element("textarea", {className: "text", value: turn.text, rows: 2,
    onchange: (e) => { if (e.target.value !== turn.text) edit("turn", {id: turn.id, text: e.target.value}); },
    oninput: (e) => draftLater(turn, e.target),
    onkeydown: (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); saveAndHear(turn, e.target); }
    }});
  const note = element("input", {className: "note", value: turn.note, placeholder: "note",
    onchange: (e) => edit("turn", {id: turn.id, note: e.target.value})});
  const head = element("div", {className: "turn-head"},
    speakers,
    element("span", {className: "voice"}, voice ? voice.voice : ""),
    turn.changed ? element("span", {className: "badge changed"}, "changed") : "",
    element("button", {type: "button", className: "play", title: "hear this turn",
      onclick: () => hearTurns([turn.id])}, "▶ hear"),
    element("button", {type: "button", className: "from-here", disabled: !state.episode,
      title: state.episode ? "play the episode from this turn" : "render the episode first",
      onclick: () => playFromHere(turn.id)}, "play from here"),
    element("button", {type: "button", className: "readings-toggle", title: "how each word is read",
      onclick: () => toggleReadings(turn.id)}, "readings"),
    element("button", {type: "button", className: "split", title: "split at the cursor",
      onclick: () => split(turn, text)}, "split"),
    element("button", {type: "button", className: "merge", title: "merge with the next turn",
      onclick: () => edit("merge", {id: turn.id})}, "merge ↓"),
    element("button", {type: "button", className: "delete", title: "delete this turn",
      onclick: () => { if (confirm(`Delete turn ${turn.id}?`)) edit("delete", {id: turn.id}); }},
      "delete"));
  const spoken = turn.spoken ? element("div", {className: "spoken"}, `spoken: ${turn.spoken}`) : "";
  const readings = element("div", {className: "readings", hidden: !openReadings.has(turn.id)});
  const view = element("article", {className: "turn", dataset: {id: turn.id, chapter: chapterIndex}},
    head, text, spoken, note, readings);
  if (openReadings.has(turn.id)) loadReadings(turn.id, readings);
  view.addEventListener("focusin", () => select(turn.id));
  view.addEventListener("click", () => select(turn.id));
  if (turn.id === selected) view.classList.add("selected");
  return view;
}

function chapterView(chapter, index) {
  const title = element("input", {className: "chapter-title", value: chapter.title,
    onchange: (e) => edit("chapter_title", {chapter: index, title: e.target.value})});
  const head = element("div", {className: "chapter-head"},
    element("span", {className: "muted"}, `${index + 1}.`), title);
  if (index > 0) {
    head.append(
      element("button", {type: "button", className: "earlier", title: "the chapter starts one turn earlier",
        onclick: () => edit("boundary", {chapter: index, delta: -1})}, "◀ start earlier"),
      element("button", {type: "button", className: "later", title: "the chapter starts one turn later",
        onclick: () => edit("boundary", {chapter: index, delta: 1})}, "start later ▶"));
  }
  head.append(element("button", {type: "button", className: "export",
    onclick: () => startJob("/api/export", {chapter: index + 1})}, "export chapter"),
    element("span", {className: "exported"}));
  const view = element("section", {className: "chapter", dataset: {index}}, head);
  for (const turn of chapter.turns) view.append(turnView(turn, index));
  return view;
}

function draw() {
  const focus = document.activeElement;
  const kept = focus && focus.closest && focus.closest(".turn, .chapter-head") ? {
    id: focus.closest(".turn") ? focus.closest(".turn").dataset.id : null,
    className: focus.className, start: focus.selectionStart} : null;
  document.title = `${state.title} — podcast studio`;
  document.documentElement.lang = state.language;
  $("title").textContent = state.title;
  $("file").textContent = state.path;
  $("engine").textContent = `engine: ${state.engine}`;
  const script = $("script");
  script.replaceChildren(...state.chapters.map(chapterView));
  const changed = state.chapters.flatMap((c) => c.turns).filter((t) => t.changed).length;
  $("changed-count").textContent = changed;
  $("respeak").disabled = changed === 0;
  drawSpeakers();
  drawLexicon();
  for (const [name, value] of Object.entries(state.pauses)) {
    const input = document.querySelector(`#pauses input[name=${name}]`);
    if (input && document.activeElement !== input) input.value = value;
  }
  if (kept && kept.id) {
    const again = document.querySelector(`.turn[data-id="${CSS.escape(kept.id)}"] .${kept.className.split(" ")[0]}`);
    if (again) {
      again.focus();
      if (kept.start != null && again.setSelectionRange) again.setSelectionRange(kept.start, kept.start);
    }
  }
  if (playingTurn) highlight(playingTurn, false);
}

function drawSpeakers() {
  const rows = state.speakers.map((speaker) => {
    const choose = element("select", {className: "voice-select", dataset: {speaker: speaker.id},
      onchange: (e) => edit("voice", {speaker: speaker.id, voice: e.target.value})});
    const voices = state.voices.some((v) => v.id === speaker.voice) ? state.voices
      : [{id: speaker.voice, description: ""}, ...state.voices];
    for (const voice of voices) {
      const label = voice.description ? `${voice.id} — ${voice.description}` : voice.id;
      choose.append(element("option", {value: voice.id, selected: voice.id === speaker.voice}, label));
    }
    return element("div", {className: "speaker-row"},
      element("strong", {}, speaker.name), " ", element("span", {className: "muted"}, speaker.role || ""),
      element("br"), choose);
  });
  $("speakers").replaceChildren(...rows);
}

// ---- readings: how each word of a turn is said, and a lexicon entry to change it ----

const openReadings = new Set();   // turns whose readings are shown

function toggleReadings(id) {
  if (openReadings.has(id)) openReadings.delete(id); else openReadings.add(id);
  const box = document.querySelector(`.turn[data-id="${CSS.escape(id)}"] .readings`);
  box.hidden = !openReadings.has(id);
  if (!box.hidden) loadReadings(id, box);
}

async function loadReadings(id, box) {
  try {
    const result = await api(`/api/pronounce?turn=${encodeURIComponent(id)}`);
    box.replaceChildren(...result.tokens.map((token) => tokenView(token, box)),
      element("div", {className: "reading-editor"}));
  } catch (error) { box.textContent = error.message; }
}

function tokenView(token, box) {
  const interesting = (token.polyphones && token.polyphones.length) || token.source === "lexicon"
    || (token.say && token.say !== token.text);
  if (!interesting) return element("span", {className: "plain"}, token.text);
  const least = (token.polyphones || []).reduce((m, p) => Math.min(m, p.confidence), 1);
  return element("button", {type: "button", className: `word ${token.source || ""}`,
    title: `${token.pinyin ? token.pinyin.join(" ") : token.say || token.ipa} · ${token.source}` +
      (least < 1 ? ` · ${Math.round(least * 100)}% sure` : ""),
    onclick: () => editReading(token, box.querySelector(".reading-editor"))}, token.text);
}

function editReading(token, editor) {
  const rows = [element("div", {className: "muted"},
    `${token.text}: ${token.pinyin ? token.pinyin.join(" ") : token.say || token.ipa} · from the ${token.source}`)];
  const choices = [];
  if (token.pinyin) {
    const chars = [...token.text];
    const byIndex = Object.fromEntries((token.polyphones || []).map((p) => [p.index, p]));
    const line = element("div", {className: "choices"});
    chars.forEach((ch, i) => {
      const poly = byIndex[i];
      const select = element("select", {className: "reading-choice", dataset: {index: i}});
      for (const reading of [token.pinyin[i], ...(poly ? poly.alternatives : [])]) {
        select.append(element("option", {value: reading}, reading));
      }
      select.disabled = !poly;
      choices.push(select);
      line.append(element("label", {}, ch, select));
    });
    rows.push(line);
  }
  const spoken = element("input", {className: "spoken-form", placeholder: "or type how it is said",
    value: token.pinyin ? "" : (token.say || "")});
  const apply = element("button", {type: "button", className: "apply-reading"}, "Add to lexicon and hear");
  apply.addEventListener("click", async () => {
    const args = spoken.value.trim() ? {word: token.text, spoken: spoken.value.trim()}
      : {word: token.text, pinyin: choices.map((c) => c.value).join(" ")};
    if (await edit("lexicon", args)) respeakChanged();
  });
  rows.push(spoken, apply);
  editor.replaceChildren(...rows);
}

function entryText(value) {
  return typeof value === "string" ? value : value.pinyin || value.say || value.ipa;
}

function drawLexicon() {
  const items = Object.entries(state.lexicon).map(([word, spoken]) => element("li", {},
    `${word} → ${entryText(spoken)} `,
    element("button", {type: "button", onclick: () => edit("lexicon", {word, spoken: ""})}, "remove")));
  $("lexicon").replaceChildren(...items);
}

// ---- selection and following what is heard ----

function select(id) {
  if (selected === id) return;
  selected = id;
  for (const node of document.querySelectorAll(".turn.selected")) node.classList.remove("selected");
  const node = document.querySelector(`.turn[data-id="${CSS.escape(id)}"]`);
  if (node) node.classList.add("selected");
}

function highlight(id, scroll = true) {
  for (const node of document.querySelectorAll(".turn.current, .chapter.current")) {
    node.classList.remove("current");
  }
  if (!id) { $("now").textContent = ""; return; }
  const node = document.querySelector(`.turn[data-id="${CSS.escape(id)}"]`);
  if (!node) return;
  node.classList.add("current");
  const chapter = node.closest(".chapter");
  chapter.classList.add("current");
  const title = state.chapters[Number(chapter.dataset.index)].title;
  $("now").textContent = `now: ${title} · ${id}`;
  if (scroll && !node.contains(document.activeElement)) node.scrollIntoView({block: "nearest"});
}

function turnAt(time) {
  const turns = state.episode ? state.episode.turns : [];
  let found = null;
  for (const turn of turns) { if (turn.start <= time + 0.001) found = turn; else break; }
  return found && time <= found.end + 0.5 ? found.id : null;
}

player.addEventListener("timeupdate", () => {
  if (mode !== "episode") return;
  const id = turnAt(player.currentTime);
  if (id !== playingTurn) { playingTurn = id; highlight(id); }
});

player.addEventListener("play", stopLive);  // one thing heard at a time

player.addEventListener("ended", () => {
  if (mode === "clip" && queue.length) playNext();
  else if (mode === "episode") { playingTurn = null; highlight(null); }
  // after the last clip its turn stays marked: the one just heard
});

function playNext() {
  const clip = queue.shift();
  mode = "clip";
  playingTurn = clip.id;
  highlight(clip.id);
  stopLive();
  if (clip.live) {
    player.pause();
    playLive(clip).catch(showError);
    return;
  }
  player.src = clip.url;
  player.play().catch(() => {});
}

// ---- clips heard while they are made ----
// The server streams a clip being made as 16-bit PCM, sentence by sentence; each piece is
// scheduled right after the one before it, so the turn plays on without a gap.

let audioContext = null;
let live = null;            // the clip streaming now: {controller, sources}
let speakRequested = 0;     // when the last speak was asked for (performance.now())

function stopLive() {
  if (!live) return;
  live.controller.abort();
  for (const source of live.sources) source.stop();
  live = null;
}

async function playLive(clip) {
  audioContext = audioContext || new AudioContext();
  audioContext.resume();
  const current = live = {controller: new AbortController(), sources: []};
  let response;
  try {
    response = await fetch(clip.url, {signal: current.controller.signal});
  } catch (error) {
    if (live === current) throw error;
    return;  // stopped by another play
  }
  if (!response.ok) {
    const data = await response.json().catch(() => ({}));
    throw new Error(data.error || `${response.status} ${response.statusText}`);
  }
  const reader = response.body.getReader();
  document.body.dataset.liveKey = clip.key;
  let at = 0, carry = null, scheduled = 0;
  for (;;) {
    let chunk;
    try { chunk = await reader.read(); } catch { return; }  // aborted
    if (chunk.done || live !== current) break;
    let bytes = chunk.value;
    if (carry) { const joined = new Uint8Array(carry.length + bytes.length); joined.set(carry); joined.set(bytes, carry.length); bytes = joined; carry = null; }
    if (bytes.length % 2) { carry = bytes.slice(-1); bytes = bytes.subarray(0, bytes.length - 1); }
    if (!bytes.length) continue;
    const samples = new Int16Array(bytes.slice().buffer);
    const buffer = audioContext.createBuffer(1, samples.length, clip.rate);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < samples.length; i++) channel[i] = samples[i] / 32768;
    const source = audioContext.createBufferSource();
    source.buffer = buffer;
    source.connect(audioContext.destination);
    const now = audioContext.currentTime;
    if (at < now + 0.01) at = now + 0.02;  // the first piece, or one that came late
    source.start(at);
    if (!current.sources.length) {
      const firstAudio = performance.now() + (at - now) * 1000;  // when it will be heard
      document.body.dataset.firstAudioAt = String(Math.round(firstAudio));
      document.body.dataset.firstAudioMs = String(Math.round(firstAudio - speakRequested));
    }
    current.sources.push(source);
    at += buffer.duration;
    scheduled += samples.length;
    document.body.dataset.liveSamples = String(scheduled);
  }
  if (live !== current) return;
  const status = await api(`/api/live?key=${clip.key}`);
  if (status.error) showError(new Error(status.error));
  document.body.dataset.liveDone = clip.key;  // every piece is scheduled
  const last = current.sources[current.sources.length - 1];
  const next = () => { if (live === current) { live = null; if (queue.length) playNext(); } };
  if (!last || audioContext.currentTime >= at) next();
  else last.onended = next;
}

// ids: these turns; no ids: every turn whose words or voice changed since it was last heard
async function speak(ids) {
  say(ids ? `speaking ${ids.length} turn(s)…` : "speaking what changed…");
  speakRequested = performance.now();
  for (const name of ["firstAudioAt", "firstAudioMs", "liveKey", "liveSamples", "liveDone"]) delete document.body.dataset[name];
  stopLive();
  try {
    const result = await api("/api/speak", ids ? {ids, live: true} : {live: true});
    state = result.state;
    draw();
    say(result.synthesizing ? `speaking ${result.synthesizing} clip(s) as they are made`
      : "every clip was ready");
    queue = result.clips;
    if (queue.length) playNext();
  } catch (error) { showError(error); }
}

const hearTurns = (ids) => speak(ids);
const respeakChanged = () => speak(null);

// A turn being typed: once typing pauses, the server makes its opening ahead (an engine that
// keeps sentences; the others ignore it), so that Ctrl+Enter is heard sooner. A draft typed
// on, or another text said, stops it half-way, so a short pause costs nothing.
const DRAFT_PAUSE_MS = 400;
let draftTimer = null;

function draftLater(turn, textarea) {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => {
    if (textarea.value === turn.text) return;
    // only a head start: what fails is said when the turn is spoken
    api("/api/draft", {id: turn.id, text: textarea.value}).catch(() => {});
  }, DRAFT_PAUSE_MS);
}

async function saveAndHear(turn, textarea) {
  clearTimeout(draftTimer);
  if (textarea.value !== turn.text && !await edit("turn", {id: turn.id, text: textarea.value})) return;
  hearTurns([turn.id]);
}

async function split(turn, textarea) {
  const at = textarea.selectionStart;
  if (textarea.value !== turn.text && !await edit("turn", {id: turn.id, text: textarea.value})) return;
  edit("split", {id: turn.id, at});
}

function playFromHere(id) {
  if (!state.episode) return;
  const order = state.chapters.flatMap((c) => c.turns.map((t) => t.id));
  const starts = new Map(state.episode.turns.map((t) => [t.id, t.start]));
  // a turn added since the render plays from the nearest turn before it that was rendered
  let index = order.indexOf(id);
  while (index > 0 && !starts.has(order[index])) index -= 1;
  const start = starts.get(order[index]) ?? 0;
  mode = "episode";
  queue = [];
  stopLive();
  if (!player.src.endsWith(state.episode.url)) player.src = state.episode.url;
  if (player.readyState >= 1) player.currentTime = start;
  else player.addEventListener("loadedmetadata", () => { player.currentTime = start; }, {once: true});
  player.play().catch(() => {});  // also what makes a player with preload=none load
}

// ---- render and export, with live progress ----

async function startJob(path, body) {
  try {
    const job = await api(path, body);
    showJob(job);
    follow();
  } catch (error) { showError(error); }
}

function showJob(job) {
  $("job").hidden = false;
  const bar = $("job-bar");
  bar.max = Math.max(job.total, 1);
  bar.value = job.done;
  const eta = job.eta != null ? `, about ${Math.ceil(job.eta)} s left` : "";
  let text = `${job.kind}: ${job.stage} ${job.done}/${job.total} (${job.elapsed} s${eta})`;
  if (job.state === "done") text = `${job.kind} done in ${job.elapsed} s`;
  if (job.state === "failed") text = `${job.kind} failed: ${job.message}`;
  $("job-text").textContent = text;
  $("render").disabled = job.state === "running";
}

function follow() {
  const source = new EventSource("/api/events");
  source.onmessage = async (event) => {
    const job = JSON.parse(event.data);
    showJob(job);
    if (job.state === "running") return;
    source.close();
    if (job.state === "done") await finished(job);
  };
  source.onerror = () => source.close();
}

async function finished(job) {
  state = await api("/api/state");
  draw();
  if (job.kind === "render") {
    say(`rendered ${job.result.episode} (${clock(job.result.duration)}): ` +
        `${job.result.synthesized} turn(s) synthesized, ${job.result.segments.encoded} of ` +
        `${job.result.segments.total} MP3 segments encoded`);
    mode = "episode";
    stopLive();
    player.src = state.episode.url;
  } else {
    const head = document.querySelectorAll(".chapter .exported")[job.result.chapter - 1];
    if (head) head.replaceChildren(element("a", {href: job.result.url, download: ""}, job.result.file));
    say(`chapter ${job.result.chapter} exported: ${job.result.file}`);
  }
}

// ---- side panels ----

// what each fix does, said on its button
const FIX_LABELS = {
  merge_speakers: "same person: merge", separate_speaker: "different people: separate",
  make_speaker: "make a speaker", not_speaker: "not a speaker", restore: "restore",
  drop: "drop",
};

async function loadReport() {
  try {
    const report = await api("/api/report");
    if (!report.available) { $("report").textContent = report.reason; return; }
    drawDoubts(report.doubts || []);
    if (!report.dropped.length) { $("report").textContent = "nothing was dropped"; return; }
    $("report").classList.remove("muted");
    $("report").replaceChildren(...report.dropped.map((entry) => element("div", {className: "report-entry"},
      element("div", {className: "muted"}, `line ${entry.line} · ${entry.kind} · ${entry.reason}`),
      element("div", {className: "text"}, entry.text),
      element("button", {type: "button", onclick: () => restore(entry)}, "restore as a turn"))));
  } catch (error) { $("report").textContent = error.message; }
}

function drawDoubts(doubts) {
  const open = doubts.filter((d) => !d.fixed).length;
  $("doubts-count").textContent = doubts.length ? `${open} of ${doubts.length} to check` : "none";
  $("doubts").replaceChildren(...doubts.map((doubt) => element("div",
    {className: "doubt" + (doubt.fixed ? " fixed" : ""), dataset: {number: doubt.number}},
    element("div", {className: "muted"},
      `line ${doubt.line} · ${Math.round(doubt.confidence * 100)}% sure · ${doubt.evidence.join("; ")}`),
    element("div", {className: "text"}, doubt.decision),
    doubt.fixed ? element("span", {className: "muted"}, "fixed")
      : element("button", {type: "button", className: "fix", onclick: () => fix(doubt)},
        FIX_LABELS[doubt.fix.op] || doubt.fix.op))));
}

async function fix(doubt) {
  try {
    state = await api("/api/fix", {number: doubt.number, version: state.version});
    clearError();
    draw();
    say(`fixed line ${doubt.line}; saved to ${state.path}`);
    loadReport();
  } catch (error) { showError(error); }
}

function restore(entry) {
  const turns = state.chapters.flatMap((c) => c.turns);
  const after = turns.find((t) => t.id === selected) || turns[turns.length - 1];
  edit("insert", {after: after.id, speaker: after.speaker, text: entry.text});
}

$("lexicon-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  if (await edit("lexicon", {word: form.word.value, spoken: form.spoken.value})) {
    form.reset();
    respeakChanged();
  }
});

$("pauses").addEventListener("change", (event) => {
  const input = event.target;
  edit("pauses", {pauses: {[input.name]: Number(input.value)}});
});

$("respeak").addEventListener("click", respeakChanged);
$("render").addEventListener("click", () => startJob("/api/render", {}));
$("reload").addEventListener("click", async () => {
  try { state = await api("/api/reload", {}); clearError(); draw(); say("reloaded from disk"); }
  catch (error) { showError(error); }
});

(async () => {
  // the token is in the URL once; the cookie carries it from here on
  if (location.search.includes("token=")) history.replaceState(null, "", location.pathname);
  state = await api("/api/state");
  draw();
  if (state.engine_note) say(state.engine_note);
  if (state.job && state.job.state === "running") { showJob(state.job); follow(); }
  document.body.dataset.ready = "true";
  loadReport();
})();
