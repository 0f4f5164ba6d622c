// The preview's live reload, under the site's Content-Security-Policy (scripts from the site's own
// files only). `mkdocs serve` adds its reloader to each page as an inline script, which the policy
// blocks, so an open page would never show the next save. This file (loaded with `defer`, after the
// page is parsed) runs the same loop: it reads the page's build number from MkDocs's blocked script,
// asks the server's /livereload/ address to answer once a newer build exists, and reloads the page.
(function () {
  "use strict";
  if (typeof window.livereload === "function") {
    return; // MkDocs's own script ran (no policy blocked it): it does the reloading
  }
  var found = null;
  Array.prototype.forEach.call(document.scripts, function (script) {
    var match = /livereload\((\d+),\s*(\d+)\)/.exec(script.textContent || "");
    if (match) {
      found = match;
    }
  });
  if (!found) {
    return; // not served by `mkdocs serve`
  }
  var epoch = parseFloat(found[1]);
  var requestId = found[2];
  var request = null;
  var timer = null;

  function poll() {
    stop();
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        window.location.reload();
      } else if (request === this) {
        timer = window.setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + found[1] + "/" + requestId);
    request.send();
  }

  function stop() {
    if (request) {
      var old = request;
      request = null;
      old.abort();
    }
    if (timer) {
      window.clearTimeout(timer);
      timer = null;
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      poll();
    } else {
      stop();
    }
  });
  window.addEventListener("beforeunload", stop);
  if (document.visibilityState === "visible") {
    poll();
  }
})();
