/* The 404 page served for every missing address (hooks/language_switch.py, overrides/404.html).
 * It carries each language's text, each part marked with its lang; the part whose home the missing
 * address is under (/cy/… -> Welsh) goes first and names the browser tab. Without JavaScript every
 * part is shown, in the order of the page. */
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
  if (!best || best === parts[0]) return;
  box.insertBefore(best, parts[0]);
  document.title = best.getAttribute("data-kb-title") || document.title;
})();
