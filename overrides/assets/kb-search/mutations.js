// Welsh initial mutations, undone and applied by rule: the browser's half of kb/built/mutations.py.
// Both read the same rules (data/search/mutations.json) and pass the same test vectors
// (tests/vectors/mutations.json), so the search box expands a word exactly as the indexer did.
// The rules alone over-generate ('Deddf' -> 'Teddf'), so both directions take `known`, a test of
// the knowledge base's own Welsh vocabulary (lexicon.js): a candidate other than the word itself is
// proposed only when known, except the single radical of a form that can only be mutated (ngh-, dd-...).
// Plain ES module, no build step.

const VOWEL = "<vowel>";

const unique = (items) => [...new Set(items)];
const isLetter = (c) => /\p{L}/u.test(c);
const isUpper = (c) => c !== c.toLowerCase() && c === c.toUpperCase();

// Give lower-case `candidate` the capitals of `original`: "Nghymru" -> "Cymru", "ARDD" -> "GARDD".
function recase(original, candidate) {
  const letters = [...original].filter(isLetter);
  if (letters.length > 1 && letters.every(isUpper)) return candidate.toUpperCase();
  // The shared ending keeps the original's capitals; the start is the new word's.
  let common = 0;
  while (
    common < Math.min(original.length, candidate.length) &&
    original[original.length - 1 - common].toLowerCase() === candidate[candidate.length - 1 - common]
  ) common++;
  const head = candidate.slice(0, candidate.length - common);
  let tail = common ? original.slice(original.length - common) : "";
  if (original && isUpper(original[0])) {
    if (common === original.length) tail = tail.slice(0, 1).toLowerCase() + tail.slice(1);
    const result = head + tail;
    return result.slice(0, 1).toUpperCase() + result.slice(1);
  }
  return head + tail;
}

export function createMutations(data) {
  const units = [...data.initial_units.units].sort((a, b) => b.length - a.length);
  const vowels = new Set([...data.vowels]);
  const neverRadical = new Set(data.never_radical.units);
  const fixed = new Set(data.fixed_words.words);
  const minLength = data.min_length?.letters ?? 1;
  const rules = data.mutations.map((r) => ({ ...r, before: r.before || [] }));

  // The first letter of a lower-case word, reading digraphs (and mh/nh/ngh) as one.
  const initial = (word) => units.find((u) => word.startsWith(u)) ?? word.slice(0, 1);
  const fits = (before, rest) => {
    if (!before.length) return true;
    const unit = initial(rest);
    return before.some((b) => (b === VOWEL && vowels.has(unit)) || unit === b);
  };
  const plain = (low) => !low || !isLetter(low[0]) || fixed.has(low);

  // Every radical `word` may be a mutated form of (itself first when it may be unmutated).
  function radicals(word, known) {
    const found = allRadicals(word);
    if (!known) return found;
    const low = word.toLowerCase();
    const itself = found.filter((c) => c.toLowerCase() === low);
    const others = found.filter((c) => c.toLowerCase() !== low);
    if (!itself.length && others.length === 1) return others; // certainly mutated, one radical
    const kept = [...itself, ...others.filter((c) => known(c.toLowerCase()))];
    return kept.length ? kept : [word];
  }

  function allRadicals(word) {
    const low = word.toLowerCase();
    if (plain(low)) return [word];
    const unit = initial(low);
    const out = [];
    if (!neverRadical.has(unit)) out.push(low);
    for (const rule of rules) {
      if (rule.mutated === "") {
        if (fits(rule.before, low)) out.push(rule.radical + low);
      } else if (unit === rule.mutated) {
        const rest = low.slice(unit.length);
        if (fits(rule.before, rest)) out.push(rule.radical + rest);
      }
    }
    const result = unique(out)
      .filter((c) => c === low || [...c].length >= minLength)
      .map((c) => recase(word, c));
    return result.length ? result : [word];
  }

  // `radical` and every mutated form of it; with `known`, only the forms in the vocabulary.
  function forms(radical, known) {
    const every = allForms(radical);
    return known ? [every[0], ...every.slice(1).filter((f) => known(f.toLowerCase()))] : every;
  }

  function allForms(radical) {
    const low = radical.toLowerCase();
    if (plain(low)) return [radical];
    const unit = initial(low);
    const out = [low];
    for (const rule of rules) {
      if (rule.radical === "") {
        if (fits(rule.before, low)) out.push(rule.mutated + low);
      } else if (unit === rule.radical) {
        const rest = low.slice(unit.length);
        if (fits(rule.before, rest)) out.push(rule.mutated + rest);
      }
    }
    return unique(out).map((f) => recase(radical, f));
  }

  return { radicals, forms };
}
