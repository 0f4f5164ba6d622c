/* The language switch keeps the reader's place (hooks/language_switch.py, kb.publish.language_switch).
 * The link in the header goes to the same page in the other language; this script adds what the
 * page cannot know when it is built: the query string (a filtered case-study list, ?region=cardiff)
 * and the #anchor the reader is at, mapped to the same heading in the other language through the
 * pairs of heading ids the Welsh pages carry (data-kb-anchor-pairs: [[id here, id there], ...]).
 * English pages carry none (they are built first): they pass their #anchor as it is and the Welsh
 * page maps it on arrival. Without JavaScript the link still goes to the right page. */
(function () {
  "use strict";

  function pairsOf(link) {
    try {
      return JSON.parse(link.getAttribute("data-kb-anchor-pairs") || "[]");
    } catch (e) {
      return [];
    }
  }

  function decode(hash) {
    var id = hash.replace(/^#/, "");
    try {
      return decodeURIComponent(id);
    } catch (e) {
      return id;
    }
  }

  /* The address of the other language's page for where the reader is now. */
  function target(link, base) {
    var url = new URL(base, window.location.href);
    url.search = window.location.search;
    var id = decode(window.location.hash);
    if (id) {
      var mapped = pairsOf(link).filter(function (pair) { return pair[0] === id; })[0];
      url.hash = encodeURIComponent(mapped ? mapped[1] : id);
    } else {
      url.hash = "";
    }
    return url.href;
  }

  /* Arriving from the other language at an #anchor this page calls something else. */
  function arrive(link) {
    var id = decode(window.location.hash);
    if (!id || document.getElementById(id)) return;
    var mapped = pairsOf(link).filter(function (pair) { return pair[1] === id; })[0];
    var element = mapped && document.getElementById(mapped[0]);
    if (!element) return;
    window.history.replaceState(null, "", "#" + encodeURIComponent(mapped[0]));
    element.scrollIntoView();
  }

  function init() {
    var links = document.querySelectorAll("a[data-kb-lang-switch]");
    Array.prototype.forEach.call(links, function (link) {
      var base = link.getAttribute("href");
      function update() { link.href = target(link, base); }
      update();
      // The filters and in-page links change the address after load: follow them, and recompute
      // at the last moment too (a click, a middle-click, a keyboard Enter).
      window.addEventListener("hashchange", update);
      window.addEventListener("popstate", update);
      ["pointerdown", "focus", "click", "mouseenter"].forEach(function (name) {
        link.addEventListener(name, update);
      });
    });
    if (links.length) arrive(links[0]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
