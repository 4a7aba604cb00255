// The editors' review page: translate an article through the desk's API, show each
// glossary term's status, let an editor edit and re-check a sentence, and download the
// result.  Plain modern JavaScript, no framework, nothing fetched from another host.
//
// Every piece of text from the server or the article goes into the DOM through
// textContent or a text node, never as markup.
"use strict";

(() => {
  const M = JSON.parse(document.getElementById("messages").textContent);
  const STATUSES = ["enforced", "corrected", "ambiguous", "missing"];
  const SYMBOLS = { enforced: "✓", corrected: "✎", ambiguous: "?", missing: "✗" };
  const REVIEW = new Set(["missing", "ambiguous"]);
  const MAX_FILE = 5 * 1024 * 1024;
  const FORMATS = { txt: "text", text: "text", md: "markdown", markdown: "markdown", html: "html", htm: "html" };

  const $ = (id) => document.getElementById(id);
  const form = $("article-form");
  const text = $("article-text");
  const fileInput = $("article-file");
  const formatSelect = $("article-format");
  const sourceSelect = $("source-lang");
  const targetList = $("target-list");
  const glossaryList = $("glossary-list");
  const statusLine = $("status");
  const errorLine = $("error");
  const results = $("results");
  const translations = $("translations");

  const state = {
    languages: [],   // sources: {code, name, dir, targets}
    names: {},       // every code: {name, dir}
    docName: "article",
    docFormat: "text",
    glossaries: [],
    sourceLang: "en",
    views: new Map(), // target code -> {record, segments, section}
  };

  // -- small helpers ----------------------------------------------------------------

  function fmt(key, values = {}) {
    return (M[key] || key).replace(/\{(\w+)\}/g, (whole, name) =>
      Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole);
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Right-to-left words inside a left-to-right line (or the reverse) between FIRST
  // STRONG ISOLATE and POP DIRECTIONAL ISOLATE, as translate.languages.isolate does, so
  // that "Baku → باکو: enforced" keeps its order.
  const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
  function isolate(value) {
    const text = String(value);
    return RTL.test(text) ? `\u2068${text}\u2069` : text;
  }

  function announce(message) {
    errorLine.textContent = "";
    statusLine.textContent = message;
  }

  function fail(message) {
    statusLine.textContent = "";
    errorLine.textContent = message;
  }

  function nameOf(code) {
    const known = state.names[code];
    return known ? `${known.name} (${code})` : code;
  }

  function dirOf(code) {
    const known = state.names[code];
    return known ? known.dir : "auto";
  }

  async function call(method, path, body) {
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new Error(fmt("network_failed", { error: err.message }));
    }
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const data = await response.json();
        if (data && typeof data.error === "string") detail = data.error;
      } catch (err) { /* not JSON: the status text says enough */ }
      throw new Error(fmt("request_failed", { status: response.status, error: detail }));
    }
    return response;
  }

  // -- the form ---------------------------------------------------------------------

  async function loadSettings() {
    announce(M.loading);
    const data = await (await call("GET", "/review/settings")).json();
    state.languages = data.languages;
    state.names = data.names || {};
    for (const lang of data.languages) state.names[lang.code] = state.names[lang.code] || lang;
    sourceSelect.replaceChildren();
    for (const lang of data.languages) {
      if (!lang.targets.length) continue;
      sourceSelect.append(el("option", { value: lang.code, text: nameOf(lang.code) }));
    }
    if ([...sourceSelect.options].some((o) => o.value === "en")) sourceSelect.value = "en";
    drawTargets();
    glossaryList.replaceChildren();
    if (!data.glossaries.length) glossaryList.append(el("p", { text: M.no_glossaries }));
    const defaults = data.default_glossaries && data.default_glossaries.length
      ? new Set(data.default_glossaries) : new Set(data.glossaries);
    data.glossaries.forEach((name, i) => {
      const id = `glossary-${i}`;
      glossaryList.append(el("div", { className: "choice" },
        el("input", { type: "checkbox", id, value: name, name: "glossary", checked: defaults.has(name) }),
        el("label", { for: id, text: name })));
    });
    $("api-key-field").hidden = !data.key_required;
    announce(M.ready);
  }

  // The API key, when the server asks for one, goes with every call to the API.
  function withKey(payload) {
    const key = $("api-key").value.trim();
    return key ? { ...payload, api_key: key } : payload;
  }

  function drawTargets() {
    const source = state.languages.find((l) => l.code === sourceSelect.value);
    targetList.replaceChildren();
    (source ? source.targets : []).forEach((code, i) => {
      const id = `target-${i}`;
      targetList.append(el("div", { className: "choice" },
        el("input", { type: "checkbox", id, value: code, name: "target" }),
        el("label", { for: id, text: nameOf(code) })));
    });
  }

  function checked(container) {
    return [...container.querySelectorAll("input:checked")].map((box) => box.value);
  }

  async function readFile() {
    const file = fileInput.files[0];
    if (!file) return;
    const ext = (file.name.split(".").pop() || "").toLowerCase();
    const kind = FORMATS[ext];
    if (!kind) { fail(fmt("file_unknown", { name: file.name })); return; }
    if (file.size > MAX_FILE) { fail(fmt("file_too_big", { name: file.name, size: MAX_FILE / 1048576 })); return; }
    text.value = await file.text();
    formatSelect.value = kind;
    state.docName = file.name.replace(/\.[^.]*$/, "").replace(/\.[a-z]{2,3}$/i, "") || "article";
    announce(fmt("file_read", { name: file.name, format: formatSelect.selectedOptions[0].textContent }));
  }

  async function translate(event) {
    event.preventDefault();
    const body = text.value;
    const targets = checked(targetList);
    if (!body.trim()) { fail(M.need_text); text.focus(); return; }
    if (!targets.length) { fail(M.need_target); targetList.querySelector("input")?.focus(); return; }
    state.docFormat = formatSelect.value;
    state.sourceLang = sourceSelect.value;
    state.glossaries = checked(glossaryList);
    const names = targets.map(nameOf).join(", ");
    announce(fmt("translating", { languages: names }));
    $("translate").disabled = true;
    form.setAttribute("aria-busy", "true");
    try {
      const payload = {
        id: state.docName || "article",
        language: state.sourceLang,
        body,
        // plain text goes as Markdown, whose parser keeps its layout; the document
        // download gives back the text with the same breaks
        body_format: state.docFormat === "html" ? "html" : "markdown",
        targets,
        glossaries: state.glossaries,
      };
      const result = await (await call("POST", "/v1/article", withKey(payload))).json();
      showResult(result, targets);
      const pending = [...state.views.values()].reduce((n, v) => n + reviewItems(v).length, 0);
      announce(fmt("translated", { languages: names, review: pending }));
      $("results-heading").focus();
    } catch (err) {
      fail(err.message);
    } finally {
      $("translate").disabled = false;
      form.removeAttribute("aria-busy");
    }
  }

  // -- the translations ---------------------------------------------------------------

  function showResult(result, targets) {
    translations.replaceChildren();
    state.views.clear();
    for (const requested of targets) {
      const record = result.translations[requested]
        || Object.values(result.translations).find((t) => t.target_lang === requested);
      if (!record) continue;
      const code = record.target_lang;
      const view = {
        code,
        record,
        segments: record.segments.map((s) => ({ record: s, terms: s.terms.map((t) => ({ ...t })), problems: [], edited: false })),
        extra: record.review.filter((r) => !REVIEW.has(r.reason)),
      };
      state.views.set(code, view);
      translations.append(drawLanguage(view));
    }
    results.classList.add("shown");
  }

  function reviewItems(view) {
    const items = [];
    view.segments.forEach((seg) => {
      for (const term of seg.terms) {
        if (REVIEW.has(term.status)) items.push({ segment: seg.record.segment, source: term.source, reason: term.status });
      }
      for (const problem of seg.problems) {
        if (problem.kind === "deprecated") items.push({ segment: seg.record.segment, source: problem.found, reason: "deprecated" });
      }
    });
    for (const r of view.extra) items.push({ segment: r.segment, source: r.source || r.note || "", reason: r.reason });
    return items.sort((a, b) => a.segment - b.segment);
  }

  function drawLanguage(view) {
    const code = view.code;
    const headingId = `lang-${code}-heading`;
    const section = el("section", { className: "translation", "aria-labelledby": headingId, "data-lang": code });
    view.section = section;
    section.append(el("h3", { id: headingId, text: nameOf(code) }),
      el("p", { className: "meta" },
        el("span", { className: "badge", "data-role": "lang-status" }),
        " ",
        el("span", { text: fmt("engine", { engine: view.record.engine }) })));
    section.append(el("div", { className: "review", "data-role": "review" }));
    const table = el("table", { className: "bitext" },
      el("caption", { text: fmt("table_caption", { language: nameOf(code) }) }),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col", text: M.col_number }),
        el("th", { scope: "col", text: M.col_source }),
        el("th", { scope: "col", text: M.col_target }),
        el("th", { scope: "col", text: M.col_terms }))));
    const tbody = el("tbody");
    view.segments.forEach((seg) => tbody.append(drawRow(view, seg)));
    table.append(tbody);
    section.append(el("div", { className: "table-wrap" }, table));
    section.append(drawDownload(view));
    updateReview(view);
    return section;
  }

  // Marks for the terms' occurrences in `value`: for each term in order, its next
  // occurrence (any case) that overlaps no earlier mark.
  function marked(value, terms, side) {
    const ranges = [];
    const from = new Map();
    for (const term of terms) {
      const needle = side === "source" ? term.source : term.target;
      // in the translation, only what was placed: a missing term is not there, and an
      // ambiguous one is the engine's rendering, which nobody put in
      if (!needle || (side === "target" && (term.status === "missing" || term.status === "ambiguous"))) continue;
      const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
      pattern.lastIndex = from.get(needle.toLowerCase()) || 0;
      let found;
      while ((found = pattern.exec(value)) !== null) {
        const start = found.index;
        const end = start + found[0].length;
        if (!ranges.some((r) => start < r.end && r.start < end)) {
          ranges.push({ start, end, term });
          from.set(needle.toLowerCase(), end);
          break;
        }
        if (found[0].length === 0) break;
      }
    }
    ranges.sort((a, b) => a.start - b.start);
    const nodes = [];
    let at = 0;
    for (const r of ranges) {
      if (r.start > at) nodes.push(document.createTextNode(value.slice(at, r.start)));
      nodes.push(termMark(value.slice(r.start, r.end), r.term.status));
      at = r.end;
    }
    if (at < value.length) nodes.push(document.createTextNode(value.slice(at)));
    return nodes;
  }

  function termMark(words, status) {
    return el("mark", { className: `term st-${status}`, "data-status": status, title: M[status] },
      words,
      el("span", { className: "sym", "aria-hidden": "true", text: SYMBOLS[status] }),
      el("span", { className: "visually-hidden", text: ` (${M[status]})` }));
  }

  function drawRow(view, seg) {
    const n = seg.record.segment + 1;
    const row = el("tr", { id: `seg-${view.code}-${seg.record.segment}`, "data-segment": seg.record.segment });
    seg.row = row;
    row.append(el("th", { scope: "row", text: String(n) }),
      el("td", { className: "source", lang: state.sourceLang, dir: dirOf(state.sourceLang) },
        ...marked(seg.record.source, seg.terms, "source")));
    const target = el("td", { className: "target", lang: view.code, dir: dirOf(view.code) });
    drawTarget(view, seg, target);
    row.append(target, drawTerms(seg));
    return row;
  }

  function drawTarget(view, seg, cell) {
    const n = seg.record.segment + 1;
    cell.replaceChildren(el("div", { className: "target-text" }, ...marked(seg.record.target, seg.terms, "target")));
    if (seg.edited) cell.append(el("span", { className: "edited", text: M.edited }));
    if (seg.record.translated !== false) {
      cell.append(el("button", {
        type: "button", className: "edit", "data-role": "edit", text: fmt("edit", { segment: n }),
        onclick: () => startEdit(view, seg, cell),
      }));
    }
  }

  function drawTerms(seg) {
    const cell = el("td", { className: "terms" });
    if (!seg.terms.length && !seg.problems.length) {
      cell.append(el("span", { className: "none", text: M.no_terms }));
      return cell;
    }
    const list = el("ul");
    for (const term of seg.terms) {
      list.append(el("li", { className: `st-${term.status}`, "data-status": term.status },
        el("span", { className: "sym", "aria-hidden": "true", text: SYMBOLS[term.status] + " " }),
        fmt("term_line", { source: isolate(term.source), target: isolate(term.target), status: M[term.status] })));
    }
    for (const problem of seg.problems) {
      const key = problem.kind === "deprecated" ? "violation_deprecated" : "violation_missing";
      list.append(el("li", { className: "problem", "data-status": problem.kind },
        el("span", { className: "sym", "aria-hidden": "true", text: "⚠ " }),
        fmt(key, { expected: isolate(problem.expected || ""), source: isolate(problem.source || ""), found: isolate(problem.found || "") })));
    }
    cell.append(list);
    return cell;
  }

  function startEdit(view, seg, cell) {
    const n = seg.record.segment + 1;
    const id = `edit-${view.code}-${seg.record.segment}`;
    const area = el("textarea", { id, rows: 3, lang: view.code, dir: dirOf(view.code) });
    area.value = seg.record.target;
    const finish = () => { drawTarget(view, seg, cell); cell.querySelector("[data-role=edit]")?.focus(); };
    const recheck = el("button", { type: "button", "data-role": "recheck", text: M.recheck,
      onclick: () => recheckSegment(view, seg, cell, area.value) });
    const cancel = el("button", { type: "button", "data-role": "cancel", text: M.cancel, onclick: finish });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Escape") { event.preventDefault(); finish(); }
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); recheck.click(); }
    });
    cell.replaceChildren(
      el("label", { for: id, text: fmt("edit_label", { segment: n, language: nameOf(view.code) }) }),
      area, el("div", { className: "actions" }, recheck, cancel));
    area.focus();
  }

  // Re-check one sentence against the glossaries the translation used (POST /v1/check)
  // and give each term the status the check implies: missing when the check misses its
  // form, corrected when an editor's edit put back a form that was missing.
  async function recheckSegment(view, seg, cell, value) {
    const n = seg.record.segment + 1;
    announce(fmt("checking", { segment: n }));
    let result;
    try {
      result = await (await call("POST", "/v1/check", withKey({
        source: seg.record.source,
        translation: value,
        source_lang: state.sourceLang,
        target_lang: view.code,
        format: state.docFormat === "html" ? "html" : "markdown",
        glossaries: state.glossaries,
      }))).json();
    } catch (err) {
      fail(err.message);
      return;
    }
    const problems = [];
    for (const check of result.checks || []) {
      for (const unit of check.problems || []) problems.push(...(unit.violations || []));
    }
    const missing = new Set(problems.filter((p) => p.kind === "missing").map((p) => p.concept));
    seg.terms = seg.terms.map((term) => {
      if (missing.has(term.id)) return { ...term, status: "missing" };
      if (term.status === "missing") return { ...term, status: "corrected" };
      return term;
    });
    seg.problems = problems.filter((p) => p.kind === "deprecated"
      || (p.kind === "missing" && !seg.terms.some((t) => t.id === p.concept)));
    seg.record = { ...seg.record, target: value, terms: seg.terms.map((t) => ({ ...t })) };
    seg.edited = true;
    const row = drawRow(view, seg);
    cell.closest("tr").replaceWith(row);
    updateReview(view);
    const count = problems.length;
    announce(count ? fmt("check_problems", { segment: n, count }) : fmt("check_clean", { segment: n }));
    row.querySelector("[data-role=edit]")?.focus();
  }

  function updateReview(view) {
    const items = reviewItems(view);
    const box = view.section.querySelector("[data-role=review]");
    const headingId = `review-${view.code}`;
    box.replaceChildren(el("h4", { id: headingId, text: M.review_list }));
    const badge = view.section.querySelector("[data-role=lang-status]");
    badge.textContent = items.length ? M.status_needs_review : M.status_ok;
    badge.className = items.length ? "badge needs-review" : "badge ok";
    if (!items.length) {
      box.append(el("p", { text: M.review_none }));
      return;
    }
    const list = el("ul", { "aria-labelledby": headingId });
    for (const item of items) {
      const reason = M[item.reason] || item.reason;
      list.append(el("li", { className: `st-${item.reason}`, "data-reason": item.reason },
        el("span", { className: "sym", "aria-hidden": "true", text: (SYMBOLS[item.reason] || "⚠") + " " }),
        fmt("review_item", { segment: item.segment + 1, source: isolate(item.source), reason }),
        " ",
        el("button", { type: "button", className: "go", text: fmt("go_to", { segment: item.segment + 1 }),
          onclick: () => goTo(view, item.segment) })));
    }
    box.append(list);
  }

  function goTo(view, segment) {
    const row = document.getElementById(`seg-${view.code}-${segment}`);
    if (!row) return;
    row.scrollIntoView({ block: "center" });
    const button = row.querySelector("[data-role=edit]");
    (button || row).focus();
  }

  // -- downloads ------------------------------------------------------------------------

  function drawDownload(view) {
    const id = `download-${view.code}`;
    const select = el("select", { id },
      el("option", { value: "document", text: M.download_document }),
      el("option", { value: "tmx", text: M.download_tmx }),
      el("option", { value: "xliff", text: M.download_xliff }),
      el("option", { value: "po", text: M.download_po }));
    return el("div", { className: "download" },
      el("label", { for: id, text: fmt("download_format", { language: nameOf(view.code) }) }),
      select,
      el("button", { type: "button", "data-role": "download", text: M.download,
        onclick: () => download(view, select.value) }));
  }

  async function download(view, format) {
    const segments = view.segments.map((seg) => ({ ...seg.record, terms: seg.terms.map((t) => ({ ...t })) }));
    try {
      const response = await call("POST", "/v1/export", withKey({
        format, name: state.docName, document_format: state.docFormat, segments,
      }));
      const disposition = response.headers.get("Content-Disposition") || "";
      const match = /filename="([^"]+)"/.exec(disposition);
      const name = match ? match[1] : `${state.docName}.${view.code}`;
      announce(fmt("downloading", { name }));
      const url = URL.createObjectURL(await response.blob());
      const link = el("a", { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      announce(fmt("downloaded", { name }));
    } catch (err) {
      fail(err.message);
    }
  }

  // -- start ------------------------------------------------------------------------------

  form.addEventListener("submit", translate);
  sourceSelect.addEventListener("change", drawTargets);
  fileInput.addEventListener("change", () => { readFile().catch((err) => fail(err.message)); });
  loadSettings().catch((err) => fail(err.message));
})();
