/* The 404 page served for every missing address (hooks/language_switch.py, overrides/404.html).
 * It carries each language's text, each part marked with its lang; the part whose home the missing
 * address is under (/cy/… -> Welsh) goes first and names the browser tab, and the page then becomes
 * that language's own 404 page. Without JavaScript every part is shown, in the order of the page. */
(function () {
  "use strict";
  var box = document.querySelector("[data-kb-not-found]");
  if (!box) return;
  var parts = Array.prototype.slice.call(box.querySelectorAll("[data-kb-home]"));
  var path = window.location.pathname;
  var best = null;
  parts.forEach(function (part) {
    var home = part.getAttribute("data-kb-home") || "/";
    if (path.indexOf(home) === 0 && (!best || home.length > best.getAttribute("data-kb-home").length)) best = part;
  });
  best = best || parts[0];
  if (best) document.title = best.getAttribute("data-kb-title") || document.title;
  if (!best || best === parts[0]) return;
  box.insertBefore(best, parts[0]);
  // Then the whole page in that language (menu, search box, language switch), from that language's
  // own 404 page, at the address the reader asked for: a Welsh reader is not left with an English
  // menu and an English search. The text above stays if that page cannot be had.
  var lang = best.getAttribute("lang");
  if (!window.fetch || !lang || document.documentElement.lang === lang) return;
  window.fetch(best.getAttribute("data-kb-home") + "404.html", { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.text() : null; })
    .then(function (html) {
      if (!html || html.indexOf('<html lang="' + lang + '"') < 0) return;
      document.open();
      document.write(html);
      document.close();
      // A module runs once per window: the search box of the new page needs its own copy.
      var search = document.querySelector('script[type="module"][src*="kb-search/kb-search.js"]');
      if (search) import(search.src + "?page=404");
    })
    .catch(function () { /* keep this page, its part in the reader's language first */ });
})();
