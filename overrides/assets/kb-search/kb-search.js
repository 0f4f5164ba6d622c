// The knowledge base's search box: Pagefind's JS API with our own small, bilingual UI.
// - One Pagefind index per language (from <html lang>); this page's language by default, both on request.
// - Welsh mutations: a typed word is also looked up by its radicals (mutations.js, same rules as the
//   indexer, which added each Welsh page's radicals as hidden low-weight text), so `gymuned` finds
//   pages with `cymuned`, `nghymuned` or `chymuned`. Results with the typed form come first and the
//   highlight is on the word as the page writes it.
// - Facets from <meta data-pagefind-filter> (kb/built/search_index.py), keyboard use throughout.
// Plain ES module, no build step. Every string comes from the page (data/ui/search.yml).

import { createMutations } from "./mutations.js";

const PAGE_SIZE = 10;
const MAX_VARIANTS = 12; // queries per language for one search (combinations of radicals)
const EXCERPT_WORDS = 30;
const WORD = /[\p{L}\p{M}]+/gu;

const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : `{${k}}`));

// -- query expansion (pure; also used by bench/search_bench.py) ------------------------------
// Every query to run for `query`: the words as typed first, then each word replaced by its radicals.
export function variants(query, radicals) {
  const words = query.match(WORD) || [];
  if (!words.length) return [];
  let combos = [[]];
  for (const word of words) {
    const options = [...new Set([word.toLowerCase(), ...radicals(word.toLowerCase())])];
    combos = combos.flatMap((c) => options.map((o) => [...c, o])).slice(0, MAX_VARIANTS);
  }
  return combos.map((c) => c.join(" "));
}

// Does `word` (as written on a page) answer one of the typed words? Same radical, or a prefix of it.
export function matcher(query, radicals) {
  const typed = (query.match(WORD) || []).map((w) => fold(w));
  const wanted = new Set(typed.flatMap((w) => [w, ...radicals(w).map(fold)]));
  const keys = [...wanted];
  return (word) => {
    const f = fold(word);
    if (keys.some((k) => f.startsWith(k))) return true;
    return radicals(f).some((r) => keys.some((k) => fold(r).startsWith(k)));
  };
}

// Run the searches for `query` on each Pagefind instance, merge, and keep the order:
// this language before the other, the typed words before their radicals, then Pagefind's score.
export async function searchAll(instances, query, filters, radicals) {
  const merged = [];
  const seen = new Set();
  for (const inst of instances) {
    const queries = query ? (inst.welsh ? variants(query, radicals) : [query]) : [null];
    const translated = inst.translateFilters(filters);
    const runs = await Promise.all(queries.map((q) => inst.pagefind.search(q, { filters: translated })));
    runs.forEach((run, i) => {
      for (const result of run?.results || []) {
        const key = `${inst.lang}:${result.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        merged.push({ result, inst, literal: i === 0 });
      }
    });
  }
  return merged;
}

// The visible text of a result: the indexer appended `kbextra` hidden radicals at the end.
export function visibleContent(data) {
  const extra = Number(data.meta?.kbextra || 0);
  if (!extra) return data.content || "";
  const tokens = (data.content || "").trimEnd().replace(/\.$/, "").split(/\s+/);
  return tokens.slice(0, Math.max(0, tokens.length - extra)).join(" ");
}

// Up to EXCERPT_WORDS words around the first match, as [text, isMatch] pieces.
export function excerpt(content, isMatch) {
  const parts = content.split(/(\s+)/);
  const wordAt = (i) => (parts[i].match(WORD) || []).some(isMatch);
  let first = parts.findIndex((p, i) => i % 2 === 0 && wordAt(i));
  if (first < 0) return null;
  const start = Math.max(0, first - EXCERPT_WORDS);
  const end = Math.min(parts.length, first + EXCERPT_WORDS * 2);
  const pieces = [];
  if (start > 0) pieces.push(["… ", false]);
  for (let i = start - (start % 2); i < end; i++) {
    if (i % 2) { pieces.push([parts[i], false]); continue; }
    // Highlight only the word inside punctuation ("(gymuned)," -> "gymuned").
    let last = 0;
    for (const m of parts[i].matchAll(WORD)) {
      if (!isMatch(m[0])) continue;
      pieces.push([parts[i].slice(last, m.index), false], [m[0], true]);
      last = m.index + m[0].length;
    }
    pieces.push([parts[i].slice(last), false]);
  }
  if (end < parts.length) pieces.push([" …", false]);
  return pieces.filter(([t]) => t);
}

// -- Pagefind instances -------------------------------------------------------------------
// One Pagefind per language, each in its own copy of pagefind.js (a distinct module URL): its
// WebAssembly glue is module-wide, so two languages' wasm files in one copy corrupt each other.
// Pagefind chooses its language index from <html lang> when an instance is created, so the
// attribute briefly names the wanted language.
async function createInstance(bundleUrl, lang, ownLang, baseUrl) {
  const url = lang === ownLang ? bundleUrl : `${bundleUrl}?lang=${encodeURIComponent(lang)}`;
  const pagefindModule = await import(url);
  const html = document.documentElement;
  const own = html.getAttribute("lang");
  html.setAttribute("lang", lang);
  try {
    // noWorker: a first search would also fetch pagefind-worker.js (40 KB, a second copy of the
    // engine); our searches are small enough for the page's own thread (bench/search_bench.py).
    return pagefindModule.createInstance({ baseUrl, excerptLength: EXCERPT_WORDS, noWorker: true });
  } finally {
    html.setAttribute("lang", own);
  }
}

// A ticked facet label in the page's language, carried to another language's index.
function filterTranslator(facets, from, to) {
  return (filters) => {
    if (from === to) return filters;
    const out = {};
    for (const [key, spec] of Object.entries(filters)) {
      const terms = facets[key]?.terms || [];
      out[key] = { any: spec.any.map((v) => terms.find((t) => t[from] === v)?.[to] ?? v) };
    }
    return out;
  };
}

// -- the UI -------------------------------------------------------------------------------
class SearchBox {
  constructor(root) {
    this.root = root;
    this.lang = root.dataset.lang;
    this.langs = root.dataset.langs.split(" ").filter(Boolean);
    this.strings = JSON.parse(root.querySelector("[data-kb-search-strings]").textContent);
    this.input = root.querySelector("input[type=search]");
    this.form = root.querySelector("form");
    this.panel = root.querySelector(".kb-search__panel");
    this.status = root.querySelector("[data-kb-search-status]");
    this.formsNote = root.querySelector("[data-kb-search-forms]");
    this.list = root.querySelector("[data-kb-search-results]");
    this.more = root.querySelector("[data-kb-search-more]");
    this.both = root.querySelector("[data-kb-search-both]");
    this.facetBox = root.querySelector("[data-kb-search-facets]");
    this.facetGroups = root.querySelector("[data-kb-search-facet-groups]");
    this.ready = null;
    this.generation = 0;
    this.results = [];
    this.shown = 0;
    this.bind();
  }

  load() {
    this.ready ??= (async () => {
      const data = await fetch(this.root.dataset.data).then((r) => {
        if (!r.ok) throw new Error(`${r.url}: ${r.status}`);
        return r.json();
      });
      this.facets = data.facets || {};
      this.mutations = createMutations(data.mutations);
      this.instances = {};
      await this.instance(this.lang);
      await this.renderFacets();
    })();
    return this.ready;
  }

  // The Pagefind instance for `lang`, loaded the first time it is needed.
  instance(lang) {
    this.instances[lang] ??= (async () => ({
      lang,
      welsh: lang === "cy",
      pagefind: await createInstance(
        new URL(this.root.dataset.bundle, document.baseURI).href,
        lang,
        this.lang,
        new URL(this.root.dataset.root, document.baseURI).pathname,
      ),
      translateFilters: filterTranslator(this.facets, this.lang, lang),
    }))();
    return this.instances[lang];
  }

  bind() {
    this.form.addEventListener("submit", (e) => { e.preventDefault(); this.search(); });
    let timer;
    this.input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => this.search(), 150); });
    this.input.addEventListener("focus", () => { this.load().catch((e) => this.fail(e)); if (this.hasQuery()) this.open(); });
    this.both.addEventListener("change", () => this.search());
    this.more.addEventListener("click", () => this.showMore(true));
    this.root.addEventListener("keydown", (e) => this.onKey(e));
    this.root.addEventListener("focusout", (e) => { if (!this.root.contains(e.relatedTarget)) this.close(); });
    document.addEventListener("click", (e) => { if (!this.root.contains(e.target)) this.close(); });
    // "/" jumps to the search box from anywhere on the page (Material's own shortcut is for its plugin).
    window.addEventListener("keydown", (e) => {
      const t = e.target;
      const typing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        e.stopImmediatePropagation();
        this.input.focus();
      }
    }, true);
  }

  hasQuery() {
    return this.input.value.trim() !== "" || Object.keys(this.selectedFilters()).length > 0;
  }

  // No aria-expanded on the input: ARIA allows it on a combobox, not on a plain searchbox (axe
  // aria-allowed-attr). The panel is not a combobox popup: arrow keys move real focus onto the result
  // links, and it also holds check boxes and a button, which a listbox's options may not contain.
  // Screen readers hear the result count from the live status line instead.
  open() { this.panel.hidden = false; }
  close() { this.panel.hidden = true; }

  links() { return [...this.list.querySelectorAll("a.kb-search__link")]; }

  onKey(e) {
    const links = this.links();
    const at = links.indexOf(document.activeElement);
    if (e.key === "Escape") {
      e.preventDefault();
      if (!this.panel.hidden) this.close();
      else this.input.value = "";
      this.input.focus();
    } else if (e.key === "ArrowDown" && (e.target === this.input || at >= 0)) {
      e.preventDefault();
      if (this.panel.hidden && this.hasQuery()) this.open();
      links[Math.min(at + 1, links.length - 1)]?.focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      (at === 0 ? this.input : links[at - 1]).focus();
    } else if ((e.key === "Home" || e.key === "End") && at >= 0) {
      e.preventDefault();
      links[e.key === "Home" ? 0 : links.length - 1].focus();
    }
  }

  selectedFilters() {
    const filters = {};
    for (const box of this.facetGroups.querySelectorAll("input[type=checkbox]:checked")) {
      (filters[box.dataset.key] ??= { any: [] }).any.push(box.value);
    }
    return filters;
  }

  async renderFacets() {
    const own = await this.instance(this.lang);
    const available = (await own.pagefind.filters()) || {};
    const keys = Object.keys(this.facets).filter((k) => Object.keys(available[k] || {}).length);
    this.facetGroups.replaceChildren();
    for (const key of keys) {
      const fieldset = document.createElement("fieldset");
      fieldset.className = "kb-search__facet";
      const legend = document.createElement("legend");
      legend.textContent = this.facets[key].label[this.lang] || key;
      fieldset.append(legend);
      const values = Object.keys(available[key]).sort((a, b) => a.localeCompare(b, this.lang));
      for (const value of values) {
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.value = value;
        box.dataset.key = key;
        box.addEventListener("change", () => this.search());
        label.append(box, ` ${value}`);
        fieldset.append(label);
      }
      this.facetGroups.append(fieldset);
    }
    this.facetBox.hidden = keys.length === 0;
  }

  fail(error) {
    console.error("kb-search:", error);
    this.open();
    this.status.textContent = this.strings.unavailable;
  }

  async search() {
    const generation = ++this.generation;
    const query = this.input.value.trim();
    const filters = this.selectedFilters();
    if (!query && !Object.keys(filters).length) {
      this.list.replaceChildren();
      this.status.textContent = "";
      this.formsNote.hidden = true;
      this.more.hidden = true;
      if (!query) this.close();
      return;
    }
    this.open();
    this.status.textContent = this.strings.searching;
    try {
      await this.load();
    } catch (error) {
      return this.fail(error);
    }
    let instances;
    try {
      const langs = this.both.checked ? [this.lang, ...this.langs.filter((l) => l !== this.lang)] : [this.lang];
      instances = await Promise.all(langs.map((l) => this.instance(l)));
    } catch (error) {
      return this.fail(error);
    }
    if (generation !== this.generation) return;
    const radicals = this.mutations.radicals;
    const merged = await searchAll(instances, query, filters, radicals);
    if (generation !== this.generation) return; // a newer search has started
    this.results = merged;
    this.isMatch = matcher(query, radicals);
    this.typed = new Set((query.match(WORD) || []).map(fold));
    this.shown = 0;
    this.list.replaceChildren();
    this.renderFormsNote(query, instances);
    const n = merged.length;
    this.status.textContent = n === 0
      ? fill(this.strings.none, { query })
      : n === 1 ? this.strings.one : fill(this.strings.many, { count: String(n) });
    await this.showMore(false);
    // For tests and assistive tooling: which search the list now shows.
    if (generation === this.generation) this.root.dataset.done = String(generation);
  }

  renderFormsNote(query, instances) {
    const words = query.match(WORD) || [];
    const { radicals, forms } = this.mutations;
    const typed = new Set(words.map((w) => w.toLowerCase()));
    const others = new Set();
    if (instances.some((i) => i.welsh)) {
      for (const w of words) {
        // 'gymuned' may be a radical itself, but its own forms ('ymuned') only add noise here.
        const all = radicals(w.toLowerCase());
        const rest = all.filter((r) => r !== w.toLowerCase());
        for (const r of rest.length ? rest : all) for (const f of forms(r)) if (!typed.has(f)) others.add(f);
      }
    }
    this.formsNote.hidden = others.size === 0;
    this.formsNote.textContent = others.size ? fill(this.strings.also_forms, { forms: [...others].join(", ") }) : "";
  }

  async showMore(focusFirstNew) {
    const generation = this.generation;
    const batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    const loaded = await Promise.all(batch.map(async (r) => ({ ...r, data: await r.result.data() })));
    if (generation !== this.generation) return;
    // The typed form first: pages that contain the word as typed, then those found by another form.
    const hasTyped = (item) => (visibleContent(item.data).match(WORD) || []).some((w) => this.typed.has(fold(w)));
    loaded.sort((a, b) => (b.literal && hasTyped(b)) - (a.literal && hasTyped(a)));
    const items = loaded.map((item) => this.renderResult(item));
    this.list.append(...items);
    this.shown += batch.length;
    this.more.hidden = this.shown >= this.results.length;
    if (focusFirstNew) items[0]?.querySelector("a")?.focus();
  }

  renderResult({ data, inst }) {
    const li = document.createElement("li");
    li.className = "kb-search__result";
    li.lang = inst.lang;
    const a = document.createElement("a");
    a.className = "kb-search__link";
    a.href = data.url;
    const title = document.createElement("span");
    title.className = "kb-search__title";
    title.textContent = data.meta?.title || data.url;
    a.append(title);
    if (inst.lang !== this.lang) {
      const badge = document.createElement("span");
      badge.className = "kb-search__badge";
      badge.textContent = this.strings[`in_${inst.lang}`] || inst.lang;
      badge.lang = this.lang;
      a.append(" ", badge);
    }
    const p = document.createElement("p");
    p.className = "kb-search__excerpt";
    const pieces = excerpt(visibleContent(data), this.isMatch) || pagefindExcerpt(data.excerpt || "");
    for (const [text, isMatch] of pieces) {
      if (isMatch) {
        const mark = document.createElement("mark");
        mark.textContent = text;
        p.append(mark);
      } else p.append(text);
    }
    a.append(p);
    li.append(a);
    return li;
  }
}

// Pagefind's own excerpt (HTML with <mark>) as pieces, without trusting it as HTML.
function pagefindExcerpt(html) {
  const decode = (s) => new DOMParser().parseFromString(`<p>${s}</p>`, "text/html").body.textContent;
  return html.split(/(<mark>.*?<\/mark>)/).map((part) => {
    const m = part.match(/^<mark>(.*)<\/mark>$/);
    return m ? [decode(m[1]), true] : [decode(part), false];
  });
}

if (typeof document !== "undefined") {
  for (const root of document.querySelectorAll("[data-kb-search]")) new SearchBox(root);
}
