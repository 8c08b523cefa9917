/* The glossary matcher in the browser: the rules of gloss.normalize and gloss.annotate.
 *
 * Keys arrive already normalised and classified by Python (data.js, "matcher"), so this file only
 * normalises the pasted text, scans it and applies the per-key rules. tests/vectors/matching.json is
 * run against this file and the Python matcher so the two cannot drift. Offsets are UTF-16 code
 * units of the original text (what DOM ranges and String.slice use).
 */
(function (root) {
  "use strict";

  // Python's str.isspace() characters, as the \s of gloss.normalize's pattern matches them.
  var SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  // Zero-width characters, then bidirectional controls and the soft hyphen (as gloss.normalize).
  var ZERO_WIDTH = "\\u200b\\u200c\\u200d\\u2060\\ufeff" + "\\u00ad\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069";
  // Footer lines of PDF text ("— 35 —", with blank lines and trailing blanks before them, CRLF too)
  // first, so such a line goes as one deletion; then layout runs. Same pattern as gloss.normalize.
  var LAYOUT_SOURCE =
    "[ \\t\\r]*\\n(?:[ \\t\\r]*\\n)*[ \\t]*[—–-]{1,2}[ \\t]*\\p{Nd}{1,4}[ \\t]*[—–-]{1,2}[ \\t\\r]*(?=\\n|$)" +
    "|[" + SPACE + ZERO_WIDTH + "]+";
  var IS_SPACE = new RegExp("^[" + SPACE + "]$", "u");
  var IS_ZERO_WIDTH = new RegExp("^[" + ZERO_WIDTH + "]$", "u");
  var ALNUM = /^[0-9a-z]$/;
  var DIGIT = /^[0-9]$/;
  var JOINERS = ".,";
  var QUOTES = "“”‘’「」『』\"'";
  var NATIONAL_MARKERS = ["国务院", "全国人民代表大会"];
  var DEPTH = { national: 0, province: 1, city: 2, county: 3, district: 3 };

  function isAlnum(c) { return c !== undefined && ALNUM.test(c); }
  function isDigit(c) { return c !== undefined && DIGIT.test(c); }

  /* Full-width ASCII to half-width and A-Z to lower case, one code unit for one. */
  function fold(text) {
    var out = new Array(text.length);
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xff21 && c <= 0xff3a) c = c - 0xfee0 + 32;
      else if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
      else if (c === 0x3000) c = 0x20;
      else if (c >= 0x41 && c <= 0x5a) c += 32;
      out[i] = String.fromCharCode(c);
    }
    return out.join("");
  }

  function keepsSpace(folded, a, b, n) {
    if (a === 0 || b >= n || !isAlnum(folded[a - 1]) || !isAlnum(folded[b])) return false;
    var anySpace = false;
    for (var i = a; i < b; i++) {
      var c = folded[i];
      if (IS_SPACE.test(c)) anySpace = true;
      else if (!IS_ZERO_WIDTH.test(c)) return false;
    }
    return anySpace;
  }

  /* The match view of `text` and its map back to original offsets (gloss.normalize.match_view). */
  function matchView(text) {
    var folded = fold(text);
    var layout = new RegExp(LAYOUT_SOURCE, "gu");
    var pieces = [], starts = [], shifts = [];
    var pos = 0, deleted = 0, n = folded.length, m;
    while ((m = layout.exec(folded)) !== null) {
      var a = m.index, b = a + m[0].length;
      pieces.push(folded.slice(pos, a));
      pos = b;
      if (keepsSpace(folded, a, b, n)) {
        pieces.push(" ");
        if (b - a === 1) continue;
        deleted += b - a - 1;
      } else {
        deleted += b - a;
      }
      starts.push(b - deleted);
      shifts.push(deleted);
    }
    pieces.push(folded.slice(pos));
    return { text: pieces.join(""), starts: starts, shifts: shifts };
  }

  function toOriginal(view, index) {
    var lo = 0, hi = view.starts.length;  // bisect_right
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (index < view.starts[mid]) hi = mid; else lo = mid + 1;
    }
    return index + (lo > 0 ? view.shifts[lo - 1] : 0);
  }

  /* A compiled glossary: a trie over the keys plus their rules. */
  function compile(data) {
    var trie = { next: Object.create(null), key: -1 };
    var keys = data.keys.map(function (raw, index) {
      var node = trie;
      for (var i = 0; i < raw[0].length; i++) {
        var c = raw[0][i];
        node = node.next[c] || (node.next[c] = { next: Object.create(null), key: -1 });
      }
      node.key = index;
      return {
        text: raw[0],
        senses: raw[1].map(function (s) {
          return { entry: s[0], headWords: s[1], blockers: s[2], needsContext: !!s[3], quotedOnly: !!s[4] };
        }),
        alnumStart: !!raw[2],
        alnumEnd: !!raw[3],
      };
    });
    return { trie: trie, keys: keys, data: data };
  }

  function edgesOk(view, start, end, key) {
    if (key.alnumStart && start > 0) {
      var before = view[start - 1];
      if (isAlnum(before)) return false;
      if (JOINERS.indexOf(before) !== -1 && start > 1 && isDigit(view[start - 2]) && isDigit(key.text[0])) return false;
    }
    if (key.alnumEnd && end < view.length) {
      var after = view[end];
      if (isAlnum(after)) return false;
      if (JOINERS.indexOf(after) !== -1 && end + 1 < view.length && isDigit(view[end + 1]) &&
          isDigit(key.text[key.text.length - 1])) return false;
    }
    return true;
  }

  function quoted(view, start, end) {
    return start > 0 && end < view.length && QUOTES.indexOf(view[start - 1]) !== -1 && QUOTES.indexOf(view[end]) !== -1;
  }

  function senseOk(view, start, end, sense) {
    if (sense.quotedOnly && !quoted(view, start, end)) return false;
    if (sense.needsContext && !(quoted(view, start, end) ||
        sense.headWords.some(function (h) { return view.startsWith(h, end); }))) return false;
    for (var i = 0; i < sense.blockers.length; i++) {
      var at = start - sense.blockers[i][1];
      if (at >= 0 && view.startsWith(sense.blockers[i][0], at)) return false;
    }
    return true;
  }

  /* Every rule-abiding match: [start, end, entry indexes], leftmost first, longest first. */
  function candidates(compiled, view) {
    var found = [];
    for (var start = 0; start < view.length; start++) {
      var node = compiled.trie;
      for (var j = start; j < view.length; j++) {
        node = node.next[view[j]];
        if (!node) break;
        if (node.key < 0) continue;
        var key = compiled.keys[node.key], end = j + 1;
        if ((key.alnumStart || key.alnumEnd) && !edgesOk(view, start, end, key)) continue;
        var allowed = [];
        key.senses.forEach(function (s) { if (senseOk(view, start, end, s)) allowed.push(s.entry); });
        if (allowed.length) found.push([start, end, allowed]);
      }
    }
    found.sort(function (x, y) { return x[0] - y[0] || (y[1] - y[0]) - (x[1] - x[0]); });
    return found;
  }

  function select(found) {
    var chosen = [], lastEnd = -1;
    found.forEach(function (c) { if (c[0] >= lastEnd) { chosen.push(c); lastEnd = c[1]; } });
    return chosen;
  }

  /* The offset `count` code points after (count > 0) or before (count < 0) `i` in `s`: the match view
   * counts UTF-16 units, Python counts code points, and windows must cover the same characters. */
  function stepCodePoints(s, i, count) {
    for (; count > 0 && i < s.length; count--) i += s.codePointAt(i) > 0xffff ? 2 : 1;
    for (; count < 0 && i > 0; count++) {
      i -= 1;
      if (i > 0 && /[\udc00-\udfff]/.test(s[i]) && /[\ud800-\udbff]/.test(s[i - 1])) i -= 1;
    }
    return i;
  }

  var DATE = /((?:19|20)[0-9]{2})年[0-9]{1,2}月[0-9]{1,2}日/;
  var YEAR = /((?:19|20)[0-9]{2})年/;

  function detectYear(view, headChars) {
    var head = view.slice(0, stepCodePoints(view, 0, headChars));
    var m = DATE.exec(head) || YEAR.exec(head);
    return m ? parseInt(m[1], 10) : null;
  }

  function detectRegion(view, regions, headChars) {
    var head = view.slice(0, stepCodePoints(view, 0, headChars)), best = null, bestKey = null;
    regions.forEach(function (r) {
      if (r[1] === "national" || head.indexOf(r[0]) === -1) return;
      var key = [DEPTH[r[1]], -head.indexOf(r[0])];
      if (best === null || key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
        best = r[0];
        bestKey = key;
      }
    });
    if (best !== null) return best;
    if (NATIONAL_MARKERS.some(function (m) { return head.indexOf(m) !== -1; })) {
      var national = regions.filter(function (r) { return r[1] === "national"; });
      return national.length ? national[0][0] : null;
    }
    return null;
  }

  function ancestors(parents, name) {
    var chain = [], seen = Object.create(null), current = name;
    while (current !== null && current !== undefined && !seen[current]) {
      chain.push(current);
      seen[current] = true;
      current = parents[current];
    }
    return chain;
  }

  function regionScore(entry, region, parents) {
    if (region === null) return 0;
    var chain = ancestors(parents, region);
    var at = chain.indexOf(entry.r);
    if (at !== -1) return 4 - 0.5 * at;
    if (ancestors(parents, entry.r).indexOf(region) !== -1) return 1;
    return 0;
  }

  /* The best sense by region, year and cue words (gloss.resolve.choose). */
  function choose(data, owners, region, year, window, parents) {
    var scores = owners.map(function (i) {
      var e = data.entries[i];
      var score = regionScore(e, region, parents);
      if (year !== null && e.y !== null && e.y > year) score -= 2;
      var cues = e.cues.filter(function (c) { return window.indexOf(c) !== -1; }).length;
      return score + Math.min(3, cues);
    });
    var best = 0;
    for (var i = 1; i < scores.length; i++) if (scores[i] > scores[best]) best = i;
    var total = scores.reduce(function (sum, s) { return sum + Math.exp(s); }, 0);
    return {
      entry: owners[best],
      confidence: Math.round((Math.exp(scores[best]) / total) * 100) / 100,
      alternatives: owners.filter(function (_, k) { return k !== best; }),
    };
  }

  /* Annotations of `text`: {start, end, surface, entry, confidence, alternatives}, offsets into `text`.
   * options.region / options.year override what the text's heading says. */
  function annotate(compiled, text, options) {
    options = options || {};
    var data = compiled.data;
    var view = matchView(text);
    var chosen = select(candidates(compiled, view.text));
    var region = options.region || null, year = options.year || null, parents = null;
    return chosen.map(function (c) {
      var a = toOriginal(view, c[0]), b = toOriginal(view, c[1] - 1) + 1;
      var pick = { entry: c[2][0], confidence: 1, alternatives: [] };
      if (c[2].length > 1) {
        if (parents === null) {
          parents = Object.create(null);
          data.regions.forEach(function (r) { parents[r[0]] = r[2]; });
          region = region || detectRegion(view.text, data.regions, data.headChars);
          year = year || detectYear(view.text, data.headChars);
        }
        var win = view.text.slice(stepCodePoints(view.text, c[0], -data.cueWindow),
                                  stepCodePoints(view.text, c[1], data.cueWindow));
        pick = choose(data, c[2], region, year, win, parents);
      }
      return {
        start: a, end: b, surface: text.slice(a, b),
        entry: pick.entry, confidence: pick.confidence, alternatives: pick.alternatives,
      };
    });
  }

  var api = { fold: fold, matchView: matchView, toOriginal: toOriginal, compile: compile, annotate: annotate };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.GlossMatcher = api;
})(this);
