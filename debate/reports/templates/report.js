(function () {
  "use strict";
  var q = document.getElementById("q");
  var count = document.getElementById("q-count");
  var debates = Array.prototype.slice.call(document.querySelectorAll("details.debate"));
  var rounds = Array.prototype.slice.call(document.querySelectorAll("section.round"));
  var texts = null;
  function filter() {
    var term = q.value.trim().toLowerCase();
    if (texts === null) {
      texts = debates.map(function (d) { return d.textContent.toLowerCase(); });
    }
    var shown = 0;
    debates.forEach(function (d, i) {
      var hit = term === "" || texts[i].indexOf(term) !== -1;
      d.hidden = !hit;
      if (hit) { shown += 1; }
    });
    rounds.forEach(function (r) {
      r.hidden = term !== "" && r.querySelector("details.debate:not([hidden])") === null;
    });
    count.textContent = term === "" ? "" : shown + " of " + debates.length + " debates match";
  }
  function setOpen(open) {
    debates.forEach(function (d) { if (!d.hidden) { d.open = open; } });
  }
  function openTarget() {
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el !== null && el.tagName === "DETAILS") { el.open = true; el.scrollIntoView(); }
  }
  if (q !== null) {
    q.addEventListener("input", filter);
    document.getElementById("open-all").addEventListener("click", function () { setOpen(true); });
    document.getElementById("close-all").addEventListener("click", function () { setOpen(false); });
    document.getElementById("search").hidden = false;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
}());
