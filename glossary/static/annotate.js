/* The annotator page: highlight every glossary term in pasted text, with a tooltip per term, a list of
 * the terms found with their counts, and the document's terms exported as CSV or TBX.
 * The pasted text is only ever inserted as text nodes. */
(function () {
  "use strict";
  var data = window.GLOSS_DATA;
  var compiled = window.GlossMatcher.compile(data.matcher);
  var entries = data.entries;
  var root = document.documentElement.getAttribute("data-root") || "";
  var textarea = document.getElementById("text");
  var output = document.getElementById("output");
  var summary = document.getElementById("summary");
  var tip = document.getElementById("tip");
  var terms = document.getElementById("terms");
  var table = document.getElementById("found");
  var regionSelect = document.getElementById("region");
  var yearInput = document.getElementById("year");
  var pinned = null, overTip = false, timer = null, hideTimer = null;
  var marks = [], current = null, found = [];
  var termbase = null;

  function el(tag, props, text) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) { node.setAttribute(k, props[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function url(e) { return "entry/" + e.id + ".html"; }

  // A PDF's layout puts a blank line after every line: the view shows one line break for a run of
  // blank lines and keeps the rest in the page, hidden, so that the page's text stays the pasted text.
  var BLANK_LINES = /(\r?\n)((?:[ \t\u3000]*\r?\n)+)/g;
  function addText(parent, text) {
    var pos = 0, m;
    BLANK_LINES.lastIndex = 0;
    while ((m = BLANK_LINES.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(pos, m.index) + m[1]));
      parent.appendChild(el("span", { class: "gap" }, m[2]));
      pos = m.index + m[0].length;
    }
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
  }

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
  // A short delay lets the pointer travel from a term into its tooltip, and Tab from a term into its link.
  function hideTip() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      if (!pinned && !overTip && !tip.contains(document.activeElement)) tip.hidden = true;
    }, 250);
  }

  // The highlighted terms are one stop of the Tab order (the last one focused): arrow keys move
  // between them, Tab goes on into the open tooltip and its entry link, then to the list of terms.
  function focusMark(i, pin) {
    if (i < 0 || i >= marks.length) return;
    if (current !== null && marks[current]) marks[current].setAttribute("tabindex", "-1");
    current = i;
    marks[i].setAttribute("tabindex", "0");
    marks[i].focus();
    if (pin) showTip(marks[i], found[i], true);
  }

  function snippet(text, a) {
    var squash = function (s) { return s.replace(/\s+/g, ""); };
    return [squash(text.slice(Math.max(0, a.start - 12), a.start)).slice(-8), squash(a.surface),
            squash(text.slice(a.end, a.end + 12)).slice(0, 8)];
  }

  /* One row per entry in order of first use: its count, and its occurrences on demand. */
  function fillTerms(text) {
    var tbody = table.tBodies[0];
    tbody.textContent = "";
    var rows = {}, order = [];
    found.forEach(function (a, i) {
      if (!rows[a.entry]) { rows[a.entry] = []; order.push(a.entry); }
      rows[a.entry].push(i);
    });
    order.forEach(function (k) {
      var e = entries[k], first = found[rows[k][0]];
      var row = el("tr");
      var cell = el("td");
      cell.appendChild(el("a", { href: url(e), lang: "zh-CN" }, e.t));
      row.appendChild(cell);
      row.appendChild(el("td", {}, first.scopeMatch === false ? "not this text's meaning (a term of " + e.r + ")" :
                                   e.n + (e.s ? " (" + e.s + ")" : "")));
      row.appendChild(el("td", { class: "year" }, e.yl === null ? "—" : e.yl));
      var where = el("td", { class: "count" });
      var details = el("details");
      var n = rows[k].length;
      var label = el("summary", { "aria-label": n + (n === 1 ? " occurrence" : " occurrences") + " of " + e.t });
      label.textContent = String(n);
      details.appendChild(label);
      var list = el("ul", { class: "occurrences" });
      rows[k].forEach(function (i) {
        var parts = snippet(text, found[i]);
        var button = el("button", { type: "button", "data-mark": String(i), lang: "zh-CN" });
        button.appendChild(document.createTextNode(parts[0]));
        button.appendChild(el("b", {}, parts[1]));
        button.appendChild(document.createTextNode(parts[2]));
        var li = el("li");
        li.appendChild(button);
        list.appendChild(li);
      });
      details.appendChild(list);
      where.appendChild(details);
      row.appendChild(where);
      tbody.appendChild(row);
    });
    terms.hidden = !found.length;
  }

  function render() {
    var text = textarea.value;
    var year = parseInt(yearInput.value, 10);
    found = window.GlossMatcher.annotate(compiled, text, {
      region: regionSelect.value || null,
      year: isNaN(year) ? null : year,
    });
    output.textContent = "";
    pinned = null;
    tip.hidden = true;
    marks = [];
    current = null;
    var pos = 0;
    found.forEach(function (a, i) {
      var e = entries[a.entry];
      addText(output, text.slice(pos, a.start));
      var props = { tabindex: i ? "-1" : "0", "data-id": e.id, "aria-describedby": "tip", id: "m" + i };
      if (a.scopeMatch === false) props["class"] = "elsewhere";
      else if (a.scopeMatch === null) props["class"] = "unsure";
      var mark = el("mark", props);
      addText(mark, a.surface);
      mark.addEventListener("mouseenter", function () { if (!pinned) showTip(mark, a, false); });
      mark.addEventListener("mouseleave", hideTip);
      mark.addEventListener("focus", function () { if (pinned !== mark) showTip(mark, a, false); });
      mark.addEventListener("blur", hideTip);
      mark.addEventListener("click", function (ev) { ev.stopPropagation(); focusMark(i, true); });
      output.appendChild(mark);
      marks.push(mark);
      pos = a.end;
    });
    if (marks.length) current = 0;
    addText(output, text.slice(pos));
    fillTerms(text);
    var distinct = Object.keys(found.reduce(function (seen, a) { seen[a.entry] = true; return seen; }, {})).length;
    summary.textContent = text.trim() === "" ? "Nothing to annotate yet." :
      found.length + (found.length === 1 ? " match" : " matches") + " of " + distinct +
      (distinct === 1 ? " entry." : " entries.") +
      (found.length ? " Arrow keys move between the highlighted terms; Tab reaches the open term's entry link." : "");
    remember();
  }

  // The text and the context are kept in this page's history entry, so that Back restores them.
  function remember() {
    try {
      history.replaceState({ text: textarea.value, region: regionSelect.value, year: yearInput.value }, "");
    } catch (err) { /* a browser refusing history state only loses the restore on Back */ }
  }
  function restore() {
    var state = history.state;
    if (!state || typeof state.text !== "string") return;
    textarea.value = state.text;
    regionSelect.value = state.region || "";
    yearInput.value = state.year || "";
  }

  /* ---- Export: the same cells and structure as `gloss annotate --format csv|tbx` (render/termbase.py). */
  function loadTermbase() {
    if (termbase || window.GLOSS_TERMBASE) { termbase = window.GLOSS_TERMBASE; return Promise.resolve(termbase); }
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root + "termbase.js";
      script.onload = function () { termbase = window.GLOSS_TERMBASE; resolve(termbase); };
      script.onerror = function () { reject(new Error("termbase.js could not be loaded")); };
      document.body.appendChild(script);
    });
  }

  /* The entries the document uses, in order of first use, with counts; another place's term is left out. */
  function documentTerms() {
    var order = [], counts = {};
    found.forEach(function (a) {
      if (a.scopeMatch === false) return;
      if (!(a.entry in counts)) { order.push(a.entry); counts[a.entry] = 0; }
      counts[a.entry] += 1;
    });
    return { order: order, counts: counts };
  }

  function csvCell(value) {
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }
  function csvText(tb) {
    var doc = documentTerms();
    var lines = [tb.columns.concat(["count"])];
    doc.order.forEach(function (k) { lines.push(tb.entries[k].row.concat([String(doc.counts[k])])); });
    return lines.map(function (cells) { return cells.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function xmlText(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function xmlAttr(s) {
    return xmlText(s).replace(/"/g, "&quot;").replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#09;");
  }
  // [tag, attributes, text or children]; written indented by two spaces, as Python's ElementTree.indent.
  function xml(node, depth) {
    var pad = "\n" + "  ".repeat(depth);
    var attrs = Object.keys(node[1]).map(function (k) { return " " + k + '="' + xmlAttr(node[1][k]) + '"'; }).join("");
    var body = node[2];
    if (Array.isArray(body)) {
      if (!body.length) return "<" + node[0] + attrs + " />";
      return "<" + node[0] + attrs + ">" + body.map(function (c) { return pad + "  " + xml(c, depth + 1); }).join("") +
             pad + "</" + node[0] + ">";
    }
    return body ? "<" + node[0] + attrs + ">" + xmlText(body) + "</" + node[0] + ">" : "<" + node[0] + attrs + " />";
  }
  function langSet(lang, definition, source, names) {
    var children = [];
    if (definition) {
      children.push(["descripGrp", {}, [["descrip", { type: "definition" }, definition], ["admin", { type: "source" }, source]]]);
    }
    names.forEach(function (name, i) {
      var tig = [["term", {}, name], ["termNote", { type: "partOfSpeech" }, "noun"]];
      if (i) tig.push(["termNote", { type: "termType" }, "variant"]);
      children.push(["tig", {}, tig]);
    });
    return ["langSet", { "xml:lang": lang }, children];
  }
  function tbxText(tb) {
    var doc = documentTerms();
    var body = doc.order.map(function (k) {
      var t = tb.entries[k], row = t.row, id = row[7];
      return ["termEntry", { id: "gloss-" + id }, [
        ["descrip", { type: "subjectField" }, "Chinese government and party policy"],
        ["note", {}, t.note + "; occurrences in the document: " + doc.counts[k]],
        langSet("zh-Hans", row[2], t.source, [row[0]].concat(t.aliases)),
        langSet("en", row[3], t.source, [row[1]]),
      ]];
    });
    var martif = ["martif", { type: "TBX-Basic", "xml:lang": "en" }, [
      ["martifHeader", {}, [
        ["fileDesc", {}, [["titleStmt", {}, [["title", {}, tb.title]]], ["sourceDesc", {}, [["p", {}, tb.description]]]]],
        ["encodingDesc", {}, [["p", { type: "XCSURI" }, "TBXBasicXCSV02.xcs"]]],
      ]],
      ["text", {}, [["body", {}, body]]],
    ]];
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml(martif, 0) + "\n";
  }

  function download(name, type, text) {
    var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }
  function exporter(name, type, make) {
    return function () {
      loadTermbase().then(function (tb) { download(name, type, make(tb)); });
    };
  }

  function later() { clearTimeout(timer); timer = setTimeout(render, 120); }
  textarea.addEventListener("input", later);
  regionSelect.addEventListener("change", render);
  yearInput.addEventListener("input", later);
  document.getElementById("export-csv").addEventListener("click", exporter("terms.csv", "text/csv", csvText));
  document.getElementById("export-tbx").addEventListener("click", exporter("terms.tbx", "application/xml", tbxText));
  output.addEventListener("keydown", function (ev) {
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
    if (current === null) return;
    if (step) focusMark(current + step, false);
    else if (ev.key === "Home") focusMark(0, false);
    else if (ev.key === "End") focusMark(marks.length - 1, false);
    else if (ev.key === "Enter" || ev.key === " ") { focusMark(current, true); tip.querySelector("a").focus(); }
    else return;
    ev.preventDefault();
  });
  table.addEventListener("click", function (ev) {
    var button = ev.target.closest("button[data-mark]");
    if (!button) return;
    ev.stopPropagation();
    var i = parseInt(button.getAttribute("data-mark"), 10);
    marks[i].scrollIntoView({ block: "center" });
    focusMark(i, true);
  });
  tip.addEventListener("mouseenter", function () { overTip = true; });
  tip.addEventListener("mouseleave", function () { overTip = false; hideTip(); });
  tip.addEventListener("focusout", function (ev) {
    if (!tip.contains(ev.relatedTarget) && marks.indexOf(ev.relatedTarget) === -1) { pinned = null; hideTip(); }
  });
  document.addEventListener("click", function (ev) {
    if (!tip.contains(ev.target)) { pinned = null; tip.hidden = true; }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || tip.hidden) return;
    var back = tip.contains(document.activeElement) && current !== null ? marks[current] : null;
    if (back) back.focus();
    pinned = null;
    tip.hidden = true;
  });
  window.GlossAnnotator = {
    render: render,
    csv: function () { return loadTermbase().then(csvText); },
    tbx: function () { return loadTermbase().then(tbxText); },
  };
  restore();
  render();
})();
