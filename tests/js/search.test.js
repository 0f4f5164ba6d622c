// The search box's query logic (overrides/assets/kb-search/kb-search.js), without a browser.
// Run by tests/test_search_query_js.py (node --test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { answers, queryWords, lookups, variants } from "../../overrides/assets/kb-search/kb-search.js";
import { createMutations } from "../../overrides/assets/kb-search/mutations.js";

const root = new URL("../../", import.meta.url);
const { radicals } = createMutations(JSON.parse(readFileSync(new URL("data/search/mutations.json", root), "utf8")));

test("a word answers a term it begins with or shares the stem of", () => {
  assert.ok(answers("community", "commun"));
  assert.ok(answers("communities", "community"));
  assert.ok(answers("PSBs", "psb"));
  assert.ok(answers("(co-production),", "production"));
  assert.ok(answers("pŵer", "pwer"));
});

test("Pagefind's fallback to a short indexed prefix is not an answer", () => {
  assert.ok(!answers("all", "allotments"));
  assert.ok(!answers("a", "autism"));
  assert.ok(!answers("y", "ysbyty"));
  assert.ok(!answers("an", "anifail"));
});

test("one or two letters are dropped beside longer words, searched exactly alone", () => {
  assert.deepEqual(queryWords("Cyngor y ddinas"), { words: ["cyngor", "ddinas"], exact: false });
  assert.deepEqual(queryWords("tŷ"), { words: ["tŷ"], exact: true });
  assert.deepEqual(queryWords(""), { words: [], exact: false });
});

test("stop words are dropped from questions but searched when alone", () => {
  const stop = new Set(["how", "what"]);
  assert.deepEqual(queryWords("how do I start co-producing", stop).words, ["start", "producing"]);
  assert.deepEqual(queryWords("how", stop).words, ["how"]);
});

test("a Welsh word is looked up by the radicals the site knows, else as typed", () => {
  const known = (w) => ["cymuned", "bod", "deddf"].includes(w);
  assert.deepEqual(lookups("gymuned", radicals, known), ["cymuned"]);
  assert.deepEqual(lookups("Deddf", radicals, known), ["deddf"]); // never 'teddf'
  assert.deepEqual(lookups("ysbyty", radicals, known), ["ysbyty"]); // never 'gysbyty'
  assert.deepEqual(lookups("nghymuned", radicals, known), ["cymuned"]);
  assert.deepEqual(variants([["cymuned"], ["bod", "fod"]]), ["cymuned bod", "cymuned fod"]);
});

test("stop words left out of a question are not highlighted", async () => {
  const { matcher } = await import("../../overrides/assets/kb-search/kb-search.js");
  const known = (w) => w === "cydgynhyrchu";
  const isMatch = matcher("sut mae dechrau cydgynhyrchu", radicals, known, new Set(["sut", "mae"]));
  assert.ok(isMatch("Dechrau") && isMatch("cydgynhyrchu") && isMatch("chydgynhyrchu"));
  assert.ok(!isMatch("Mae") && !isMatch("sut"));
});
