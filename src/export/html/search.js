// Filters the index by name or alias as you type; Enter opens the first match.
(function () {
  var input = document.getElementById("search");
  var items = Array.prototype.slice.call(document.querySelectorAll("#entries li"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("#entries section"));
  var none = document.getElementById("no-match");
  function filter() {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (li) {
      var hit = q === "" || li.getAttribute("data-labels").indexOf(q) !== -1;
      li.hidden = !hit;
      if (hit) shown += 1;
    });
    sections.forEach(function (s) {
      s.hidden = !s.querySelector("li:not([hidden])");
    });
    none.hidden = shown > 0;
  }
  input.addEventListener("input", filter);
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = items.filter(function (li) { return !li.hidden; })[0];
    if (first) window.location.href = first.querySelector("a").getAttribute("href");
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) input.value = q;
  filter();
})();
