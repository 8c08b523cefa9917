/* gloss._speedups: the match view, the traditional-character fold, the UTF-8 offset walk, the
 * matching rules and the building of annotations in C.
 *
 * The pure-Python versions in normalize.py, traditional.py, matcher.py and annotate.py are the
 * reference: the tests check that both give the same results (tests/test_speedups.py). Built by
 * hatch_build.py when a C compiler is present; without it gloss runs the pure-Python path.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Full-width ASCII to half-width, the ideographic space to a space, Latin capitals to lower case:
 * the same table as normalize._FOLD. */
static inline Py_UCS4 fold(Py_UCS4 c)
{
    if (c < 0x80) {
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    if (c >= 0xFF01 && c <= 0xFF5E) {
        c -= 0xFEE0;
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    return c == 0x3000 ? 0x20 : c;
}

/* The zero-width characters (normalize._ZERO_WIDTH, passed in by the caller) as a sorted list,
 * with a per-256-code-point page filter so that CJK text is rejected in one lookup. */
typedef struct {
    Py_UCS4 chars[64];
    int count;
    unsigned char pages[256]; /* pages[c >> 8] for c < 0x10000 */
} ZeroWidth;

static int zw_init(ZeroWidth *zw, PyObject *chars)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    if (n > 64) {
        PyErr_SetString(PyExc_ValueError, "at most 64 zero-width characters");
        return -1;
    }
    memset(zw, 0, sizeof(*zw));
    int kind = PyUnicode_KIND(chars);
    const void *data = PyUnicode_DATA(chars);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        zw->chars[zw->count++] = c;
        if (c < 0x10000) {
            zw->pages[c >> 8] = 1;
        }
    }
    return 0;
}

static inline int is_zw(const ZeroWidth *zw, Py_UCS4 c)
{
    if (c < 0x10000 && !zw->pages[c >> 8]) {
        return 0;
    }
    for (int i = 0; i < zw->count; i++) {
        if (zw->chars[i] == c) {
            return 1;
        }
    }
    return 0;
}

/* A character of the layout pattern's first class, [\s<zero-width>]; \s is str.isspace(). */
static inline int is_layout(const ZeroWidth *zw, Py_UCS4 c)
{
    /* No whitespace lies above U+3000: most CJK text is decided by the page filter alone. */
    if (c > 0x3000) return is_zw(zw, c);
    return Py_UNICODE_ISSPACE(c) || is_zw(zw, c);
}

static inline int is_blank(Py_UCS4 c) { return c == ' ' || c == '\t'; }
static inline int is_blank_cr(Py_UCS4 c) { return c == ' ' || c == '\t' || c == '\r'; }
static inline int is_dash(Py_UCS4 c) { return c == 0x2014 || c == 0x2013 || c == '-'; }
static inline int is_alnum(Py_UCS4 c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

typedef struct {
    Py_ssize_t *items;
    Py_ssize_t size, capacity;
} Offsets;

static int offsets_push(Offsets *o, Py_ssize_t value)
{
    if (o->size == o->capacity) {
        Py_ssize_t capacity = o->capacity ? 2 * o->capacity : 1024;
        Py_ssize_t *items = PyMem_Realloc(o->items, capacity * sizeof(Py_ssize_t));
        if (!items) {
            PyErr_NoMemory();
            return -1;
        }
        o->items = items;
        o->capacity = capacity;
    }
    o->items[o->size++] = value;
    return 0;
}

static PyObject *offsets_tuple(const Offsets *o)
{
    PyObject *tuple = PyTuple_New(o->size);
    if (!tuple) return NULL;
    for (Py_ssize_t i = 0; i < o->size; i++) {
        PyObject *value = PyLong_FromSsize_t(o->items[i]);
        if (!value) {
            Py_DECREF(tuple);
            return NULL;
        }
        PyTuple_SET_ITEM(tuple, i, value);
    }
    return tuple;
}

/* The view is built in the text's own storage width (T is Py_UCS1, Py_UCS2 or Py_UCS4), folding
 * each character as it is read: no wider copy of the text is made. */
#define F(i) fold(in[i])

/* normalize._FOOTER_TAIL matched at p: its end, or -1. Every quantifier of that pattern is
 * possessive or cannot give back anything the next element could use, so one greedy pass
 * decides it. */
#define DEFINE_VIEW(SUFFIX, T)                                                                          \
static Py_ssize_t footer_tail_##SUFFIX(const T *in, Py_ssize_t n, Py_ssize_t p)                         \
{                                                                                                       \
    Py_ssize_t j, k;                                                                                    \
    for (;;) { /* (?:[ \t\r]*+\n)*+ */                                                                  \
        j = p;                                                                                          \
        while (j < n && is_blank_cr(F(j))) j++;                                                         \
        if (j < n && F(j) == '\n') {                                                                    \
            p = j + 1;                                                                                  \
            continue;                                                                                   \
        }                                                                                               \
        break;                                                                                          \
    }                                                                                                   \
    while (p < n && is_blank(F(p))) p++;                                                                \
    for (k = 0; k < 2 && p < n && is_dash(F(p)); k++) p++;                                              \
    if (!k) return -1;                                                                                  \
    while (p < n && is_blank(F(p))) p++;                                                                \
    for (k = 0; k < 4 && p < n && Py_UNICODE_ISDECIMAL(F(p)); k++) p++;                                 \
    if (!k) return -1;                                                                                  \
    while (p < n && is_blank(F(p))) p++;                                                                \
    for (k = 0; k < 2 && p < n && is_dash(F(p)); k++) p++;                                              \
    if (!k) return -1;                                                                                  \
    while (p < n && is_blank_cr(F(p))) p++;                                                             \
    return (p == n || F(p) == '\n') ? p : -1;                                                           \
}                                                                                                       \
                                                                                                        \
/* End of the layout run that starts at a (F(a) is a layout character): normalize._LAYOUT_SPLIT. */     \
static Py_ssize_t run_end_##SUFFIX(const ZeroWidth *zw, const T *in, Py_ssize_t n, Py_ssize_t a)        \
{                                                                                                       \
    Py_ssize_t j, e;                                                                                    \
    if (is_blank_cr(F(a))) {                                                                            \
        j = a + 1;                                                                                      \
        while (j < n && is_blank_cr(F(j))) j++;                                                         \
        if (j < n && F(j) == '\n' && (e = footer_tail_##SUFFIX(in, n, j + 1)) >= 0) return e;           \
    }                                                                                                   \
    else if (F(a) == '\n' && (e = footer_tail_##SUFFIX(in, n, a + 1)) >= 0) {                           \
        return e;                                                                                       \
    }                                                                                                   \
    j = a + 1;                                                                                          \
    while (j < n && is_layout(zw, F(j))) j++;                                                           \
    return j;                                                                                           \
}                                                                                                       \
                                                                                                        \
/* The same walk as normalize._assemble_slowly: a run between two Latin letters or digits that        \
 * holds visible whitespace becomes one space (mapped to its first non-zero-width character);          \
 * every other run is deleted. An entry is recorded after each run that shifts the offsets.            \
 * Returns the view's length, or -1 with an exception set. */                                          \
static Py_ssize_t view_##SUFFIX(const ZeroWidth *zw, const T *in, Py_ssize_t n, T *out,                 \
                                Offsets *starts, Offsets *shifts)                                       \
{                                                                                                       \
    Py_ssize_t i = 0, size = 0, deleted = 0;                                                            \
    while (i < n) {                                                                                     \
        Py_UCS4 c = F(i);                                                                               \
        if (!is_layout(zw, c)) {                                                                        \
            out[size++] = (T)c;                                                                         \
            i++;                                                                                        \
            continue;                                                                                   \
        }                                                                                               \
        Py_ssize_t a = i, b = run_end_##SUFFIX(zw, in, n, a), lead = 0;                                 \
        int kept = a > 0 && is_alnum(F(a - 1)) && b < n && is_alnum(F(b));                              \
        if (kept) {                                                                                     \
            while (a + lead < b && is_zw(zw, F(a + lead))) lead++;                                      \
            kept = a + lead < b;                                                                        \
        }                                                                                               \
        i = b;                                                                                          \
        if (kept) {                                                                                     \
            if (lead && (offsets_push(starts, size) < 0 || offsets_push(shifts, deleted + lead) < 0))   \
                return -1;                                                                              \
            out[size++] = ' ';                                                                          \
            if (b - a == 1) continue;                                                                   \
            deleted += b - a - 1;                                                                       \
        }                                                                                               \
        else {                                                                                          \
            deleted += b - a;                                                                           \
        }                                                                                               \
        if (offsets_push(starts, size) < 0 || offsets_push(shifts, deleted) < 0) return -1;             \
    }                                                                                                   \
    return size;                                                                                        \
}

DEFINE_VIEW(ucs1, Py_UCS1)
DEFINE_VIEW(ucs2, Py_UCS2)
DEFINE_VIEW(ucs4, Py_UCS4)

PyDoc_STRVAR(match_view_doc,
"match_view(text, zero_width) -> (view, starts, shifts)\n\n"
"The match view of text and its offset map, as normalize.match_view builds them.");

static PyObject *speedups_match_view(PyObject *self, PyObject *args)
{
    PyObject *text, *zero_width;
    if (!PyArg_ParseTuple(args, "UU:match_view", &text, &zero_width)) return NULL;
    ZeroWidth zw;
    if (zw_init(&zw, zero_width) < 0) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), size = -1;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    void *out = PyMem_Malloc((n ? n : 1) * kind);
    Offsets starts = {NULL, 0, 0}, shifts = {NULL, 0, 0};
    PyObject *view = NULL, *starts_tuple = NULL, *shifts_tuple = NULL, *result = NULL;
    if (!out) {
        PyErr_NoMemory();
        goto done;
    }
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        size = view_ucs1(&zw, data, n, out, &starts, &shifts);
        break;
    case PyUnicode_2BYTE_KIND:
        size = view_ucs2(&zw, data, n, out, &starts, &shifts);
        break;
    default:
        size = view_ucs4(&zw, data, n, out, &starts, &shifts);
    }
    if (size < 0) goto done;
    /* Narrowed to the smallest storage that holds the view, as every str must be. */
    view = PyUnicode_FromKindAndData(kind, out, size);
    if (!view) goto done;
    starts_tuple = offsets_tuple(&starts);
    if (!starts_tuple) goto done;
    shifts_tuple = offsets_tuple(&shifts);
    if (!shifts_tuple) goto done;
    result = PyTuple_Pack(3, view, starts_tuple, shifts_tuple);
done:
    Py_XDECREF(view);
    Py_XDECREF(starts_tuple);
    Py_XDECREF(shifts_tuple);
    PyMem_Free(out);
    PyMem_Free(starts.items);
    PyMem_Free(shifts.items);
    return result;
}

PyDoc_STRVAR(candidates_doc,
"candidates(occurrences, plain, ruled, view, quotes) -> list\n\n"
"annotate.candidates before its sort: (start, end, owners) for each (start, end, key) of occurrences\n"
"that the key's rules let stand, in the order of occurrences. plain[key] is the owners of a key no rule\n"
"can veto, else None, and ruled[key] its _Key (text, senses, alnum_start, alnum_end), each sense an\n"
"_Sense (entry, head_words, blockers, needs_context, quoted_only); quotes holds the quotation marks.");

static inline int is_digit(Py_UCS4 c) { return c >= '0' && c <= '9'; }

static int in_chars(PyObject *chars, Py_UCS4 c)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(chars);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyUnicode_READ_CHAR(chars, i) == c) return 1;
    }
    return 0;
}

/* annotate._edges_ok */
static int edges_ok(int kind, const void *v, Py_ssize_t n, Py_ssize_t start, Py_ssize_t end, PyObject *text,
                    int alnum_start, int alnum_end)
{
    if (alnum_start && start > 0) {
        Py_UCS4 before = PyUnicode_READ(kind, v, start - 1);
        if (is_alnum(before)) return 0;
        if ((before == '.' || before == ',') && start > 1 && is_digit(PyUnicode_READ(kind, v, start - 2)) &&
            is_digit(PyUnicode_READ_CHAR(text, 0)))
            return 0;
    }
    if (alnum_end && end < n) {
        Py_UCS4 after = PyUnicode_READ(kind, v, end);
        if (is_alnum(after)) return 0;
        if ((after == '.' || after == ',') && end + 1 < n && is_digit(PyUnicode_READ(kind, v, end + 1)) &&
            is_digit(PyUnicode_READ_CHAR(text, PyUnicode_GET_LENGTH(text) - 1)))
            return 0;
    }
    return 1;
}

/* annotate._sense_ok: 1, 0, or -1 with an exception set. */
static int sense_ok(PyObject *view, int kind, const void *v, Py_ssize_t n, Py_ssize_t start, Py_ssize_t end,
                    PyObject *sense, PyObject *quotes)
{
    PyObject *head_words = PyTuple_GET_ITEM(sense, 1), *blockers = PyTuple_GET_ITEM(sense, 2);
    int needs_context = PyObject_IsTrue(PyTuple_GET_ITEM(sense, 3)), quoted_only = PyObject_IsTrue(PyTuple_GET_ITEM(sense, 4));
    if (needs_context < 0 || quoted_only < 0) return -1;
    if (!PyTuple_Check(head_words) || !PyTuple_Check(blockers)) {
        PyErr_SetString(PyExc_TypeError, "a sense's head words and blockers are tuples");
        return -1;
    }
    int quoted = start > 0 && end < n && in_chars(quotes, PyUnicode_READ(kind, v, start - 1)) &&
                 in_chars(quotes, PyUnicode_READ(kind, v, end));
    if (quoted_only && !quoted) return 0;
    if (needs_context && !quoted) {
        int found = 0;
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(head_words) && !found; i++) {
            PyObject *head = PyTuple_GET_ITEM(head_words, i);
            if (!PyUnicode_Check(head)) {
                PyErr_SetString(PyExc_TypeError, "head words are strings");
                return -1;
            }
            Py_ssize_t match = PyUnicode_Tailmatch(view, head, end, PY_SSIZE_T_MAX, -1);
            if (match < 0) return -1;
            found = (int)match;
        }
        if (!found) return 0;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(blockers); i++) {
        PyObject *pair = PyTuple_GET_ITEM(blockers, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0))) {
            PyErr_SetString(PyExc_TypeError, "blockers are (text, offset) pairs");
            return -1;
        }
        Py_ssize_t offset = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
        if (offset == -1 && PyErr_Occurred()) return -1;
        Py_ssize_t at = start - offset;
        if (at >= 0) {
            Py_ssize_t match = PyUnicode_Tailmatch(view, PyTuple_GET_ITEM(pair, 0), at, PY_SSIZE_T_MAX, -1);
            if (match < 0) return -1;
            if (match) return 0;
        }
    }
    return 1;
}

static PyObject *speedups_candidates(PyObject *self, PyObject *args)
{
    PyObject *occurrences, *plain, *ruled, *view, *quotes;
    if (!PyArg_ParseTuple(args, "O!O!O!UU:candidates", &PyList_Type, &occurrences, &PyTuple_Type, &plain, &PyDict_Type,
                          &ruled, &view, &quotes))
        return NULL;
    int kind = PyUnicode_KIND(view);
    const void *v = PyUnicode_DATA(view);
    Py_ssize_t n = PyUnicode_GET_LENGTH(view), keys = PyTuple_GET_SIZE(plain);
    PyObject *found = PyList_New(0), *allowed = NULL;
    if (!found) return NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(occurrences); i++) {
        PyObject *occurrence = PyList_GET_ITEM(occurrences, i);
        if (!PyTuple_Check(occurrence) || PyTuple_GET_SIZE(occurrence) != 3) {
            PyErr_SetString(PyExc_TypeError, "occurrences are (start, end, key) tuples");
            goto fail;
        }
        PyObject *start_obj = PyTuple_GET_ITEM(occurrence, 0), *end_obj = PyTuple_GET_ITEM(occurrence, 1);
        PyObject *key_obj = PyTuple_GET_ITEM(occurrence, 2);
        Py_ssize_t start = PyLong_AsSsize_t(start_obj), end = PyLong_AsSsize_t(end_obj);
        Py_ssize_t k = PyLong_AsSsize_t(key_obj);
        if (PyErr_Occurred()) goto fail;
        if (k < 0 || k >= keys || start < 0 || end > n || end <= start) {
            PyErr_SetString(PyExc_ValueError, "an occurrence out of range");
            goto fail;
        }
        PyObject *owners = PyTuple_GET_ITEM(plain, k);
        if (owners == Py_None) {
            PyObject *key = PyDict_GetItemWithError(ruled, key_obj);
            if (!key) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "a ruled key without its rules");
                goto fail;
            }
            if (!PyTuple_Check(key) || PyTuple_GET_SIZE(key) != 4 || !PyUnicode_Check(PyTuple_GET_ITEM(key, 0)) ||
                !PyTuple_Check(PyTuple_GET_ITEM(key, 1)) || PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(key, 0)) == 0) {
                PyErr_SetString(PyExc_TypeError, "ruled keys are (text, senses, alnum_start, alnum_end)");
                goto fail;
            }
            int alnum_start = PyObject_IsTrue(PyTuple_GET_ITEM(key, 2)), alnum_end = PyObject_IsTrue(PyTuple_GET_ITEM(key, 3));
            if (alnum_start < 0 || alnum_end < 0) goto fail;
            if ((alnum_start || alnum_end) &&
                !edges_ok(kind, v, n, start, end, PyTuple_GET_ITEM(key, 0), alnum_start, alnum_end))
                continue;
            PyObject *senses = PyTuple_GET_ITEM(key, 1);
            Py_ssize_t count = PyTuple_GET_SIZE(senses);
            allowed = PyTuple_New(count);
            if (!allowed) goto fail;
            Py_ssize_t kept = 0;
            for (Py_ssize_t j = 0; j < count; j++) {
                PyObject *sense = PyTuple_GET_ITEM(senses, j);
                if (!PyTuple_Check(sense) || PyTuple_GET_SIZE(sense) != 5) {
                    PyErr_SetString(PyExc_TypeError, "senses are (entry, head_words, blockers, needs_context, quoted_only)");
                    goto fail;
                }
                int ok = sense_ok(view, kind, v, n, start, end, sense, quotes);
                if (ok < 0) goto fail;
                if (ok) {
                    PyObject *entry = PyTuple_GET_ITEM(sense, 0);
                    Py_INCREF(entry);
                    PyTuple_SET_ITEM(allowed, kept++, entry);
                }
            }
            if (!kept) {
                Py_CLEAR(allowed);
                continue;
            }
            if (kept < count && _PyTuple_Resize(&allowed, kept) < 0) goto fail;
            owners = allowed;
        }
        else {
            Py_INCREF(owners);
        }
        PyObject *item = PyTuple_Pack(3, start_obj, end_obj, owners);
        Py_DECREF(owners);
        allowed = NULL;
        if (!item) goto fail;
        int appended = PyList_Append(found, item);
        Py_DECREF(item);
        if (appended < 0) goto fail;
    }
    return found;
fail:
    Py_XDECREF(allowed);
    Py_DECREF(found);
    return NULL;
}

PyDoc_STRVAR(fold_chars_doc,
"fold_chars(text, sources, targets) -> str\n\n"
"text with each character of sources (sorted, distinct) replaced by the character at the same\n"
"index of targets: text itself when it holds none of them. Offsets do not move.");

static Py_ssize_t find_char(PyObject *sorted, Py_ssize_t m, Py_UCS4 c)
{
    Py_ssize_t lo = 0, hi = m;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        Py_UCS4 at = PyUnicode_READ_CHAR(sorted, mid);
        if (at == c) return mid;
        if (at < c) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

static PyObject *speedups_fold_chars(PyObject *self, PyObject *args)
{
    PyObject *text, *sources, *targets;
    if (!PyArg_ParseTuple(args, "UUU:fold_chars", &text, &sources, &targets)) return NULL;
    Py_ssize_t m = PyUnicode_GET_LENGTH(sources), n = PyUnicode_GET_LENGTH(text);
    if (PyUnicode_GET_LENGTH(targets) != m) {
        PyErr_SetString(PyExc_ValueError, "sources and targets differ in length");
        return NULL;
    }
    for (Py_ssize_t i = 1; i < m; i++) {
        if (PyUnicode_READ_CHAR(sources, i - 1) >= PyUnicode_READ_CHAR(sources, i)) {
            PyErr_SetString(PyExc_ValueError, "sources must be sorted and distinct");
            return NULL;
        }
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    /* One bit per code point of the basic plane says "maybe a source"; the rest is searched. */
    unsigned char *bits = m ? PyMem_Calloc(0x10000 / 8, 1) : NULL;
    if (m && !bits) return PyErr_NoMemory();
    int astral = 0;
    for (Py_ssize_t i = 0; i < m; i++) {
        Py_UCS4 c = PyUnicode_READ_CHAR(sources, i);
        if (c < 0x10000) bits[c >> 3] |= (unsigned char)(1u << (c & 7));
        else astral = 1;
    }
#define IS_SOURCE(c) ((c) < 0x10000 ? (bits[(c) >> 3] >> ((c) & 7)) & 1 : astral && find_char(sources, m, (c)) >= 0)
    Py_ssize_t first = -1;
    for (Py_ssize_t j = 0; m && j < n; j++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (IS_SOURCE(c)) {
            first = j;
            break;
        }
    }
    if (first < 0) {
        PyMem_Free(bits);
        Py_INCREF(text);
        return text;
    }
    Py_UCS4 *out = PyMem_Malloc(n * sizeof(Py_UCS4));
    if (!out) {
        PyMem_Free(bits);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (j >= first && IS_SOURCE(c)) {
            Py_ssize_t at = find_char(sources, m, c);
            if (at >= 0) c = PyUnicode_READ_CHAR(targets, at);
        }
        out[j] = c;
    }
#undef IS_SOURCE
    /* Narrowed to the smallest storage that holds the result, as every str must be. */
    PyObject *result = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n);
    PyMem_Free(out);
    PyMem_Free(bits);
    return result;
}

PyDoc_STRVAR(utf8_spans_doc,
"utf8_spans(raw, hits, lengths) -> list\n\n"
"(start, end, key) in code points for each (byte end, key) of hits, which must come in ascending\n"
"order of end, each end at a character boundary of the UTF-8 bytes raw; lengths[key] is the\n"
"key's length in code points. One pass over the bytes.");

/* Code points among n bytes of UTF-8: the bytes that are not continuation bytes (10xxxxxx),
 * counted eight at a time. In each byte of w & ~(w << 1), bit 7 is set for a continuation byte
 * (bit 7 set, bit 6 clear); the multiplication sums those bits into the top byte. */
static Py_ssize_t utf8_chars(const unsigned char *p, Py_ssize_t n)
{
    Py_ssize_t chars = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t continuation = (w & ~(w << 1) & 0x8080808080808080ULL) >> 7;
        chars += 8 - (Py_ssize_t)((continuation * 0x0101010101010101ULL) >> 56);
    }
    for (; i < n; i++) chars += (p[i] & 0xC0) != 0x80;
    return chars;
}

static PyObject *speedups_utf8_spans(PyObject *self, PyObject *args)
{
    Py_buffer raw;
    PyObject *hits, *lengths;
    if (!PyArg_ParseTuple(args, "y*O!O!:utf8_spans", &raw, &PyList_Type, &hits, &PyTuple_Type, &lengths)) return NULL;
    Py_ssize_t count = PyList_GET_SIZE(hits), keys = PyTuple_GET_SIZE(lengths);
    PyObject *result = PyList_New(count);
    if (!result) {
        PyBuffer_Release(&raw);
        return NULL;
    }
    const unsigned char *bytes = raw.buf;
    Py_ssize_t at = 0, chars = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *hit = PyList_GET_ITEM(hits, k);
        if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 2) {
            PyErr_SetString(PyExc_TypeError, "hits are (byte end, key) tuples");
            goto fail;
        }
        Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(hit, 0));
        if (end == -1 && PyErr_Occurred()) goto fail;
        Py_ssize_t key = PyLong_AsSsize_t(PyTuple_GET_ITEM(hit, 1));
        if (key == -1 && PyErr_Occurred()) goto fail;
        if (end < at || end > raw.len || key < 0 || key >= keys) {
            PyErr_SetString(PyExc_ValueError, "hits must be in ascending order of end, inside the text");
            goto fail;
        }
        chars += utf8_chars(bytes + at, end - at);
        at = end;
        Py_ssize_t length = PyLong_AsSsize_t(PyTuple_GET_ITEM(lengths, key));
        if (length == -1 && PyErr_Occurred()) goto fail;
        PyObject *span = PyTuple_New(3);
        if (!span) goto fail;
        PyList_SET_ITEM(result, k, span);
        PyObject *first = PyLong_FromSsize_t(chars - length), *last = PyLong_FromSsize_t(chars);
        if (!first || !last) {
            Py_XDECREF(first);
            Py_XDECREF(last);
            goto fail;
        }
        PyTuple_SET_ITEM(span, 0, first);
        PyTuple_SET_ITEM(span, 1, last);
        PyTuple_SET_ITEM(span, 2, Py_NewRef(PyTuple_GET_ITEM(hit, 1)));
        /* Three ints can never be part of a reference cycle: untracked, the garbage collector
         * never walks the tens of thousands of them a document yields (CPython would untrack
         * them itself, but only after walking each once). */
        PyObject_GC_UnTrack(span);
    }
    PyBuffer_Release(&raw);
    return result;
fail:
    PyBuffer_Release(&raw);
    Py_DECREF(result);
    return NULL;
}

/* Offsets as a C array (for the binary searches of `annotations`). */
static Py_ssize_t *ssize_array(PyObject *tuple)
{
    Py_ssize_t n = PyTuple_GET_SIZE(tuple);
    Py_ssize_t *items = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
    if (!items) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        items[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(tuple, i));
        if (items[i] == -1 && PyErr_Occurred()) {
            PyMem_Free(items);
            return NULL;
        }
    }
    return items;
}

/* MatchView.to_original on C arrays: index + shifts[bisect_right(starts, index) - 1]. */
static inline Py_ssize_t to_original(const Py_ssize_t *starts, const Py_ssize_t *shifts, Py_ssize_t n, Py_ssize_t index)
{
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (index < starts[mid]) hi = mid;
        else lo = mid + 1;
    }
    return index + (lo ? shifts[lo - 1] : 0);
}

PyDoc_STRVAR(annotations_doc,
"annotations(cls, chosen, starts, shifts, text, fixed, offset) -> list\n\n"
"For each (start, end, owners) of chosen (match-view offsets) whose owners are a key of the dict\n"
"fixed, holding (entry, confidence, alternatives, scope_match): cls((a + offset, b + offset, text[a:b],\n"
"entry, confidence, alternatives, scope_match)) where [a, b) is the span in text; None for the others,\n"
"whose sense depends on the words around them: the caller resolves those.");

static PyObject *speedups_annotations(PyObject *self, PyObject *args)
{
    PyTypeObject *cls;
    PyObject *chosen, *starts_tuple, *shifts_tuple, *text, *fixed;
    Py_ssize_t offset;
    if (!PyArg_ParseTuple(args, "O!O!O!O!UO!n:annotations", &PyType_Type, &cls, &PyList_Type, &chosen, &PyTuple_Type,
                          &starts_tuple, &PyTuple_Type, &shifts_tuple, &text, &PyDict_Type, &fixed, &offset))
        return NULL;
    if (!PyType_IsSubtype(cls, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "cls must be a tuple subclass");
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(starts_tuple);
    if (PyTuple_GET_SIZE(shifts_tuple) != n) {
        PyErr_SetString(PyExc_ValueError, "starts and shifts differ in length");
        return NULL;
    }
    Py_ssize_t *starts = ssize_array(starts_tuple), *shifts = NULL;
    if (!starts) return NULL;
    shifts = ssize_array(shifts_tuple);
    if (!shifts) {
        PyMem_Free(starts);
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(chosen), length = PyUnicode_GET_LENGTH(text);
    PyObject *result = PyList_New(count);
    if (!result) goto fail;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *item = PyList_GET_ITEM(chosen, k);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 3 || !PyTuple_Check(PyTuple_GET_ITEM(item, 2))) {
            PyErr_SetString(PyExc_TypeError, "chosen holds (start, end, owners) tuples");
            goto fail;
        }
        PyObject *choice = PyDict_GetItemWithError(fixed, PyTuple_GET_ITEM(item, 2));
        if (!choice) {
            if (PyErr_Occurred()) goto fail;
            Py_INCREF(Py_None);
            PyList_SET_ITEM(result, k, Py_None);
            continue;
        }
        if (!PyTuple_Check(choice) || PyTuple_GET_SIZE(choice) != 4) {
            PyErr_SetString(PyExc_TypeError, "fixed maps owners to (entry, confidence, alternatives, scope_match)");
            goto fail;
        }
        Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 0));
        Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(item, 1));
        if (PyErr_Occurred()) goto fail;
        Py_ssize_t a = to_original(starts, shifts, n, start), b = to_original(starts, shifts, n, end - 1) + 1;
        if (end <= start || a < 0 || b > length) {
            PyErr_SetString(PyExc_ValueError, "a span out of range");
            goto fail;
        }
        PyObject *annotation = cls->tp_alloc(cls, 7);
        if (!annotation) goto fail;
        PyObject *surface = PyUnicode_Substring(text, a, b);
        PyObject *first = PyLong_FromSsize_t(a + offset), *last = PyLong_FromSsize_t(b + offset);
        if (!surface || !first || !last) {
            Py_XDECREF(surface);
            Py_XDECREF(first);
            Py_XDECREF(last);
            Py_DECREF(annotation);
            goto fail;
        }
        PyTuple_SET_ITEM(annotation, 0, first);
        PyTuple_SET_ITEM(annotation, 1, last);
        PyTuple_SET_ITEM(annotation, 2, surface);
        for (Py_ssize_t i = 0; i < 4; i++) {
            PyObject *field = PyTuple_GET_ITEM(choice, i);
            Py_INCREF(field);
            PyTuple_SET_ITEM(annotation, 3 + i, field);
        }
        /* An annotation holds numbers, strings and a glossary entry made before it: it can be part
         * of no reference cycle, so the cycle collector need not walk the tens of thousands of
         * them a large document gives (walking them, with every object of the process, at each
         * full collection was a fifth of the time of annotating). */
        PyObject_GC_UnTrack(annotation);
        PyList_SET_ITEM(result, k, annotation);
    }
    PyMem_Free(starts);
    PyMem_Free(shifts);
    return result;
fail:
    Py_XDECREF(result);
    PyMem_Free(starts);
    PyMem_Free(shifts);
    return NULL;
}

PyDoc_STRVAR(select_doc,
"select(found) -> list\n\n"
"The leftmost-longest non-overlapping matches of `found`, (start, end, ...) tuples sorted by start, longest\n"
"first: each is kept when it starts at or after the end of the last one kept.");

static PyObject *speedups_select(PyObject *self, PyObject *args)
{
    PyObject *found;
    if (!PyArg_ParseTuple(args, "O!:select", &PyList_Type, &found))
        return NULL;
    PyObject *chosen = PyList_New(0);
    if (!chosen) return NULL;
    Py_ssize_t last_end = -1;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(found); i++) {
        PyObject *candidate = PyList_GET_ITEM(found, i);
        if (!PyTuple_Check(candidate) || PyTuple_GET_SIZE(candidate) < 2) {
            PyErr_SetString(PyExc_TypeError, "matches are (start, end, ...) tuples");
            goto fail;
        }
        Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(candidate, 0));
        if (start == -1 && PyErr_Occurred()) goto fail;
        if (start < last_end) continue;
        Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(candidate, 1));
        if (end == -1 && PyErr_Occurred()) goto fail;
        if (PyList_Append(chosen, candidate) < 0) goto fail;
        last_end = end;
    }
    return chosen;
fail:
    Py_DECREF(chosen);
    return NULL;
}

/* A list that hyperscan can call with each match (id, from, to, flags, context): it appends (to, id). A
   Python callback per match costs a frame; this costs a tuple. */
static PyObject *hits_call(PyObject *self, PyObject *args, PyObject *kwargs)
{
    if (kwargs && PyDict_GET_SIZE(kwargs)) {
        PyErr_SetString(PyExc_TypeError, "a match is reported by position: (id, from, to, ...)");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args) < 3) {
        PyErr_SetString(PyExc_TypeError, "a match is reported as (id, from, to, ...)");
        return NULL;
    }
    PyObject *hit = PyTuple_Pack(2, PyTuple_GET_ITEM(args, 2), PyTuple_GET_ITEM(args, 0));
    if (!hit) return NULL;
    int failed = PyList_Append(self, hit);
    Py_DECREF(hit);
    if (failed) return NULL;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(hits_doc,
"Hits()\n\n"
"A list of (end, id) pairs, appended to when it is called as hyperscan's match handler:\n"
"hits(id, from, to, flags, context).");

static PyTypeObject HitsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gloss._speedups.Hits",
    .tp_basicsize = sizeof(PyListObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = hits_doc,
    .tp_call = hits_call,
};

static PyMethodDef speedups_methods[] = {
    {"match_view", speedups_match_view, METH_VARARGS, match_view_doc},
    {"utf8_spans", speedups_utf8_spans, METH_VARARGS, utf8_spans_doc},
    {"fold_chars", speedups_fold_chars, METH_VARARGS, fold_chars_doc},
    {"candidates", speedups_candidates, METH_VARARGS, candidates_doc},
    {"annotations", speedups_annotations, METH_VARARGS, annotations_doc},
    {"select", speedups_select, METH_VARARGS, select_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT, "gloss._speedups", "The match view, the traditional-character fold, the UTF-8 offset walk, the matching rules, the leftmost-longest selection, a match collector for hyperscan and annotations in C.", -1, speedups_methods,
};

PyMODINIT_FUNC PyInit__speedups(void)
{
    HitsType.tp_base = &PyList_Type;
    if (PyType_Ready(&HitsType) < 0) return NULL;
    PyObject *module = PyModule_Create(&speedups_module);
    if (!module) return NULL;
    Py_INCREF(&HitsType);
    if (PyModule_AddObject(module, "Hits", (PyObject *)&HitsType) < 0) {
        Py_DECREF(&HitsType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
