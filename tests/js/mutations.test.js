// The browser's mutation rules against the shared vectors (run: node --test tests/js/).
// tests/test_mutations.py runs this file too, so one pytest command covers both languages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createMutations } from "../../overrides/assets/kb-search/mutations.js";

const root = new URL("../../", import.meta.url);
const read = (rel) => JSON.parse(readFileSync(new URL(rel, root), "utf8"));
const { radicals, forms } = createMutations(read("data/search/mutations.json"));
const vectors = read("tests/vectors/mutations.json");

test("radicals match the shared vectors", () => {
  for (const v of vectors.radicals) assert.deepEqual(radicals(v.word), v.expect, `${v.word} (${v.why})`);
});

test("forms match the shared vectors", () => {
  for (const v of vectors.forms) assert.deepEqual(forms(v.radical), v.expect, `${v.radical} (${v.why})`);
});

test("every form leads back to its radical", () => {
  for (const v of vectors.forms) {
    for (const form of forms(v.radical)) assert.ok(radicals(form).includes(v.radical), `${form} -> ${v.radical}`);
  }
});

const lexicon = new Set(vectors.lexicon.words);
const known = (w) => lexicon.has(w);

test("radicals within a vocabulary match the shared vectors", () => {
  for (const v of vectors.radicals_known) assert.deepEqual(radicals(v.word, known), v.expect, `${v.word} (${v.why})`);
});

test("forms within a vocabulary match the shared vectors", () => {
  for (const v of vectors.forms_known) assert.deepEqual(forms(v.radical, known), v.expect, `${v.radical} (${v.why})`);
});

test("lexicon file keys match the shared vectors", async () => {
  const { shardKey } = await import("../../overrides/assets/kb-search/lexicon.js");
  for (const v of vectors.shard_keys.cases) assert.equal(shardKey(v.word), v.expect, v.word);
});
