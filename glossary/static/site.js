/* Search as you type (every page) and the index filters. Data comes from data.js (window.GLOSS_DATA),
 * which a page loads only when search is first used (the annotator loads it itself).
 * Every string from the glossary or the user is inserted with textContent, never as HTML. */
(function () {
  "use strict";
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

  /* The ranking rule of gloss.lookup, step for step (tests/vectors/search.json runs against both). */
  var TRADITIONAL = {};
  var LATIN = /^[a-zA-Z0-9üÜ:'\s\u0300-\u036f\u00c0-\u024f-]+$/;
  function fold(text) {
    text = text.toLowerCase().replace(/[\uff01-\uff5e]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xfee0); });
    return Array.from(text).map(function (c) { return TRADITIONAL[c] || c; }).join("");
  }
  function wordSet(list) { var set = Object.create(null); list.forEach(function (w) { set[w] = true; }); return set; }

  var records = null, loading = null;

  function prepare() {
    var data = window.GLOSS_DATA;
    TRADITIONAL = data.matcher.traditional || {};  // the table the matcher folds text with
    records = data.entries.map(function (e) {
      var nameWords = words(e.n);
      return {
        e: e,
        forms: [e.t].concat(e.a).map(fold),
        nameWords: nameWords,
        nameSet: wordSet(nameWords),
        allWords: nameWords.concat(words(e.d)),
        allSet: wordSet(nameWords.concat(words(e.d))),
        level: data.levels.indexOf(e.l),  // the wider the scope the earlier, as in gloss.lookup
        length: Array.from(e.t).length,
      };
    });
  }

  /* Resolves once the glossary data is there: data.js is added to the page on first use. */
  function load() {
    if (records) return Promise.resolve();
    if (window.GLOSS_DATA) { prepare(); return Promise.resolve(); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + "data.js";
        script.onload = function () { prepare(); resolve(); };
        script.onerror = function () { loading = null; reject(new Error("data.js could not be loaded")); };
        document.body.appendChild(script);
      });
    }
    return loading;
  }

  function prefixOfSome(list, w) { return list.some(function (x) { return x.indexOf(w) === 0; }); }

  /* [tier, sub] of one entry for a query, or null when it does not match. */
  function tier(r, q) {
    var e = r.e;
    if (r.forms.indexOf(q.key) !== -1 || q.raw === e.id) return [0, 0];
    if (q.latin && q.spelled && (e.c.indexOf(q.spelled) === 0 || e.i.indexOf(q.spelled) === 0)) {
      return [1, q.spelled === e.c || q.spelled === e.i ? 0 : 1];
    }
    if (!q.latin) {
      var inside = r.forms.filter(function (f) { return Array.from(f).length >= 2 && q.key.indexOf(f) !== -1; })
        .map(function (f) { return Array.from(f).length; });
      if (inside.length) return [2, -Math.max.apply(null, inside)];
      if (r.forms.some(function (f) { return f.indexOf(q.key) !== -1; })) return [3, 0];
    }
    if (!q.words.length) return null;
    var sets = [[4, r.nameSet, r.nameWords], [6, r.allSet, r.allWords]];
    for (var k = 0; k < sets.length; k++) {
      var set = sets[k][1], list = sets[k][2];
      if (q.words.every(function (w) { return set[w]; })) return [sets[k][0], 0];
      if (q.words.every(function (w) { return prefixOfSome(list, w); })) return [sets[k][0] + 1, 0];
    }
    return null;
  }

  function compare(x, y) {
    return x.t[0] - y.t[0] || x.t[1] - y.t[1] || x.r.level - y.r.level || x.r.length - y.r.length ||
      (x.r.e.c < y.r.e.c ? -1 : x.r.e.c > y.r.e.c ? 1 : 0) || (x.r.e.id < y.r.e.id ? -1 : x.r.e.id > y.r.e.id ? 1 : 0);
  }

  /* Every matching entry, best first, as [{e, tier}]. */
  function ranked(query) {
    var raw = query.trim();
    if (!raw || !records) return [];
    var folded = fold(raw);
    var latin = LATIN.test(folded);
    var q = { raw: raw, key: folded.replace(/\s+/g, ""), latin: latin, spelled: latin ? compact(folded) : "",
              words: latin ? words(folded) : [] };
    return records
      .map(function (r) { return { r: r, t: tier(r, q) }; })
      .filter(function (x) { return x.t !== null; })
      .sort(compare)
      .map(function (x) { return { e: x.r.e, tier: x.t[0] }; });
  }

  function search(query) { return ranked(query).map(function (x) { return x.e; }); }
  function ready() { return records !== null; }

  /* Nearest entries for an empty result: pinyin or term within a small edit distance, or sharing characters. */
  function distance(a, b) {
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }
  function nearest(query, limit) {
    var folded = fold(query.trim()).replace(/\s+/g, ""), latin = LATIN.test(folded), probe = latin ? compact(folded) : folded;
    if (!probe) return [];
    return records
      .map(function (r) {
        var d = latin ? Math.min(distance(probe, r.e.c), distance(probe, r.e.i)) :
          Math.min.apply(null, r.forms.map(function (f) { return distance(probe, f); }));
        return { r: r, d: d };
      })
      .filter(function (x) { return x.d <= Math.max(1, Math.floor(probe.length / 2)); })
      .sort(function (x, y) { return x.d - y.d || x.r.length - y.r.length; })
      .slice(0, limit)
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

    var all = [], expanded = false;

    function show(keepExpanded) {
      all = search(input.value);
      if (!keepExpanded) expanded = false;
      results = expanded ? all : all.slice(0, MAX_RESULTS);
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
      if (open && all.length > results.length) {
        var more = el("li", { class: "more", role: "presentation" });
        var button = el("button", { type: "button" }, "Show all " + all.length + " results");
        button.addEventListener("mousedown", function (ev) { ev.preventDefault(); expanded = true; show(true); });
        more.appendChild(button);
        list.appendChild(more);
      }
      if (open && !all.length) {
        var none = el("li", { class: "none", role: "presentation" }, "No entry matches.");
        var near = nearest(input.value, 5);
        if (near.length) {
          none.appendChild(document.createTextNode(" Nearest: "));
          near.forEach(function (e, k) {
            if (k) none.appendChild(document.createTextNode(", "));
            var link = el("a", { href: root + "entry/" + e.id + ".html", lang: "zh-CN" }, e.t);
            link.addEventListener("mousedown", function (ev) { ev.preventDefault(); window.location.href = link.href; });
            none.appendChild(link);
          });
        }
        list.appendChild(none);
      }
      status.textContent = open ? all.length + (all.length === 1 ? " result" : " results") : "";
      setActive(results.length ? 0 : -1);
    }

    function go(i) {
      if (results[i]) window.location.href = root + "entry/" + results[i].id + ".html";
    }

    function later() { load().then(function () { show(false); }, function (err) { status.textContent = err.message; }); }
    input.addEventListener("input", later);
    input.addEventListener("focus", function () { if (input.value.trim()) later(); else load().catch(function () {}); });
    input.addEventListener("blur", function () { list.hidden = true; input.setAttribute("aria-expanded", "false"); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" && results.length) {
        ev.preventDefault();
        if (list.hidden) later(); else setActive((active + 1) % results.length);
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
      input.focus();
      later();
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
    // A select fires both "input" and "change": listening to one runs the filter once per change.
    form.addEventListener("input", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  }

  window.GlossSearch = { load: load, ready: ready, search: search, ranked: ranked, nearest: nearest, plain: plain };
  setupSearch();
  setupFilters();
})();
