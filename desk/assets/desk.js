// The proof desk: loads an article, renders it through the service's own
// API (POST /v1/pdf and POST /v1/preflight with the same body and query),
// draws every page with pdf.js and lists the preflight beside the pages.
import * as pdfjs from "./pdfjs/pdf.min.mjs";

pdfjs.GlobalWorkerOptions.workerSrc = new URL("./pdfjs/pdf.worker.min.mjs", import.meta.url).href;
const wasmUrl = new URL("./pdfjs/wasm/", import.meta.url).href;
const CSS_PX_PER_PT = 96 / 72;
const RECENT_KEY = "printd-desk-recent";
const RECENT_MAX = 8;
const OPTION_NAMES = ["preset", "paper", "columns", "grayscale", "bleed", "pages", "fit"];

const $ = (id) => document.getElementById(id);
const state = {
  config: null,
  text: null,       // the article as loaded (JSON text)
  source: null,     // {id} when it came from the article source
  title: "",
  format: "auto",
  profile: "",
  opts: {},         // query options, only those given
  zoom: "fit",
  pdf: null,        // {bytes, url, name} of the last render
  report: null,
  seq: 0,
  abort: null,
  doc: null,
  selected: null,   // index of the selected preflight item
};
let worker = null;

// ---------- start ----------

init().catch((e) => setStatus(`The desk could not start: ${e.message}`, true));

async function init() {
  const res = await fetch("/desk/api/config", { credentials: "same-origin" });
  if (!res.ok) throw new Error(`config: HTTP ${res.status}`);
  state.config = await res.json();
  fillOptions(state.config);
  wire();
  renderRecent();
  await restoreFromURL();
}

function fillOptions(cfg) {
  const add = (sel, value, text) => sel.append(new Option(text ?? value, value));
  add($("preset"), "", "as the article says");
  for (const p of cfg.presets) add($("preset"), p);
  for (const p of cfg.papers) add($("paper"), p);
  for (let n = cfg.columns[0]; n <= cfg.columns[1]; n++) add($("columns"), String(n));
  $("bleed").max = cfg.max_bleed_mm;
  $("pages").max = cfg.max_pages;
  const profile = $("profile");
  add(profile, "", "as the article says");
  for (const p of cfg.profiles) add(profile, p);
  if (cfg.fit && cfg.fit.length) {
    for (const f of cfg.fit) add($("fit"), f);
    $("fit-row").hidden = false;
  }
  $("by-id").hidden = !cfg.article_source;
}

function wire() {
  $("by-id").addEventListener("submit", (e) => {
    e.preventDefault();
    const ref = $("ref").value.trim();
    if (ref) loadSource(ref);
  });
  $("by-paste").addEventListener("submit", (e) => {
    e.preventDefault();
    loadText($("paste").value, "pasted");
  });
  $("paste").addEventListener("paste", () => {
    // let the paste land, then load it at once
    setTimeout(() => loadText($("paste").value, "pasted"), 0);
  });
  $("file").addEventListener("change", async (e) => {
    const f = e.target.files[0];
    if (f) loadText(await f.text(), f.name);
    e.target.value = "";
  });
  $("format").addEventListener("change", () => { state.format = $("format").value; rerender(); });
  $("load-recent").addEventListener("click", openRecent);
  $("options").addEventListener("submit", (e) => e.preventDefault());
  $("options").addEventListener("input", onOption);
  $("options").addEventListener("change", onOption);
  for (const r of document.querySelectorAll("input[name=zoom]")) {
    r.addEventListener("change", () => { state.zoom = r.value; redraw(); });
  }
  $("share").addEventListener("click", share);
  $("print").addEventListener("click", printPDF);
  $("download").addEventListener("click", (e) => { if (!state.pdf) e.preventDefault(); });
  // files dropped anywhere on the page
  document.addEventListener("dragover", (e) => { e.preventDefault(); document.body.classList.add("dragging"); });
  document.addEventListener("dragleave", (e) => { if (!e.relatedTarget) document.body.classList.remove("dragging"); });
  document.addEventListener("drop", async (e) => {
    e.preventDefault();
    document.body.classList.remove("dragging");
    const f = e.dataTransfer.files[0];
    if (f) loadText(await f.text(), f.name);
    else if (e.dataTransfer.getData("text/plain")) loadText(e.dataTransfer.getData("text/plain"), "dropped");
  });
  let resizeTimer;
  window.addEventListener("resize", () => {
    if (state.zoom !== "fit" || !state.doc) return;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(redraw, 150);
  });
}

let optionTimer;
function onOption(e) {
  const el = e.target;
  if (el.id === "profile") {
    state.profile = el.value;
  } else if (OPTION_NAMES.includes(el.name)) {
    if (el.type === "number" && !el.checkValidity()) return;
    if (el.value === "") delete state.opts[el.name];
    else state.opts[el.name] = el.value;
  } else {
    return;
  }
  // number fields: wait for the keystroke to end; menus: at once
  clearTimeout(optionTimer);
  if (el.type === "number" && e.type === "input") optionTimer = setTimeout(rerender, 120);
  else if (e.type === "change" || el.tagName === "SELECT") rerender();
}

function setControls() {
  for (const n of OPTION_NAMES) {
    const el = $(n);
    if (el) el.value = state.opts[n] ?? "";
  }
  $("profile").value = state.profile;
  $("format").value = state.format;
}

// ---------- loading ----------

async function loadSource(ref) {
  setStatus("Fetching the article from the CMS…");
  let res;
  try {
    res = await fetch("/desk/api/source?ref=" + encodeURIComponent(ref), { credentials: "same-origin" });
  } catch (e) {
    return setStatus(`The article could not be fetched: ${e.message}`, true);
  }
  const text = await res.text();
  if (!res.ok) {
    showProblem(res.status, text);
    return setStatus(`The article source answered ${res.status}.`, true);
  }
  const id = res.headers.get("X-Printd-Article-Id") || ref;
  state.source = { id };
  $("ref").value = id;
  accept(text, `#${id}`);
}

function loadText(text, label) {
  if (!text || !text.trim()) return setStatus("Nothing to load: the JSON is empty.", true);
  state.source = null;
  accept(text, label);
}

function accept(text, label) {
  state.text = text;
  state.title = articleTitle(text) || label;
  $("article-title").textContent = state.title;
  remember();
  updateProfileControl();
  rerender();
}

function articleTitle(text) {
  try {
    let j = JSON.parse(text);
    if (Array.isArray(j)) j = j[0];
    const t = j.headline ?? j.title ?? j.headlines?.basic ?? j.name;
    if (typeof t === "string") return t;
    if (t && typeof t.rendered === "string") return new DOMParser().parseFromString(t.rendered, "text/html").body.textContent;
  } catch { /* the server says what is wrong with it */ }
  return "";
}

// isPrintd reports whether the text is printd's own JSON, whose
// "publication" field chooses the profile.
function isPrintd(text) {
  if (state.format !== "auto" && state.format !== "printd") return false;
  try {
    const j = JSON.parse(text);
    return j && typeof j === "object" && !Array.isArray(j) && "headline" in j && "body" in j && !("headlines" in j) && !("content_elements" in j);
  } catch { return false; }
}

function updateProfileControl() {
  const ok = state.text != null && isPrintd(state.text);
  $("profile").disabled = !ok;
  $("profile-note").hidden = ok || state.text == null;
}

// body is what is posted: the article, with the chosen profile.
function body() {
  if (!state.profile || !isPrintd(state.text)) return state.text;
  const j = JSON.parse(state.text);
  j.publication = state.profile;
  return JSON.stringify(j);
}

function query() {
  const q = new URLSearchParams();
  for (const n of OPTION_NAMES) if (state.opts[n] != null && state.opts[n] !== "") q.set(n, state.opts[n]);
  if (state.format !== "auto") q.set("format", state.format);
  return q;
}

// ---------- rendering ----------

async function rerender() {
  const seq = state.seq + 1; // the render's number (render counts it)
  try {
    await render();
  } catch (e) {
    // a newer change aborted or cancelled this render; anything else is shown
    if (e.name !== "AbortError" && seq === state.seq) setStatus(`Not rendered: ${e.message}`, true);
  }
}

// redraw draws the pages again (zoom, window size) without a request.
function redraw() {
  if (!state.doc) return;
  const seq = state.seq;
  drawPages(state.doc, seq).catch((e) => {
    if (seq === state.seq) setStatus(`The pages could not be drawn: ${e.message}`, true);
  });
}

async function render() {
  if (state.text == null) return;
  updateURL();
  const seq = ++state.seq;
  state.abort?.abort();
  const ac = new AbortController();
  state.abort = ac;
  const q = query().toString();
  const init = { method: "POST", body: body(), headers: { "Content-Type": "application/json" }, signal: ac.signal, credentials: "same-origin" };
  $("preview").classList.add("busy");
  setStatus("Rendering…");
  const t0 = performance.now();
  const [pdfRes, pfRes] = await Promise.all([fetch("/v1/pdf?" + q, init), fetch("/v1/preflight?" + q, init)]);
  if (!pdfRes.ok) {
    const text = await pdfRes.text();
    if (seq !== state.seq) return;
    clearPDF();
    clearPages("The article could not be rendered: see the preflight.");
    showProblem(pdfRes.status, text);
    $("preview").classList.remove("busy");
    return setStatus(`Not rendered: HTTP ${pdfRes.status}.`, true);
  }
  const bytes = new Uint8Array(await pdfRes.arrayBuffer());
  const report = pfRes.ok ? await pfRes.json() : null;
  const serverMs = performance.now() - t0;
  if (seq !== state.seq) return;
  setPDF(bytes, pdfRes.headers.get("Content-Disposition"));
  state.report = report;
  showReport(report, pdfRes.headers.get("X-Printd-Warnings"));
  const t1 = performance.now();
  worker ??= new pdfjs.PDFWorker();
  const doc = await pdfjs.getDocument({ data: bytes.slice(), worker, wasmUrl, isEvalSupported: false }).promise;
  if (seq !== state.seq) { doc.destroy(); return; }
  state.doc?.destroy();
  state.doc = doc;
  await drawPages(doc, seq);
  if (seq !== state.seq) return;
  $("preview").classList.remove("busy");
  document.body.dataset.rendered = Date.now(); // when the last render was shown
  const pages = doc.numPages;
  setStatus(`${pages} ${pages === 1 ? "page" : "pages"} · rendered in ${Math.round(serverMs)} ms · drawn in ${Math.round(performance.now() - t1)} ms`);
}

// scaleFor is the CSS pixels per point for a page of the given width.
function scaleFor(widthPt) {
  if (state.zoom === "fit") {
    const room = $("preview").clientWidth - 48;
    return Math.max(0.3, Math.min(CSS_PX_PER_PT, room / widthPt));
  }
  return CSS_PX_PER_PT * Number(state.zoom);
}

async function drawPages(doc, seq) {
  const dpr = window.devicePixelRatio || 1;
  const frag = document.createDocumentFragment();
  const jobs = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    if (seq !== state.seq) return;
    const base = page.getViewport({ scale: 1 });
    const scale = scaleFor(base.width);
    const vp = page.getViewport({ scale: scale * dpr });
    const wrap = document.createElement("div");
    wrap.className = "page";
    wrap.dataset.page = n;
    wrap.dataset.scale = scale;
    wrap.style.width = `${base.width * scale}px`;
    wrap.style.height = `${base.height * scale}px`;
    const label = document.createElement("span");
    label.className = "label";
    label.textContent = `Page ${n} of ${doc.numPages}`;
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(vp.width);
    canvas.height = Math.round(vp.height);
    canvas.style.width = wrap.style.width;
    canvas.style.height = wrap.style.height;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", `Page ${n} of ${doc.numPages}`);
    wrap.append(label, canvas);
    addSheetBoxes(wrap, n, scale);
    frag.append(wrap);
    jobs.push(page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport: vp }).promise);
  }
  await Promise.all(jobs);
  if (seq !== state.seq) return;
  const pages = $("preview");
  pages.replaceChildren(frag);
  if (state.selected != null) highlight(state.selected, false);
}

// addSheetBoxes outlines the trim and the bleed when the page has more
// than its trim (the proof preset).
function addSheetBoxes(wrap, n, scale) {
  const sheet = state.report?.sheets?.[n - 1];
  if (!sheet) return;
  const t = sheet.trim;
  if (t.x === 0 && t.y === 0 && t.w === sheet.width && t.h === sheet.height) return;
  wrap.append(boxDiv("box trim-box", t, scale, "trim"), boxDiv("box bleed-box", sheet.bleed, scale, "bleed"));
}

function boxDiv(cls, b, scale, title) {
  const d = document.createElement("div");
  d.className = cls;
  d.title = title;
  Object.assign(d.style, { left: `${b.x * scale}px`, top: `${b.y * scale}px`, width: `${b.w * scale}px`, height: `${b.h * scale}px` });
  return d;
}

function clearPages(msg) {
  state.doc?.destroy();
  state.doc = null;
  const p = document.createElement("p");
  p.className = "empty";
  p.textContent = msg;
  $("preview").replaceChildren(p);
}

function setPDF(bytes, disposition) {
  clearPDF();
  const name = /filename="([^"]+)"/.exec(disposition || "")?.[1] || "article.pdf";
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
  state.pdf = { bytes, url, name };
  const a = $("download");
  a.href = url;
  a.download = name;
  a.setAttribute("aria-disabled", "false");
  $("print").disabled = false;
  $("share").disabled = false;
}

function clearPDF() {
  if (state.pdf) URL.revokeObjectURL(state.pdf.url);
  state.pdf = null;
  const a = $("download");
  a.href = "#";
  a.setAttribute("aria-disabled", "true");
  $("print").disabled = true;
}

// ---------- preflight ----------

// items lists the report's findings, worst first, each with its place.
function items(report, warningsHeader) {
  const out = [];
  if (report.overset) {
    out.push({ level: "error", what: "Overset: the article does not fit the pages asked for", where: `pages=${report.pages}`, place: report.overset_at });
  }
  for (const im of report.images) {
    out.push({
      level: im.level,
      what: `${im.where === "photo" ? "Lead photo" : im.where === "masthead.logo" ? "Logo" : "Image"}: ${im.effective_ppi} ppi`,
      where: `${im.src} · ${im.pixels[0]}×${im.pixels[1]} px at ${im.printed_mm[0]}×${im.printed_mm[1]} mm · ${im.where}${im.note ? " · " + im.note : ""}`,
      place: { page: im.page, box: im.box },
    });
  }
  for (const m of report.missing_glyphs) {
    out.push({ level: "warning", what: `Missing glyph “${m.char}” ${m.code}`, where: m.where, place: m.box ? { page: m.page, box: m.box } : null });
  }
  // what layout did that loses nothing: copyfit's changes, short column feet
  for (const n of report.layout || []) out.push({ level: "info", what: "Layout", where: n, place: null });
  for (const w of report.warnings) out.push({ level: "warning", what: "Warning", where: w, place: null });
  if (!report.warnings.length && warningsHeader) {
    for (const w of warningsHeader.split("; ")) out.push({ level: "warning", what: "Warning", where: w, place: null });
  }
  const rank = { error: 0, warning: 1, info: 2, ok: 3 };
  return out.sort((a, b) => rank[a.level] - rank[b.level]);
}

function showReport(report, warningsHeader) {
  const list = $("pf-list");
  list.replaceChildren();
  state.selected = null;
  state.items = [];
  const badge = $("pf-status");
  if (!report) {
    badge.className = "badge";
    badge.textContent = "";
    return;
  }
  badge.className = `badge ${report.status}`;
  badge.textContent = report.status;
  state.items = items(report, warningsHeader);
  state.items.forEach((it, i) => list.append(itemElement(it, i)));
  if (!state.items.length) {
    const li = document.createElement("li");
    li.append(itemBody({ level: "ok", what: "Nothing to fix", where: `${report.pages} page(s), ${report.paper}, ${report.preset}` }, "div"));
    list.append(li);
  }
  const fonts = $("pf-fonts").querySelector("ul");
  fonts.replaceChildren(...report.fonts.map((f) => Object.assign(document.createElement("li"), { textContent: f })));
  if (report.sheets?.some((s) => s.trim.w !== s.width)) {
    const li = document.createElement("li");
    li.innerHTML = '<p class="legend">Outlined on the pages: <span class="trim">- - trim</span> · <span class="bleed">··· bleed</span>; the slug runs outside the trim.</p>';
    list.append(li);
  }
}

function itemElement(it, i) {
  const li = document.createElement("li");
  const el = itemBody(it, it.place ? "button" : "div");
  if (it.place) {
    el.type = "button";
    el.setAttribute("aria-pressed", "false");
    el.title = `Show it on page ${it.place.page}`;
    el.addEventListener("click", () => highlight(i, true));
    it.el = el;
  }
  li.append(el);
  return li;
}

function itemBody(it, tag) {
  const el = document.createElement(tag);
  el.className = `pf-item ${it.level}`;
  const what = document.createElement("span");
  what.className = "what";
  what.textContent = it.what;
  const where = document.createElement("span");
  where.className = "where";
  where.textContent = it.where + (it.place ? ` · page ${it.place.page}` : "");
  const sr = document.createElement("span");
  sr.className = "visually-hidden";
  sr.textContent = `${it.level}: `;
  el.append(sr, what, where);
  return el;
}

// highlight boxes item i's place on its page and scrolls it into view.
function highlight(i, scroll) {
  state.selected = i;
  for (const b of document.querySelectorAll(".pf-item[aria-pressed]")) b.setAttribute("aria-pressed", "false");
  state.items[i]?.el?.setAttribute("aria-pressed", "true");
  for (const h of document.querySelectorAll(".page .highlight")) h.remove();
  const it = state.items[i];
  const wrap = document.querySelector(`.page[data-page="${it?.place?.page}"]`);
  if (!wrap) return;
  const box = boxDiv(`box highlight ${it.level}`, it.place.box, Number(wrap.dataset.scale), it.what);
  wrap.append(box);
  if (scroll) box.scrollIntoView({ block: "center", inline: "center", behavior: "smooth" });
}

function showProblem(status, text) {
  let p;
  try { p = JSON.parse(text); } catch { p = { title: `HTTP ${status}`, detail: text }; }
  const list = $("pf-list");
  list.replaceChildren();
  state.items = [];
  $("pf-status").className = "badge error";
  $("pf-status").textContent = "error";
  const rows = [{ level: "error", what: p.title || `HTTP ${status}`, where: p.detail || "" }];
  for (const e of p.errors || []) rows.push({ level: "error", what: e.path, where: e.message });
  for (const r of rows) {
    const li = document.createElement("li");
    li.append(itemBody(r, "div"));
    list.append(li);
  }
}

// ---------- actions ----------

function printPDF() {
  if (!state.pdf) return;
  const f = $("print-frame");
  f.onload = () => {
    try {
      f.contentWindow.focus();
      f.contentWindow.print();
    } catch {
      window.open(state.pdf.url, "_blank", "noopener");
    }
  };
  f.src = state.pdf.url;
}

// shareURL restores the article and the options: an article from the
// source by its id, a pasted one compressed into the fragment (which never
// reaches the server).
async function shareURL() {
  const q = query();
  if (state.profile) q.set("profile", state.profile);
  if (state.source) q.set("id", state.source.id);
  const u = new URL("/desk", location.href);
  u.search = q.toString();
  if (!state.source && state.text != null) u.hash = "doc=" + await pack(state.text);
  return u.href;
}

async function updateURL() {
  try {
    history.replaceState(null, "", await shareURL());
  } catch { /* a too-long URL: the copy button still works */ }
}

async function share() {
  const url = await shareURL();
  try {
    await navigator.clipboard.writeText(url);
    setStatus("Link copied: it opens this article with these options.");
  } catch {
    window.prompt("Copy this link:", url);
  }
}

async function restoreFromURL() {
  const q = new URLSearchParams(location.search);
  for (const n of OPTION_NAMES) if (q.has(n)) state.opts[n] = q.get(n);
  state.format = q.get("format") || "auto";
  state.profile = q.get("profile") || "";
  setControls();
  const doc = new URLSearchParams(location.hash.slice(1)).get("doc");
  if (q.get("id") && state.config.article_source) {
    $("ref").value = q.get("id");
    await loadSource(q.get("id"));
  } else if (doc) {
    try {
      loadText(await unpack(doc), "shared");
    } catch {
      setStatus("The link's article could not be read.", true);
    }
  }
}

async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

async function unpack(b64) {
  const bin = atob(b64.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return await new Response(stream).text();
}

// ---------- recent ----------

function recentList() {
  try { return JSON.parse(localStorage.getItem(RECENT_KEY)) || []; } catch { return []; }
}

function remember() {
  const entry = state.source ? { id: state.source.id, title: state.title } : { text: state.text, title: state.title };
  const list = recentList().filter((e) => (entry.id ? e.id !== entry.id : e.text !== entry.text));
  list.unshift({ ...entry, format: state.format, at: Date.now() });
  for (let n = Math.min(list.length, RECENT_MAX); n > 0; n--) {
    try {
      localStorage.setItem(RECENT_KEY, JSON.stringify(list.slice(0, n)));
      break;
    } catch { /* storage full: keep fewer */ }
  }
  renderRecent();
}

function renderRecent() {
  const sel = $("recent");
  const list = recentList();
  sel.replaceChildren(new Option(list.length ? `${list.length} recent` : "none yet", ""));
  list.forEach((e, i) => sel.append(new Option(`${e.id ? "#" + e.id + " " : ""}${e.title}`.slice(0, 80), String(i))));
}

function openRecent() {
  const e = recentList()[Number($("recent").value)];
  if (!e || $("recent").value === "") return;
  state.format = e.format || "auto";
  $("format").value = state.format;
  if (e.id) loadSource(e.id);
  else loadText(e.text, e.title);
}

function setStatus(msg, bad = false) {
  const s = $("status");
  s.textContent = msg;
  s.classList.toggle("bad", bad);
}
