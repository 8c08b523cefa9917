/* The annotator page: highlight every glossary term in pasted text, with a tooltip per term.
 * The pasted text is only ever inserted as text nodes. */
(function () {
  "use strict";
  var data = window.GLOSS_DATA;
  var compiled = window.GlossMatcher.compile(data.matcher);
  var entries = data.entries;
  var textarea = document.getElementById("text");
  var output = document.getElementById("output");
  var summary = document.getElementById("summary");
  var tip = document.getElementById("tip");
  var table = document.getElementById("found");
  var regionSelect = document.getElementById("region");
  var yearInput = document.getElementById("year");
  var pinned = null, overTip = false, timer = null, hideTimer = null;

  function el(tag, props, text) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { node.setAttribute(k, props[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function url(e) { return "entry/" + e.id + ".html"; }

  function fillTip(a) {
    var e = entries[a.entry];
    tip.textContent = "";
    var head = el("p", { class: "tip-head" });
    head.appendChild(el("strong", { lang: "zh-CN" }, e.t));
    head.appendChild(document.createTextNode(" " + e.p + " — " + e.n));
    tip.appendChild(head);
    if (a.scopeMatch === false) {
      // Another place's term: its definition is not this text's meaning, only what it means there.
      tip.appendChild(el("p", { class: "tip-sense" }, "Not this text's meaning: the entry is a term of " + e.r + "."));
      tip.appendChild(el("p", { lang: "zh-CN" }, "in " + e.r + ": " + (e.z || e.n)));
    } else {
      if (e.s) tip.appendChild(el("p", { class: "tip-sense" }, "Sense: " + e.s + (a.alternatives.length ? " (confidence " + a.confidence + ")" : "")));
      if (a.scopeMatch === null) tip.appendChild(el("p", { class: "tip-sense" }, "The meaning in " + e.r + "; the text's region is unknown (confidence " + a.confidence + ")."));
      if (e.z) tip.appendChild(el("p", { lang: "zh-CN" }, e.z));
      tip.appendChild(el("p", {}, e.d || "Undocumented: no source explains this term."));
    }
    tip.appendChild(el("p", {}, "First year: " + (e.yl === null ? "not known" : e.yl) + " · " + e.l + " · " + e.r));
    tip.appendChild(el("a", { href: url(e) }, "Open the entry"));
  }

  function showTip(mark, a, pin) {
    fillTip(a);
    tip.hidden = false;
    var r = mark.getBoundingClientRect();
    var width = Math.min(360, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.width = width + "px";
    tip.style.left = left + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
    clearTimeout(hideTimer);
    pinned = pin ? mark : null;
  }
  // A short delay lets the pointer travel from a term into its tooltip to reach the link.
  function hideTip() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { if (!pinned && !overTip) tip.hidden = true; }, 250);
  }

  function render() {
    var text = textarea.value;
    var year = parseInt(yearInput.value, 10);
    var found = window.GlossMatcher.annotate(compiled, text, {
      region: regionSelect.value || null,
      year: isNaN(year) ? null : year,
    });
    output.textContent = "";
    pinned = null;
    tip.hidden = true;
    var tbody = table.tBodies[0];
    tbody.textContent = "";
    var pos = 0;
    found.forEach(function (a, i) {
      var e = entries[a.entry];
      output.appendChild(document.createTextNode(text.slice(pos, a.start)));
      var props = { tabindex: "0", "data-id": e.id, "aria-describedby": "tip", id: "m" + i };
      if (a.scopeMatch === false) props["class"] = "elsewhere";
      else if (a.scopeMatch === null) props["class"] = "unsure";
      var mark = el("mark", props, a.surface);
      mark.addEventListener("mouseenter", function () { if (!pinned) showTip(mark, a, false); });
      mark.addEventListener("mouseleave", hideTip);
      mark.addEventListener("focus", function () { showTip(mark, a, false); });
      mark.addEventListener("blur", hideTip);
      mark.addEventListener("click", function (ev) { ev.stopPropagation(); showTip(mark, a, true); });
      output.appendChild(mark);
      pos = a.end;
      var row = el("tr");
      row.appendChild(el("td", { lang: "zh-CN" }, a.surface));
      var cell = el("td");
      cell.appendChild(el("a", { href: url(e), lang: "zh-CN" }, e.t));
      row.appendChild(cell);
      row.appendChild(el("td", {}, a.scopeMatch === false ? "not this text's meaning (a term of " + e.r + ")" :
                                    e.n + (e.s ? " (" + e.s + ")" : "")));
      row.appendChild(el("td", {}, e.yl === null ? "—" : e.yl));
      tbody.appendChild(row);
    });
    output.appendChild(document.createTextNode(text.slice(pos)));
    table.hidden = !found.length;
    var distinct = {};
    found.forEach(function (a) { distinct[a.entry] = true; });
    summary.textContent = text.trim() === "" ? "Nothing to annotate yet." :
      found.length + (found.length === 1 ? " match" : " matches") + " of " + Object.keys(distinct).length +
      (Object.keys(distinct).length === 1 ? " entry." : " entries.");
  }

  function later() { clearTimeout(timer); timer = setTimeout(render, 120); }
  textarea.addEventListener("input", later);
  regionSelect.addEventListener("change", render);
  yearInput.addEventListener("input", later);
  tip.addEventListener("mouseenter", function () { overTip = true; });
  tip.addEventListener("mouseleave", function () { overTip = false; hideTip(); });
  document.addEventListener("click", function (ev) {
    if (!tip.contains(ev.target)) { pinned = null; tip.hidden = true; }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { pinned = null; tip.hidden = true; }
  });
  window.GlossAnnotator = { render: render };
  render();
})();
