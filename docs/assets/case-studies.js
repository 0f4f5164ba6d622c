/* Listing filters on the static site, no server: case studies (theme, area, sector, method, status)
 * and resources ([data-kb-listing], whose facets are named in its data-kb-facets attribute).
 * The page carries every card with its terms in data-* attributes and the words to show in the
 * page's language (data-count, data-count-total-one); this script hides non-matching cards, keeps
 * the choice in the URL query string (?region=cardiff&theme=...) so a filtered view can be shared,
 * and announces how many match in an aria-live status. Without JavaScript every card is shown. */
(function () {
  "use strict";
  var CASE_STUDY_FACETS = ["theme", "region", "sector", "method", "status"];

  function init(root) {
    var named = (root.getAttribute("data-kb-facets") || "").split(" ").filter(Boolean);
    var FACETS = named.length ? named : CASE_STUDY_FACETS;
    var form = root.querySelector("form.kb-cs-filters");
    var status = root.querySelector(".kb-cs-count");
    var noMatch = root.querySelector(".kb-cs-no-match");
    var cards = Array.prototype.slice.call(root.querySelectorAll(".kb-cs-card"));
    if (!form || !status) return;
    var selects = {};
    FACETS.forEach(function (name) { selects[name] = form.elements.namedItem(name); });

    function hasOption(select, value) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    }

    function readUrl() {
      var query = new URLSearchParams(window.location.search);
      FACETS.forEach(function (name) {
        var select = selects[name];
        if (!select) return;
        var value = query.get(name) || "";
        select.value = hasOption(select, value) ? value : "";
      });
    }

    function writeUrl() {
      var query = new URLSearchParams(window.location.search);
      FACETS.forEach(function (name) {
        var select = selects[name];
        if (select && select.value) query.set(name, select.value); else query.delete(name);
      });
      var search = query.toString();
      var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }

    function apply() {
      var shown = 0;
      cards.forEach(function (card) {
        var match = FACETS.every(function (name) {
          var select = selects[name];
          if (!select || !select.value) return true;
          var terms = (card.getAttribute("data-" + name) || "").split(" ");
          return terms.indexOf(select.value) !== -1;
        });
        card.hidden = !match;
        if (match) shown += 1;
      });
      var total = cards.length;
      var template = total === 1 ? root.getAttribute("data-count-total-one") : root.getAttribute("data-count");
      status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(total));
      if (noMatch) noMatch.hidden = shown !== 0;
    }

    form.hidden = false;
    form.addEventListener("change", function () { writeUrl(); apply(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      // The browser resets the selects after this event; read them once it has.
      window.setTimeout(function () { writeUrl(); apply(); }, 0);
    });
    window.addEventListener("popstate", function () { readUrl(); apply(); });
    readUrl();
    apply();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-case-studies], [data-kb-listing]"), init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
