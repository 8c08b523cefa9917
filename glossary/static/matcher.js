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

  function isAlnum(c) { return c !== undefined && ALNUM.test(c); }
  function isDigit(c) { return c !== undefined && DIGIT.test(c); }

  /* Full-width ASCII to half-width and A-Z to lower case, one code unit for one. Only the
   * characters that fold are replaced (a per-character copy of a long text is several times slower). */
  var FOLDABLE = /[A-Z\u3000\uff01-\uff5e]/g;
  function foldOne(ch) {
    var c = ch.charCodeAt(0);
    if (c >= 0xff21 && c <= 0xff3a) c = c - 0xfee0 + 32;
    else if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (c === 0x3000) c = 0x20;
    else c += 32;
    return String.fromCharCode(c);
  }
  function fold(text) { return text.replace(FOLDABLE, foldOne); }

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

  /* A compiled glossary: a trie over the keys (code units, looked up by number) plus their rules.
   * A key without edge rules whose senses carry no rule is "plain": every match stands, with all
   * its senses (as in gloss.annotate). */
  function compile(data) {
    var trie = { next: new Map(), key: -1 };
    var keys = data.keys.map(function (raw, index) {
      var node = trie;
      for (var i = 0; i < raw[0].length; i++) {
        var c = raw[0].charCodeAt(i), child = node.next.get(c);
        if (!child) node.next.set(c, child = { next: new Map(), key: -1 });
        node = child;
      }
      node.key = index;
      var key = {
        text: raw[0],
        senses: raw[1].map(function (s) {
          return { entry: s[0], headWords: s[1], blockers: s[2], needsContext: !!s[3], quotedOnly: !!s[4] };
        }),
        alnumStart: !!raw[2],
        alnumEnd: !!raw[3],
        plain: null,
      };
      var ruled = key.alnumStart || key.alnumEnd || key.senses.some(function (s) {
        return s.needsContext || s.quotedOnly || s.blockers.length;
      });
      if (!ruled) key.plain = key.senses.map(function (s) { return s.entry; });
      return key;
    });
    // Traditional characters fold one for one into the simplified ones the keys use (gloss.traditional).
    var traditional = data.traditional || {};
    var tradChars = Object.keys(traditional).join("");
    var tradPattern = tradChars ? new RegExp("[" + tradChars.replace(/[\]\\^-]/g, "\\$&") + "]", "g") : null;
    return { trie: trie, keys: keys, data: data, traditional: traditional, tradPattern: tradPattern };
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

  /* Every rule-abiding match: [start, end, entry indexes], leftmost first, longest first. Starts
   * are visited in order and each start's matches are found shortest first, so reversing each
   * start's matches gives the order without a sort. */
  function candidates(compiled, view) {
    var found = [], here = [], root = compiled.trie.next, keys = compiled.keys, n = view.length;
    for (var start = 0; start < n; start++) {
      var node = root.get(view.charCodeAt(start));
      if (!node) continue;
      for (var j = start + 1; ; j++) {
        if (node.key >= 0) {
          var key = keys[node.key];
          if (key.plain) {
            here.push([start, j, key.plain]);
          } else if (!(key.alnumStart || key.alnumEnd) || edgesOk(view, start, j, key)) {
            var allowed = [];
            for (var k = 0; k < key.senses.length; k++) {
              if (senseOk(view, start, j, key.senses[k])) allowed.push(key.senses[k].entry);
            }
            if (allowed.length) here.push([start, j, allowed]);
          }
        }
        if (j >= n || !(node = node.next.get(view.charCodeAt(j)))) break;
      }
      while (here.length) found.push(here.pop());
    }
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
      // A low surrogate after a high one: step over the pair (code units compared, no regex per step).
      var low = s.charCodeAt(i), high = i > 0 ? s.charCodeAt(i - 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff) i -= 1;
    }
    return i;
  }

  /* The region hierarchy (gloss.places): rows [name, level, parent index], keyed by name, or parent
   * name + name for a later unit of the same name. */
  var DEPTH = { national: 0, province: 1, city: 2, county: 3, district: 3 };
  var NATIONAL = "全国";
  function places(data) {
    if (data._places) return data._places;
    var keys = [], units = Object.create(null), byName = Object.create(null), short = Object.create(null);
    data.places.forEach(function (row) {
      var parent = row[2] >= 0 ? keys[row[2]] : null;
      var key = units[row[0]] === undefined ? row[0] : data.places[row[2]][0] + row[0];
      keys.push(key);
      units[key] = { name: row[0], level: row[1], parent: parent };
      (byName[row[0]] = byName[row[0]] || []).indexOf(key) === -1 && byName[row[0]].push(key);
    });
    Object.keys(units).forEach(function (key) {
      var p = units[key], stem = null;
      if (p.level === "province") stem = p.name.replace(/(?:(?:回族|壮族|维吾尔)?自治区|特别行政区|省|市)$/, "");
      else if (p.level === "city" && /自治州$/.test(p.name)) stem = p.name.slice(0, 2) + "州";
      else if (p.level === "city") stem = p.name.replace(/市$/, "");
      if (stem !== null && stem.length >= 2 && stem !== p.name) (short[stem] = short[stem] || []).push(key);
    });
    var glossary = Object.create(null);
    data.regions.forEach(function (name) { glossary[name] = true; });
    data._places = { units: units, byName: byName, short: short, keys: Object.keys(units), glossary: glossary };
    return data._places;
  }

  function ancestors(P, key) {
    var chain = [], current = key;
    while (current !== null && current !== undefined && chain.indexOf(current) === -1) {
      chain.push(current);
      current = P.units[current] ? P.units[current].parent : null;
    }
    return chain;
  }

  function depthOf(P, key) { var p = P.units[key]; return p ? DEPTH[p.level] : 9; }

  function keysNamed(P, name, allowShort) {
    var keys = (P.byName[name] || []).slice();
    if (allowShort && !keys.length) keys = (P.short[name] || []).slice();
    return keys;
  }

  /* The innermost unit named by a place as written (gloss.places.Hierarchy.resolve). */
  function resolvePlace(P, written) {
    written = written.trim();
    if (written === NATIONAL || written === "中华人民共和国" || written === "国务院") return NATIONAL;
    var found = null, pos = 0;
    while (pos < written.length) {
      var step = null;
      for (var end = Math.min(written.length, pos + 12); end > pos + 1; end--) {
        var keys = keysNamed(P, written.slice(pos, end), true);
        if (found !== null) keys = keys.filter(function (k) { return ancestors(P, k).indexOf(found) !== -1; });
        if (keys.length) {
          var best = keys[0];
          keys.forEach(function (k) { if (depthOf(P, k) < depthOf(P, best)) best = k; });
          step = [best, end];
          break;
        }
      }
      if (step === null) break;
      found = step[0];
      pos = step[1];
    }
    return found;
  }

  /* A document's region and year from its head (gloss.context.read_context, without a file name). */
  var HEADING_DATE = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^\n在。，]{0,12}在([^\n]{0,40})/;
  var HEADER = /^\ufeff?#\s*([^|\n]*)\|\s*((?:19|20)\d{2})[^|\n]*\|/;
  var TITLE_LINE = /^[#\[\]\w\s\u3400-\u9fff]{0,40}?政府工作报告/u;
  var SPEAKER = /^(?:\*\*)?(.{2,24}?)(?:人民政府)?(?:代理|代)?(?:省长|市长|区长|县长|州长|盟长|旗长|专员|主席|总理)\s*[\u4e00-\u9fff·]{2,5}(?:同志|\*\*|$)/;
  var OCCASION = /在(.{0,24}?)第[一二三四五六七八九十]+届(?:全国)?人民代表大会/;
  var NATIONAL_HEAD = /全国人民代表大会第|第[一二三四五六七八九十]+届全国人民代表大会|国务院总理|我代表国务院|国务院政府工作报告/;
  var FULL_DATE = /((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/;
  var YEAR = /((?:19|20)\d{2})\s*年/;
  var REVIEWED = /((?:19|20)\d{2})\s*年(?:的)?(?:主要)?工作回顾|回顾\s*((?:19|20)\d{2})\s*年/;
  var SPACE_RUN = /[ \t\u00a0\u3000\u200b]+/g;

  function headLines(head) {
    var out = [];
    head.split(/\r?\n|\r/).some(function (line) {
      var flat = line.replace(SPACE_RUN, "").replace(/^[*# ]+|[*# ]+$/g, "");
      if (flat) out.push(flat);
      return out.length >= 40;
    });
    return out;
  }
  function placeIn(P, text) {
    text = text.replace(/^[\[\]【】#]*(?:(?:19|20)\d{2}年(?:度)?)?/, "");
    return text ? resolvePlace(P, text) : null;
  }
  function titlePlace(P, title) {
    title = title.replace(/^\[[^\]]*\]/, "");
    var body = title.split("政府工作报告")[0];
    if (body.indexOf("国务院") !== -1) return NATIONAL;
    body = body.replace(/(?:19|20)\d{2}年(?:度)?/g, "");
    return body ? resolvePlace(P, body) : null;
  }
  function headPlace(P, lines) {
    var text = lines.slice(0, 12).join(""), best = null, bestCount = 0;
    P.keys.forEach(function (key) {
      var p = P.units[key];
      if (p.level !== "province" && p.level !== "city" && !P.glossary[key]) return;
      var n = text.split(p.name).length - 1;
      if (n > bestCount || (n === bestCount && n > 0 && depthOf(P, key) > depthOf(P, best))) { best = key; bestCount = n; }
    });
    return best;
  }
  /* The place and date of the heading line (gloss.docinfo.read_info). */
  function headingInfo(head) {
    var m = HEADING_DATE.exec(head);
    if (!m) return null;
    var date = [parseInt(m[1], 10), parseInt(m[2], 10)];
    var from = m.index + m[0].length - m[4].length;
    var after = head.slice(from, from + 80).replace(/\n/g, "").replace(SPACE_RUN, "");
    var pm = /^(.{0,14}?)第[一二三四五六七八九十]+届/.exec(after), place = null;
    if (pm) {
      var parts = pm[1].split("在");
      place = parts[parts.length - 1] || null;
      if (place === null || after.slice(0, pm[0].length + 8).indexOf("全国") !== -1) {
        place = after.indexOf("全国人民代表大会") !== -1 ? NATIONAL : place;
      }
    }
    return { year: date[0], month: date[1], place: place };
  }

  function readContext(data, text) {
    var P = places(data), HEAD_CHARS = data.headChars;
    var head = fold(text.slice(0, stepCodePoints(text, 0, 4000)));
    var info = headingInfo(head);
    var header = HEADER.exec(head);
    var lines = headLines(header ? head.slice(head.indexOf("\n") + 1) : head);
    var candidates = [], i, m, place;
    if (info && info.place) {
      place = resolvePlace(P, info.place);
      if (place) candidates.push([place, "occasion"]);
    }
    for (i = 0; i < Math.min(30, lines.length) && !(info && info.place); i++) {
      m = OCCASION.exec(lines[i]);
      if (m) {
        place = m[0].indexOf("全国人民代表大会") !== -1 ? NATIONAL : placeIn(P, m[1]);
        if (place) { candidates.push([place, "occasion"]); break; }
      }
    }
    for (i = 0; i < Math.min(30, lines.length); i++) {
      m = SPEAKER.exec(lines[i]);
      if (m) {
        place = placeIn(P, m[1]);
        if (place) { candidates.push([place, "speaker"]); break; }
      }
    }
    var titles = lines.slice(0, 12).filter(function (l) { return TITLE_LINE.test(l) && l.length <= 60; });
    for (i = 0; i < titles.length; i++) {
      place = titlePlace(P, titles[i]);
      if (place) { candidates.push([place, "title"]); break; }
    }
    if (header) {
      place = header[1].indexOf("政府工作报告") !== -1 ? titlePlace(P, header[1]) : placeIn(P, header[1]);
      if (place) candidates.push([place, "header"]);
    }
    if (!candidates.length && NATIONAL_HEAD.test(head.slice(0, HEAD_CHARS))) candidates.push([NATIONAL, "head"]);
    if (!candidates.length) {
      place = headPlace(P, lines);
      if (place) candidates.push([place, "head"]);
    }
    var region = null;
    if (candidates.length) {
      region = candidates[0][0];
      candidates.slice(1).forEach(function (c) {
        if (["occasion", "speaker", "title"].indexOf(c[1]) !== -1 && c[0] !== region &&
            ancestors(P, c[0]).indexOf(region) !== -1) region = c[0];
      });
    }
    var year = null;
    if (info) year = info.year + (info.month === 12 ? 1 : 0);
    else if (header) year = parseInt(header[2], 10);
    else {
      for (i = 0; i < titles.length && year === null; i++) {
        m = YEAR.exec(titles[i]);
        if (m) year = parseInt(m[1], 10);
      }
    }
    if (year === null) {
      m = REVIEWED.exec(head.slice(0, HEAD_CHARS));
      if (m) year = parseInt(m[1] || m[2], 10) + 1;
    }
    if (year === null) {
      m = FULL_DATE.exec(head.slice(0, HEAD_CHARS)) || YEAR.exec(head.slice(0, HEAD_CHARS));
      if (m) year = parseInt(m[1], 10);
    }
    return { region: region, year: year };
  }

  /* Whether an entry's meaning holds in a document of `region`: true, false, or null (region unknown). */
  function inScope(P, entry, region) {
    if (entry.r === NATIONAL) return true;
    if (region === null) return null;
    return ancestors(P, region).indexOf(entry.r) !== -1;
  }

  function score(P, e, match, region, year, window) {
    var s = 0;
    if (match === true) {
      var chain = region !== null ? ancestors(P, region) : [NATIONAL];
      var at = chain.indexOf(e.r);
      s += 4 - 0.5 * Math.min(at === -1 ? chain.length : at, 4);
    } else if (match === null) {
      s += 2.5;
    }
    if (year !== null && e.y !== null && e.y > year && !e.b) s -= 2;
    return s + Math.min(3, e.cues.filter(function (c) { return window.indexOf(c) !== -1; }).length);
  }

  /* The sense to show for a match (gloss.resolve.choose). */
  function choose(data, owners, region, year, window) {
    var P = places(data);
    var matches = owners.map(function (i) { return inScope(P, data.entries[i], region); });
    if (owners.length === 1) {
      var m0 = matches[0];
      return { entry: owners[0], confidence: m0 === true ? 1 : (m0 === null ? data.unknownCap : data.outOfScopeCap),
               alternatives: [], scopeMatch: m0 };
    }
    var scores = owners.map(function (i, k) { return score(P, data.entries[i], matches[k], region, year, window); });
    var rank = function (m) { return m === false ? 0 : 1; };
    var best = 0;
    for (var i = 1; i < scores.length; i++) {
      if (rank(matches[i]) > rank(matches[best]) ||
          (rank(matches[i]) === rank(matches[best]) && scores[i] > scores[best])) best = i;
    }
    var total = scores.reduce(function (sum, s) { return sum + Math.exp(s); }, 0);
    var confidence = Math.round((Math.exp(scores[best]) / total) * 100) / 100;
    if (matches[best] === null) confidence = Math.min(confidence, data.unknownCap);
    if (matches[best] === false) confidence = Math.min(confidence, data.outOfScopeCap);
    return {
      entry: owners[best], confidence: confidence, scopeMatch: matches[best],
      alternatives: owners.filter(function (_, k) { return k !== best; }),
    };
  }

  /* Annotations of `text`: {start, end, surface, entry, confidence, alternatives, scopeMatch}, offsets
   * into `text`. options.region / options.year override what the text's head says. */
  function annotate(compiled, text, options) {
    options = options || {};
    var data = compiled.data;
    var folded = compiled.tradPattern ? text.replace(compiled.tradPattern, function (c) { return compiled.traditional[c]; }) : text;
    var view = matchView(folded);
    var chosen = select(candidates(compiled, view.text));
    var region = options.region || null, year = options.year || null, read = false;
    return chosen.map(function (c) {
      var a = toOriginal(view, c[0]), b = toOriginal(view, c[1] - 1) + 1;
      var pick = { entry: c[2][0], confidence: 1, alternatives: [], scopeMatch: true };
      if (c[2].length > 1 || data.entries[c[2][0]].r !== NATIONAL) {
        if (!read) {
          read = true;
          if (region === null || year === null) {
            var found = readContext(data, text);
            region = region || found.region;
            year = year || found.year;
          }
        }
        var win = view.text.slice(stepCodePoints(view.text, c[0], -data.cueWindow),
                                  stepCodePoints(view.text, c[1], data.cueWindow));
        pick = choose(data, c[2], region, year, win);
      }
      return {
        start: a, end: b, surface: text.slice(a, b),
        entry: pick.entry, confidence: pick.confidence, alternatives: pick.alternatives, scopeMatch: pick.scopeMatch,
      };
    });
  }

  /* The region and year the annotator uses for `text` (what its head says). */
  function context(compiled, text) { return readContext(compiled.data, text); }

  var api = { fold: fold, matchView: matchView, toOriginal: toOriginal, compile: compile, annotate: annotate,
              context: context };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.GlossMatcher = api;
})(this);
