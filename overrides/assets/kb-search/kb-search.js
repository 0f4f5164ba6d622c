// The knowledge base's search box: Pagefind's JS API with our own small, bilingual UI.
// - One Pagefind index per language (from <html lang>); this page's language by default, both on request.
// - Welsh mutations: a typed word is also looked up by its radicals (mutations.js, same rules as the
//   indexer, which added each Welsh page's radicals as hidden low-weight text), so `gymuned` finds
//   pages with `cymuned`, `nghymuned` or `chymuned`. Results with the typed form come first and the
//   highlight is on the word as the page writes it.
// - Facets from <meta data-pagefind-filter> (kb/built/search_index.py), keyboard use throughout.
// Plain ES module, no build step. Every string comes from the page (data/ui/search.yml).

import { createMutations } from "./mutations.js";
import { createLexicon } from "./lexicon.js";

const PAGE_SIZE = 10;
const MAX_VARIANTS = 12; // queries per language for one search (combinations of radicals)
const EXCERPT_WORDS = 30;
const WORD = /[\p{L}\p{M}]+/gu;

const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : `{${k}}`));

// -- the query (pure; also used by bench/) ---------------------------------------------------
// Words of one or two letters are never searched as a prefix: Pagefind would match every word they
// begin ('a' -> all, and, about). With longer words present they are left out (mostly 'y', 'a', 'i',
// 'of'); a query of short words only is an exact search for them ('tŷ').
const MIN_PREFIX = 3;

// `stop`: words left out when others remain (data/search/stopwords.yml): 'how', 'what', 'sut', 'beth'.
export function queryWords(query, stop = new Set()) {
  const words = (query.match(WORD) || []).map((w) => w.toLowerCase());
  const long = words.filter((w) => [...w].length >= MIN_PREFIX);
  const meaningful = long.filter((w) => !stop.has(w));
  if (meaningful.length) return { words: meaningful, exact: false };
  return long.length ? { words: long, exact: false } : { words, exact: words.length > 0 };
}

// What to look a Welsh word up by: the radicals the vocabulary knows other than the word itself
// (the indexer added each radical to every page with a form of it, so 'cymuned' finds 'gymuned',
// 'nghymuned' and 'chymuned'), else the word as typed.
export function lookups(word, radicals, known) {
  const low = word.toLowerCase();
  const others = radicals(low, known).map((r) => r.toLowerCase()).filter((r) => r !== low);
  return others.length ? [...new Set(others)] : [low];
}

// Every query to run: one word from each word's lookups (combinations, at most MAX_VARIANTS).
export function variants(wordsOptions) {
  if (!wordsOptions.length) return [];
  let combos = [[]];
  for (const options of wordsOptions) {
    combos = combos.flatMap((c) => options.map((o) => [...c, o])).slice(0, MAX_VARIANTS);
  }
  return combos.map((c) => c.join(" "));
}

// Does a word written on a page answer the searched `term`? It begins with the term (Pagefind's
// prefix match), or shares most of it (the same stem: 'communities' for 'community'). Pagefind,
// finding no word that begins with a term, falls back to the longest indexed word the term begins
// with ('allotments' -> 'all', 'ysbyty' -> 'y'); such a match shares only a fragment and is refused.
export function answers(written, term) {
  const t = fold(term);
  const parts = fold(written).match(/\p{L}+/gu) || [];
  return [parts.join(""), ...parts].some((w) => {
    if (w.startsWith(t)) return true;
    let common = 0;
    while (common < Math.min(w.length, t.length) && w[common] === t[common]) common++;
    return common >= Math.max(MIN_PREFIX, t.length - 5);
  });
}

// Is `term` really in this index? Pagefind's best result for it alone must show a word answering it
// (in its text or, for a match in the title or summary, there). Remembered per index and term.
export async function present(inst, term) {
  inst.presence ??= new Map();
  if (!inst.presence.has(term)) {
    inst.presence.set(term, (async () => {
      const run = await inst.pagefind.search(term);
      const top = run?.results?.[0];
      if (!top) return false;
      const data = await top.data();
      const written = (data.content || "").split(/[\r\n\s]+/g);
      const matched = (data.locations || []).map((i) => written[i] || "");
      if (matched.some((w) => answers(w, term))) return true;
      const meta = `${data.meta?.title || ""} ${data.meta?.summary || ""}`.match(WORD) || [];
      return matched.length === 0 && meta.some((w) => answers(w, term));
    })());
  }
  return inst.presence.get(term);
}

// The queries to run on one index for the typed words, or [] when a word is not in it.
// `inst.stop`: that language's stop words. Each typed word's lookups, keeping those really in the index.
export async function wordOptions(inst, query, expand) {
  const { words, exact } = queryWords(query, inst.stop);
  if (!words.length) return { options: [], exact, missing: false };
  if (exact) return { options: [[`"${words.join(" ")}"`]], exact, missing: false };
  const options = [];
  let missing = false;
  for (const word of words) {
    const candidates = inst.welsh && expand ? lookups(word, expand.radicals, expand.known) : [word];
    const found = [];
    for (const c of candidates) if (await present(inst, c)) found.push(c);
    if (found.length) options.push(found);
    else missing = true;
  }
  return { options, exact, missing };
}

// The queries to run on one index for the typed words, or [] when a word is not in it.
export async function plan(inst, query, expand) {
  const { options, exact, missing } = await wordOptions(inst, query, expand);
  if (exact) return options[0] || [];
  return missing ? [] : variants(options); // Pagefind needs every word: one absent, no page has them all
}

// A question of several words that no page has all of ('examples of citizens assembly in Wales'):
// the pages with the most of them (each word that is really in the index), then by score. Never for
// a word the site lacks alone: that stays 'no results'.
async function someWords(inst, query, expand, filtered) {
  const { options, exact } = await wordOptions(inst, query, expand);
  if (exact || options.length < 2) return [];
  const terms = options.flatMap((found, word) => found.map((term) => ({ term, word })));
  const runs = await Promise.all(terms.map(({ term }) => inst.pagefind.search(term, filtered)));
  const byPage = new Map();
  runs.forEach((run, i) => {
    const { word } = terms[i];
    for (const result of run?.results || []) {
      const entry = byPage.get(result.id) ?? { result, words: new Set(), score: 0 };
      entry.words.add(word);
      entry.score += result.score;
      byPage.set(result.id, entry);
    }
  });
  const ranked = [...byPage.values()]
    .filter((e) => e.words.size >= Math.min(2, options.length))
    .sort((a, b) => b.words.size - a.words.size || b.score - a.score)
    .map((e) => ({ ...e.result, score: e.words.size * 1000 + e.score }));
  return [{ results: ranked, filters: null }]; // no counts: Pagefind counted each word's pages apart
}

// Content (guides, case studies, any other content type) before listing pages (data/search/ranking.yml).
const TIERS = [{ any: ["content"] }, { none: ["content"] }];

// Run the searches for `query` on each Pagefind instance and merge: this language before the other,
// content before listing pages, then Pagefind's score. Also the facet counts of the merged results.
export async function searchAll(instances, query, filters, expand) {
  const merged = [];
  let counts = {};
  let counted = true;
  const seen = new Set();
  for (const [place, inst] of instances.entries()) {
    const queries = query ? await plan(inst, query, expand) : [null];
    const translated = inst.translateFilters(filters);
    for (const [tier, spec] of TIERS.entries()) {
      const filtered = { filters: { ...translated, kbtier: spec } };
      let runs = await Promise.all(queries.map((q) => inst.pagefind.search(q, filtered)));
      if (query && !runs.some((r) => r?.results?.length)) runs = await someWords(inst, query, expand, filtered);
      const tierResults = [];
      for (const run of runs) {
        for (const result of run?.results || []) {
          const key = `${inst.lang}:${result.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          tierResults.push({ result, inst, tier, group: place * TIERS.length + tier });
        }
        if (run && run.filters === null) counted = false;
        for (const [facet, values] of Object.entries(run?.filters || {})) {
          for (const [value, n] of Object.entries(values)) {
            const own = inst.untranslate(facet, value);
            (counts[facet] ??= {})[own] = (counts[facet][own] || 0) + n;
          }
        }
      }
      tierResults.sort((a, b) => b.result.score - a.result.score);
      merged.push(...tierResults);
    }
  }
  const total = merged.length;
  for (const values of Object.values(counts)) for (const v in values) values[v] = Math.min(values[v], total);
  if (!counted) counts = null;
  return { results: merged, counts };
}

// Does `word` (as written on a page) answer one of the typed words? Same radical, or a prefix of it.
export function matcher(query, radicals, known, stop) {
  const typed = queryWords(query, stop).words.map((w) => fold(w));
  const wanted = new Set(typed.flatMap((w) => [w, ...radicals(w, known).map(fold)]));
  const keys = [...wanted];
  return (word) => {
    const f = fold(word);
    if (keys.some((k) => f.startsWith(k))) return true;
    return radicals(f, known).some((r) => keys.some((k) => fold(r).startsWith(k)));
  };
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
async function createInstance(bundleUrl, lang, ownLang, baseUrl, ranking) {
  const url = lang === ownLang ? bundleUrl : `${bundleUrl}?lang=${encodeURIComponent(lang)}`;
  const pagefindModule = await import(url);
  const html = document.documentElement;
  const own = html.getAttribute("lang");
  html.setAttribute("lang", lang);
  try {
    // noWorker: a first search would also fetch pagefind-worker.js (40 KB, a second copy of the
    // engine); our searches are small enough for the page's own thread (bench/search_bench.py).
    // ranking.metaWeights (data/search/ranking.yml): a match in the title or summary weighs more.
    return pagefindModule.createInstance({ baseUrl, excerptLength: EXCERPT_WORDS, noWorker: true, ranking });
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

// And back: another index's facet label as the page's language says it (for the counts).
function labelUntranslator(facets, own, lang) {
  return (key, value) => (own === lang ? value : (facets[key]?.terms || []).find((t) => t[lang] === value)?.[own] ?? value);
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
    this.noneBox = root.querySelector("[data-kb-search-none]");
    this.tryBoth = root.querySelector("[data-kb-search-try-both]");
    this.ready = null;
    this.generation = 0;
    this.results = [];
    this.shown = 0;
    this.bind();
    // Words typed before this script ran (a slow connection; the 404 page that becomes the page of
    // the reader's language) are searched now instead of waiting for another key.
    if (this.hasQuery() && document.activeElement === this.input) this.search();
  }

  load() {
    this.ready ??= (async () => {
      const data = await fetch(this.root.dataset.data).then((r) => {
        if (!r.ok) throw new Error(`${r.url}: ${r.status}`);
        return r.json();
      });
      this.facets = data.facets || {};
      this.ranking = data.ranking || {};
      this.stopwords = data.stopwords || {};
      this.mutations = createMutations(data.mutations);
      const lexiconBase = new URL("lexicon/cy/", new URL(this.root.dataset.data, document.baseURI));
      this.lexicon = createLexicon(lexiconBase, data.lexicon?.cy || []);
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
        this.ranking,
      ),
      translateFilters: filterTranslator(this.facets, this.lang, lang),
      untranslate: labelUntranslator(this.facets, this.lang, lang),
      stop: new Set(this.stopwords[lang] || []),
    }))();
    return this.instances[lang];
  }

  bind() {
    this.form.addEventListener("submit", (e) => { e.preventDefault(); this.search(); });
    let timer;
    this.input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => this.search(), 150); });
    this.input.addEventListener("focus", () => { this.load().catch((e) => this.fail(e)); if (this.hasQuery()) this.open(); });
    this.both.addEventListener("change", () => this.search());
    this.tryBoth.addEventListener("click", () => {
      this.both.checked = true;
      this.search();
      this.input.focus();
    });
    this.more.addEventListener("click", () => this.showMore(true));
    this.root.addEventListener("keydown", (e) => this.onKey(e));
    // Focus moving to something outside closes the panel (Tab away). Focus going nowhere is a press
    // on text that takes no focus, such as a facet's label or the panel itself: the click decides.
    this.root.addEventListener("focusout", (e) => { if (e.relatedTarget && !this.root.contains(e.relatedTarget)) this.close(); });
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
        const count = document.createElement("span");
        count.className = "kb-search__count";
        count.dataset.kbSearchCount = "";
        label.append(box, ` ${value} `, count);
        fieldset.append(label);
      }
      this.facetGroups.append(fieldset);
    }
    this.facetBox.hidden = keys.length === 0;
  }

  // Each facet value's number of results among the current ones: "Tai (3)". None shown when the
  // results come from several words searched apart (counts = null): a wrong number is worse.
  renderCounts(counts) {
    for (const box of this.facetGroups.querySelectorAll("input[type=checkbox]")) {
      const n = counts ? counts[box.dataset.key]?.[box.value] || 0 : null;
      const span = box.parentElement.querySelector("[data-kb-search-count]");
      span.textContent = n === null ? "" : `(${n})`;
      box.parentElement.classList.toggle("kb-search__value--none", n === 0 && !box.checked);
    }
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
      this.noneBox.hidden = true;
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
    const { radicals, forms } = this.mutations;
    const welsh = instances.some((i) => i.welsh);
    const stop = new Set(this.stopwords[this.lang] || []);
    const typedWords = queryWords(query, stop).words;
    if (welsh && typedWords.length) {
      // The vocabulary files for every radical the rules allow and each of its forms (for the hint).
      const candidates = typedWords.flatMap((w) => radicals(w)).flatMap((r) => forms(r));
      try {
        await this.lexicon.load(candidates);
      } catch (error) {
        return this.fail(error);
      }
    }
    const known = this.lexicon.known;
    const expand = { radicals, known };
    const { results: merged, counts } = await searchAll(instances, query, filters, expand);
    if (generation !== this.generation) return; // a newer search has started
    this.results = merged;
    this.isMatch = matcher(query, radicals, welsh ? known : undefined, stop);
    this.typed = new Set(typedWords.map(fold));
    this.shown = 0;
    this.list.replaceChildren();
    this.renderFormsNote(typedWords, welsh);
    this.renderCounts(counts);
    const n = merged.length;
    this.status.textContent = n === 0
      ? fill(this.strings.none, { query })
      : n === 1 ? this.strings.one : fill(this.strings.many, { count: String(n) });
    this.noneBox.hidden = n !== 0;
    this.tryBoth.hidden = this.both.checked || this.langs.length < 2;
    await this.showMore(false);
    // For tests and assistive tooling: which search the list now shows.
    if (generation === this.generation) this.root.dataset.done = String(generation);
  }

  // "Also searching for the forms: cymuned, nghymuned": only words the knowledge base uses.
  renderFormsNote(words, welsh) {
    const { radicals, forms } = this.mutations;
    const known = this.lexicon.known;
    const typed = new Set(words);
    const others = new Set();
    if (welsh) {
      for (const w of words) {
        // 'gymuned' may be a radical itself, but its own forms ('ymuned') only add noise here.
        const all = radicals(w, known);
        const rest = all.filter((r) => r !== w);
        for (const r of rest.length ? rest : all) {
          for (const f of forms(r, known)) if (!typed.has(f) && known(f)) others.add(f);
        }
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
    // Within a tier only: a listing page never moves above a guide or case study.
    const hasTyped = (item) => (visibleContent(item.data).match(WORD) || []).some((w) => this.typed.has(fold(w)));
    loaded.sort((a, b) => a.group - b.group || hasTyped(b) - hasTyped(a));
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
