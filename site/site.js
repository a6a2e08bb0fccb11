// Search over the index in search-index.js (a script, not a fetch: pages open from file://).
// Nothing here writes markup from data: results are built with textContent.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var index = window.UAPI_REVIEW_SEARCH || [];
  if (!input || !list) return;
  // Searching never submits: the site has no server to submit to.
  if (input.form) input.form.addEventListener("submit", function (ev) { ev.preventDefault(); });

  function matches(entry, words) {
    var hay = (entry.t + " " + entry.x).toLowerCase();
    for (var i = 0; i < words.length; i++) if (hay.indexOf(words[i]) < 0) return false;
    return true;
  }

  function show() {
    var words = input.value.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    while (list.firstChild) list.removeChild(list.firstChild);
    if (words.length === 0) { list.hidden = true; return; }
    var shown = 0;
    for (var i = 0; i < index.length && shown < 40; i++) {
      var e = index[i];
      if (!matches(e, words)) continue;
      var li = document.createElement("li");
      var a = document.createElement("a");
      // Only the site's own page names: the index is written by the tool from a fixed alphabet.
      if (!/^[A-Za-z0-9_.\-]+\.html(#[A-Za-z0-9_.\-]+)?$/.test(e.u)) continue;
      a.setAttribute("href", e.u);
      a.textContent = e.t;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = e.k;
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
      shown++;
    }
    if (shown === 0) {
      var none = document.createElement("li");
      none.textContent = "no match";
      list.appendChild(none);
    }
    list.hidden = false;
  }

  input.addEventListener("input", show);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { input.value = ""; show(); }
    if (ev.key === "Enter") {
      var first = list.querySelector("a");
      if (first) window.location.href = first.getAttribute("href");
    }
  });
  document.addEventListener("click", function (ev) {
    if (!list.contains(ev.target) && ev.target !== input) list.hidden = true;
  });
  // `/` focuses the search box, as on most documentation sites.
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== input) { ev.preventDefault(); input.focus(); }
  });
})();
