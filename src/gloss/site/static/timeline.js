/* The timeline page: show the chart and the entries of one scope level (or all). */
(function () {
  "use strict";
  var form = document.getElementById("timeline-filter");
  if (!form) return;
  form.hidden = false;
  var select = form.elements.level;
  var count = document.getElementById("timeline-count");
  var charts = document.querySelectorAll("figure.chart[data-level]");
  var items = document.querySelectorAll("section.year li[data-level]");

  function apply() {
    var level = select.value;
    Array.prototype.forEach.call(charts, function (figure) {
      figure.hidden = figure.getAttribute("data-level") !== level;
    });
    var shown = 0;
    Array.prototype.forEach.call(items, function (li) {
      li.hidden = !!level && li.getAttribute("data-level") !== level;
      if (!li.hidden) shown++;
    });
    document.querySelectorAll("section.year .basis-group").forEach(function (group) {
      group.hidden = !group.querySelector("li:not([hidden])");
    });
    document.querySelectorAll("section.year").forEach(function (section) {
      section.hidden = !section.querySelector("li:not([hidden])");
    });
    count.textContent = level ? shown + " of " + items.length + " entries at " + level + " level" : "";
    if (history.replaceState) {
      history.replaceState(null, "", level ? "?level=" + encodeURIComponent(level) + location.hash : location.pathname + location.hash);
    }
  }
  select.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  var wanted = new URLSearchParams(window.location.search).get("level");
  if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
    select.value = wanted;
  }
  apply();
})();
