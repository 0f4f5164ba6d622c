/* Stop Material's language integration from fetching sitemap.xml on every page view.
 *
 * Material 9.8 (setupAlternate) requests sitemap.xml next to EVERY <link rel="alternate"> of a page:
 * the feeds, the oEmbed link and each hreflang version. On this site that is four or five requests per
 * page view, three of them 404s that fill the console, plus the whole sitemap (about 1.6 MB at 2,000
 * pages per language). It uses the sitemap to keep the reader's page when switching language, which
 * mkdocs-static-i18n's language links already do. Known upstream bug: squidfunk/mkdocs-material#8576.
 *
 * This script (loaded before Material's bundle runs its DOMContentLoaded work) makes a sitemap.xml
 * request fail at once, without the network; Material then treats the sitemap as empty and links
 * work as plain links. Instant navigation needs the sitemap, so with navigation.instant on this
 * does nothing. Remove it once Material fetches only what it uses. */
(function () {
  "use strict";
  var proto = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
  if (!proto) return;

  function instantNavigation() {
    var config = document.getElementById("__config");
    try {
      return config !== null && JSON.parse(config.textContent).features.indexOf("navigation.instant") !== -1;
    } catch (e) {
      return false;
    }
  }

  var open = proto.open;
  var send = proto.send;
  var skipped = typeof WeakSet === "function" ? new WeakSet() : null;
  if (!skipped) return;
  proto.open = function (method, url) {
    if (/\/sitemap\.xml(\?|#|$)/.test(String(url)) && !instantNavigation()) skipped.add(this);
    else skipped.delete(this);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (!skipped.has(this)) return send.apply(this, arguments);
    var request = this;
    window.setTimeout(function () {
      request.dispatchEvent(new ProgressEvent("error"));
      request.dispatchEvent(new ProgressEvent("loadend"));
    }, 0);
  };
})();
