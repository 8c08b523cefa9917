/* gloss in any page: underline the glossary's terms and explain one in a popup.
 *
 * Runs in the extension's isolated world after matcher.js and gloss-data.js. The page's text nodes are
 * read in document order and joined, with a line break between blocks, into one string that the
 * matcher scans exactly as it scans pasted text; each match is then wrapped, piece by piece, in
 * <gloss-term> elements, so a term split across elements or lines is still found. Nothing is sent
 * anywhere: the glossary ships inside the extension.
 */
(function () {
  "use strict";
  var data = window.GLOSS_EXTENSION_DATA;
  var M = window.GlossMatcher;
  var compiled = null;
  var TAG = "gloss-term";
  var SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEXTAREA|INPUT|SELECT|OPTION|BUTTON|CODE|PRE|SVG|MATH|IFRAME|CANVAS|TEMPLATE|GLOSS-TERM|GLOSS-POPUP)$/;
  var BLOCK = /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BODY|BR|DD|DETAILS|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|SECTION|SUMMARY|TABLE|TBODY|TD|TFOOT|TH|THEAD|TR|UL)$/;
  // One style sheet for every underline: cheaper than a style attribute per term on a large page.
  var CSS = TAG + " { text-decoration: underline dotted #b3261e 2px; text-underline-offset: 3px; cursor: help; }\n" +
    TAG + "[data-out-of-scope] { text-decoration: underline dashed #888 1px; }\n" +
    TAG + ":focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }\n";
  var sheet = null;
  var BATCH_CHARS = 20000; // text scanned per slice of work, so a 1 MB page never blocks the tab for long
  var THROTTLE_MS = 400;
  var enabled = false, observer = null, pending = [], timer = null, popup = null, stats = { ms: 0, matching: 0, longest: 0, terms: 0 };

  function block(node) {
    for (var el = node.parentNode; el && el.nodeType === 1; el = el.parentNode) {
      if (BLOCK.test(el.nodeName)) return el;
    }
    return null;
  }

  function skipped(el) {
    for (; el && el.nodeType === 1; el = el.parentNode) {
      if (SKIP.test(el.nodeName) || el.isContentEditable || el.getAttribute("aria-hidden") === "true") return true;
    }
    return false;
  }

  /* Runs of text nodes under `root`: [{nodes: [[node, start]], text}], cut at block edges once a run
   * holds BATCH_CHARS characters. */
  function runs(root) {
    var out = [], current = { nodes: [], text: "" }, lastBlock;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        return n.nodeValue && /\S/.test(n.nodeValue) && !skipped(n.parentNode) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var b = block(node);
      if (current.nodes.length && b !== lastBlock) {
        if (current.text.length >= BATCH_CHARS) { out.push(current); current = { nodes: [], text: "" }; }
        else current.text += "\n";
      }
      current.nodes.push([node, current.text.length]);
      current.text += node.nodeValue;
      lastBlock = b;
    }
    if (current.nodes.length) out.push(current);
    return out;
  }

  /* Wrap [start, end) of a run, which may cross several of its text nodes, in <gloss-term> elements.
   * Annotations come last first, so `cursor` (the run's node index to look from) only moves back. */
  function wrap(run, a, index, cursor) {
    var i = cursor;
    while (i > 0 && run.nodes[i][1] >= a.end) i--;
    for (var j = i; j >= 0; j--) {
      var node = run.nodes[j][0], from = run.nodes[j][1], to = from + node.nodeValue.length;
      if (to <= a.start) break;
      if (from >= a.end) continue;
      var s = Math.max(a.start, from) - from, e = Math.min(a.end, to) - from;
      var middle = s > 0 ? node.splitText(s) : node;
      if (e - s < middle.nodeValue.length) middle.splitText(e - s);
      var mark = document.createElement(TAG);
      mark.setAttribute("data-gloss", String(index));
      mark.setAttribute("tabindex", "0");
      mark.setAttribute("role", "button");
      if (a.scopeMatch === false) mark.setAttribute("data-out-of-scope", "");
      middle.parentNode.insertBefore(mark, middle);
      mark.appendChild(middle);
    }
    return i;
  }

  var found = [];

  function annotateRun(run) {
    var started = performance.now();
    var annotations = M.annotate(compiled, run.text, {});
    var matched = performance.now();
    var cursor = run.nodes.length - 1;
    for (var k = annotations.length - 1; k >= 0; k--) {
      found.push(annotations[k]);
      cursor = wrap(run, annotations[k], found.length - 1, cursor);
    }
    var ms = performance.now() - started;
    stats.ms += ms;
    stats.matching += matched - started;
    stats.longest = Math.max(stats.longest, ms);
    stats.terms += annotations.length;
  }

  function annotateRoots(roots, done) {
    var work = [];
    roots.forEach(function (root) { work = work.concat(runs(root)); });
    (function next() {
      if (!enabled) return;
      var run = work.shift();
      if (!run) { if (done) done(); return; }
      annotateRun(run);
      setTimeout(next, 0);
    })();
  }

  function el(tag, text, style) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (style) node.style.cssText = style;
    return node;
  }

  function showPopup(mark) {
    var a = found[Number(mark.getAttribute("data-gloss"))];
    var e = data.entries[a.entry];
    hidePopup();
    popup = document.createElement("gloss-popup");
    var shadow = popup.attachShadow({ mode: "open" });
    var box = el("div", undefined,
      "all: initial; display: block; position: absolute; z-index: 2147483647; max-width: 380px; background: #fff; " +
      "color: #1b1b1b; border: 1px solid #999; border-radius: 6px; padding: 10px 12px; font: 14px/1.5 system-ui, sans-serif; " +
      "box-shadow: 0 4px 16px rgba(0,0,0,.2);");
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", e.t);
    var head = el("div", undefined, "font-weight: 600;");
    head.appendChild(el("span", e.t));
    head.appendChild(el("span", " " + e.p + " — " + e.n, "font-weight: 400;"));
    box.appendChild(head);
    if (a.scopeMatch === false) {
      box.appendChild(el("p", "Not this text's meaning: a sense used in " + e.r + ", shown for reference.",
        "margin: 6px 0; color: #8a4b00;"));
    } else if (a.alternatives.length) {
      box.appendChild(el("p", "Sense: " + (e.s || e.n) + " (confidence " + a.confidence + ")", "margin: 6px 0; color: #555;"));
    }
    if (e.z) box.appendChild(el("p", e.z, "margin: 6px 0;"));
    box.appendChild(el("p", e.d || "Undocumented: no source found explains this term.", "margin: 6px 0;"));
    box.appendChild(el("p", "First used: " + (e.yl || "not known") + " · scope: " + e.l + " · " + e.r, "margin: 6px 0; color: #555;"));
    if (e.src) box.appendChild(el("p", "Source: " + e.src, "margin: 6px 0; color: #555; font-size: 12px;"));
    var link = el("a", "Open the entry", "color: #0b57d0; cursor: pointer; text-decoration: underline;");
    link.setAttribute("href", "#");
    link.addEventListener("click", function (ev) {
      ev.preventDefault();
      chrome.runtime.sendMessage({ open: e.id });
    });
    box.appendChild(link);
    shadow.appendChild(box);
    var r = mark.getBoundingClientRect();
    box.style.left = Math.max(8, r.left + window.scrollX) + "px";
    box.style.top = (r.bottom + window.scrollY + 6) + "px";
    document.documentElement.appendChild(popup);
  }

  function hidePopup() {
    if (popup) { popup.remove(); popup = null; }
  }

  function onClick(ev) {
    var mark = ev.target.closest && ev.target.closest(TAG);
    if (mark) { ev.preventDefault(); ev.stopPropagation(); showPopup(mark); }
    else if (popup && ev.target !== popup) hidePopup();
  }
  function onKey(ev) {
    if (ev.key === "Escape") hidePopup();
    else if ((ev.key === "Enter" || ev.key === " ") && ev.target.nodeName === TAG.toUpperCase()) {
      ev.preventDefault();
      showPopup(ev.target);
    }
  }

  function ours(node) {
    return node.nodeName === TAG.toUpperCase() || node.nodeName === "GLOSS-POPUP";
  }

  function onMutations(records) {
    records.forEach(function (r) {
      r.addedNodes.forEach(function (n) {
        if (!ours(n) && !(n.parentNode && ours(n.parentNode)) && (n.nodeType === 1 || n.nodeType === 3)) pending.push(n);
      });
    });
    if (pending.length && !timer) timer = setTimeout(flush, THROTTLE_MS);
  }

  function flush() {
    timer = null;
    var roots = pending.filter(function (n) { return n.isConnected; });
    pending = [];
    // A new text node is read with its parent element, so its neighbours count too.
    roots = roots.map(function (n) { return n.nodeType === 3 ? n.parentNode : n; })
      .filter(function (n, i, all) { return n && all.indexOf(n) === i && !skipped(n); });
    annotateRoots(roots, report);
  }

  function report() {
    document.documentElement.setAttribute("data-gloss-terms", String(stats.terms));
    document.documentElement.setAttribute("data-gloss-ms",
      [stats.ms, stats.longest, stats.matching].map(function (x) { return x.toFixed(1); }).join(" "));
  }

  function start() {
    if (enabled || !document.body) return;
    enabled = true;
    compiled = compiled || M.compile(data.matcher);
    sheet = document.createElement("style");
    sheet.textContent = CSS;
    (document.head || document.documentElement).appendChild(sheet);
    document.addEventListener("click", onClick, true);
    document.addEventListener("keydown", onKey, true);
    annotateRoots([document.body], function () {
      report();
      observer = new MutationObserver(onMutations);
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }

  function stop() {
    enabled = false;
    if (observer) observer.disconnect();
    observer = null;
    hidePopup();
    if (sheet) sheet.remove();
    sheet = null;
    document.removeEventListener("click", onClick, true);
    document.removeEventListener("keydown", onKey, true);
    document.querySelectorAll(TAG).forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
    found = [];
    stats = { ms: 0, matching: 0, longest: 0, terms: 0 };
    document.documentElement.removeAttribute("data-gloss-terms");
    document.documentElement.removeAttribute("data-gloss-ms");
  }

  function apply(off) {
    if ((off || []).indexOf(location.host) === -1) start(); else stop();
  }

  chrome.storage.local.get({ off: [] }, function (items) { apply(items.off); });
  chrome.storage.onChanged.addListener(function (changes) { if (changes.off) apply(changes.off.newValue); });
  chrome.runtime.onMessage.addListener(function (message, sender, reply) {
    if (message && message.site) reply({ host: location.host, terms: stats.terms, on: enabled });
  });
})();
