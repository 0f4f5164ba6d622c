// Why a card does not fit its frame, as a list of problems ([] when it fits). Run inside an embed
// card (tests/test_embeds_fit.py). Boxes inside the card may hide whole lines or whole tags on
// purpose (a long summary shows its first lines); anything else is a problem: a word partly hidden
// (cut by a box or by the frame), shortened with an ellipsis, or pushed out of the frame.
() => {
  const problems = [];
  const vw = window.innerWidth, vh = window.innerHeight;
  const card = document.querySelector(".kb-card");
  if (!card) return ["no card"];
  if (card.scrollHeight > card.clientHeight + 0.5) problems.push(`content taller than the frame: ${card.scrollHeight} > ${card.clientHeight}`);
  if (document.documentElement.scrollWidth > vw + 0.5) problems.push(`wider than the frame: ${document.documentElement.scrollWidth} > ${vw}`);
  const c = card.getBoundingClientRect();
  const frame = { top: Math.max(0, c.top), left: Math.max(0, c.left), bottom: Math.min(vh, c.bottom), right: Math.min(vw, c.right) };
  const intersect = (a, b) => ({ top: Math.max(a.top, b.top), left: Math.max(a.left, b.left), bottom: Math.min(a.bottom, b.bottom), right: Math.min(a.right, b.right) });
  const boxClip = (el) => {  // the boxes inside the card that hide their overflow
    let clip = { top: -Infinity, left: -Infinity, bottom: Infinity, right: Infinity };
    for (let a = el; a && a !== card; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== "visible" || cs.overflowY !== "visible") clip = intersect(clip, a.getBoundingClientRect());
    }
    return clip;
  };
  const inside = (r, k) => r.top >= k.top - 0.5 && r.bottom <= k.bottom + 0.5 && r.left >= k.left - 0.5 && r.right <= k.right + 0.5;
  const outside = (r, k) => r.bottom <= k.top + 0.5 || r.top >= k.bottom - 0.5 || r.right <= k.left + 0.5 || r.left >= k.right - 0.5;
  const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || getComputedStyle(el).visibility === "hidden" || el.getClientRects().length === 0) continue;
    const box = boxClip(el);
    const words = /\S+/g;
    let m;
    while ((m = words.exec(node.textContent))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      for (const r of range.getClientRects()) {
        if (r.width < 0.5) continue;
        if (outside(r, box)) continue;  // hidden on purpose, whole
        if (!inside(r, box)) { problems.push(`cut word: ${m[0]}`); continue; }
        if (outside(r, frame)) problems.push(`outside the frame: ${m[0]}`);
        else if (!inside(r, frame)) problems.push(`cut word: ${m[0]}`);
      }
    }
  }
  // A box inside a clipping box (a tag in the row of tags) shows whole or not at all.
  for (const el of card.querySelectorAll("*")) {
    if (!el.parentElement || el.parentElement === card || el.getClientRects().length === 0) continue;
    if (getComputedStyle(el).display === "inline") continue;  // text runs over lines: the words are checked
    const r = el.getBoundingClientRect();
    const box = boxClip(el.parentElement);
    if (r.width >= 0.5 && !inside(r, box) && !outside(r, box)) problems.push(`cut: ${el.textContent.trim().slice(0, 40)}`);
  }
  // A summary may show only its first lines; a title never loses any: "…given £1m of Lottery" is a wrong title.
  const title = card.querySelector(".kb-card__title");
  if (title && title.scrollHeight > title.clientHeight + 0.5) problems.push(`title not shown whole: ${title.textContent.trim().slice(0, 40)}`);
  for (const el of card.querySelectorAll("*")) {
    const cs = getComputedStyle(el);
    const clamped = cs.webkitLineClamp && cs.webkitLineClamp !== "none";
    if ((cs.textOverflow === "ellipsis" || clamped) && (el.scrollWidth > el.clientWidth + 0.5 || el.scrollHeight > el.clientHeight + 0.5)) {
      problems.push(`shortened with an ellipsis: ${el.textContent.trim().slice(0, 40)}`);
    }
  }
  return problems;
}
