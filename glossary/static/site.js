/* Search as you type (every page) and the index filters. Data comes from data.js (window.GLOSS_DATA).
 * Every string from the glossary or the user is inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var data = window.GLOSS_DATA;
  var root = document.documentElement.getAttribute("data-root") || "";
  var MAX_RESULTS = 12;

  function el(tag, props, text) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { node.setAttribute(k, props[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* Lower-case, fold full-width ASCII, drop tone marks and tone numbers; ü as v (gloss.pinyin.strip_tones). */
  function plain(text) {
    text = text.toLowerCase().replace(/ü/g, "v").replace(/u:/g, "v");
    text = text.replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
    text = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return text.replace(/([a-z])[1-5]/g, "$1");
  }
  function compact(text) { return plain(text).replace(/[^a-z0-9]+/g, ""); }
  function words(text) { return plain(text || "").split(/[^a-z0-9]+/).filter(Boolean); }

  var records = (data ? data.entries : []).map(function (e, order) {
    return {
      e: e,
      order: order,
      forms: [e.t].concat(e.a).map(function (f) { return f.toLowerCase(); }),
      nameWords: words(e.n),
      defWords: words(e.d),
      name: plain(e.n),
    };
  });

  /* Score of one entry for a query; 0 when it does not match. Exact forms first, then prefixes, then words. */
  function score(r, q, qc, qwords) {
    var s = 0, e = r.e;
    if (r.forms.indexOf(q) !== -1) s = 100;
    else if (r.forms.some(function (f) { return f.indexOf(q) !== -1; })) s = 80;
    if (qc) {
      if (e.i === qc) s = Math.max(s, 90);
      if (e.c === qc) s = Math.max(s, 95);
      if (qc.length >= 2 && e.c.indexOf(qc) === 0) s = Math.max(s, 70);
      if (qc.length >= 2 && e.i.indexOf(qc) === 0) s = Math.max(s, 60);
    }
    if (qwords.length) {
      if (r.name === qwords.join(" ")) s = Math.max(s, 92);
      var inName = qwords.every(function (w) {
        return r.nameWords.some(function (n) { return n.indexOf(w) === 0; });
      });
      if (inName) s = Math.max(s, 75);
      else if (qwords.every(function (w) {
        return r.nameWords.concat(r.defWords).some(function (n) { return n.indexOf(w) === 0; });
      })) s = Math.max(s, 40);
    }
    return s;
  }

  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var qc = compact(q), qwords = words(q);
    return records
      .map(function (r) { return { r: r, s: score(r, q, qc, qwords) }; })
      .filter(function (x) { return x.s > 0; })
      .sort(function (x, y) { return y.s - x.s || x.r.order - y.r.order; })
      .slice(0, MAX_RESULTS)
      .map(function (x) { return x.r.e; });
  }

  function setupSearch() {
    var input = document.getElementById("q");
    var list = document.getElementById("q-results");
    var status = document.getElementById("q-status");
    if (!input || !list) return;
    var results = [], active = -1;

    function setActive(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, k) {
        li.setAttribute("aria-selected", k === i ? "true" : "false");
        if (k === i) li.scrollIntoView({ block: "nearest" });
      });
      if (i >= 0) input.setAttribute("aria-activedescendant", "q-opt-" + i);
      else input.removeAttribute("aria-activedescendant");
    }

    function show() {
      results = search(input.value);
      list.textContent = "";
      results.forEach(function (e, i) {
        var li = el("li", { id: "q-opt-" + i, role: "option", "aria-selected": "false" });
        var a = el("a", { href: root + "entry/" + e.id + ".html", tabindex: "-1" });
        a.appendChild(el("span", { lang: "zh-CN", class: "r-term" }, e.t));
        a.appendChild(el("span", { class: "r-pinyin" }, e.p));
        a.appendChild(el("span", { class: "r-name" }, e.n + (e.s ? " (" + e.s + ")" : "")));
        li.appendChild(a);
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); go(i); });
        list.appendChild(li);
      });
      var open = input.value.trim() !== "";
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && !results.length) list.appendChild(el("li", { class: "none", role: "presentation" }, "No entry matches."));
      status.textContent = open ? results.length + (results.length === 1 ? " result" : " results") : "";
      setActive(results.length ? 0 : -1);
    }

    function go(i) {
      if (results[i]) window.location.href = root + "entry/" + results[i].id + ".html";
    }

    input.addEventListener("input", show);
    input.addEventListener("focus", function () { if (input.value.trim()) show(); });
    input.addEventListener("blur", function () { list.hidden = true; input.setAttribute("aria-expanded", "false"); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && results.length) {
        ev.preventDefault();
        if (list.hidden) show(); else setActive((active + 1) % results.length);
      } else if (ev.key === "ArrowUp" && results.length) {
        ev.preventDefault();
        setActive(active <= 0 ? results.length - 1 : active - 1);
      } else if (ev.key === "Enter") {
        if (results.length) { ev.preventDefault(); go(active < 0 ? 0 : active); }
      } else if (ev.key === "Escape") {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
      }
    });
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) {
      input.value = params.get("q");
      show();
      input.focus();
    }
  }

  function setupFilters() {
    var form = document.getElementById("filters");
    if (!form) return;
    form.hidden = false;
    var count = document.getElementById("filter-count");
    var rows = document.querySelectorAll("table.entries tbody tr");

    function apply() {
      var kind = form.elements.kind.value, level = form.elements.level.value, region = form.elements.region.value;
      var from = parseInt(form.elements.from.value, 10), to = parseInt(form.elements.to.value, 10);
      var shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var year = parseInt(row.getAttribute("data-year"), 10);
        var ok = (!kind || row.getAttribute("data-kind") === kind) &&
          (!level || row.getAttribute("data-level") === level) &&
          (!region || row.getAttribute("data-region") === region) &&
          (isNaN(from) || (!isNaN(year) && year >= from)) &&
          (isNaN(to) || (!isNaN(year) && year <= to));
        row.hidden = !ok;
        if (ok) shown++;
      });
      document.querySelectorAll("section.letter").forEach(function (section) {
        section.hidden = !section.querySelector("tbody tr:not([hidden])");
      });
      document.querySelectorAll("nav.letters a").forEach(function (a) {
        var target = document.getElementById(a.getAttribute("href").slice(1));
        a.parentNode.hidden = !!(target && target.hidden);
      });
      count.textContent = shown === rows.length ? "" : shown + " of " + rows.length + " entries shown";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  }

  window.GlossSearch = { search: search, plain: plain };
  setupSearch();
  setupFilters();
})();
