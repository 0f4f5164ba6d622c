// The knowledge base's own Welsh vocabulary, as the build published it (kb/built/search_index.py,
// write_lexicon): one small text file per first two letters, so a query fetches only the few it needs.
// The mutation rules (mutations.js) propose a radical, and the hint line lists a form, only when it
// is one of these words. Plain ES module, no build step.

// The file a word is in: its first two letters without accents ('ŵyl' -> 'wy'), anything but a-z
// as '_' (the same as search_index.shard_key; tests/vectors/mutations.json holds both to it).
export function shardKey(word) {
  const folded = word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  return [...folded.slice(0, 2)].map((c) => (c >= "a" && c <= "z" ? c : "_")).join("").padEnd(2, "_");
}

// `base`: the URL of the language's folder; `keys`: the files that exist (data.json), so a word in
// no file costs no request.
export function createLexicon(base, keys) {
  const available = new Set(keys);
  const loading = new Map(); // key -> Promise
  const words = new Set();
  const fetchShard = async (key) => {
    const response = await fetch(new URL(`${key}.txt`, base));
    if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
    for (const word of (await response.text()).split("\n")) if (word) words.add(word);
  };
  return {
    // Fetch what is needed to answer `known` for each of `candidates`.
    async load(candidates) {
      const needed = [...new Set(candidates.map(shardKey))].filter((k) => available.has(k));
      for (const key of needed) if (!loading.has(key)) loading.set(key, fetchShard(key));
      await Promise.all(needed.map((k) => loading.get(k)));
    },
    known: (word) => words.has(word),
  };
}
