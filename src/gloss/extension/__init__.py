"""The browser extension: the site's matcher and glossary data in any page (Manifest V3).

`build(glossary)` returns every file of the unpacked extension; nothing is copied by hand. The
content script is the site's matcher.js plus a data file made here from the same compiled rules as
the site's annotator; the generated site ships inside, under site/, so that "Open the entry" needs
no network.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..render.records import source_label
from ..site import render as render_site
from ..site.data import matcher_data, search_record, to_js

if TYPE_CHECKING:
    from ..glossary import Glossary

NAME = "gloss — Chinese policy jargon explained"
STATIC = ("content.js", "background.js", "popup.html", "popup.js")


def manifest() -> dict[str, Any]:
    """manifest.json: the content script on every page; storage for the per-site switch; no host access."""
    return {
        "manifest_version": 3,
        "name": NAME,
        "short_name": "gloss",
        "version": __version__,
        "description": "Underlines the coded jargon of Chinese government and party documents and explains it, "
                       "with sources and the year each term first appeared. Works offline; sends nothing.",
        "permissions": ["storage"],
        "background": {"service_worker": "background.js"},
        "action": {"default_title": "gloss", "default_popup": "popup.html"},
        "content_scripts": [{
            "matches": ["<all_urls>"],
            "js": ["matcher.js", "gloss-data.js", "content.js"],
            "run_at": "document_idle",
            "all_frames": False,
        }],
        "content_security_policy": {"extension_pages": "script-src 'self'; object-src 'none'; connect-src 'none'"},
        "browser_specific_settings": {"gecko": {"id": "gloss@gloss.invalid", "strict_min_version": "128.0"}},
    }


def entry_record(glossary: Glossary, entry: Any) -> dict[str, Any]:
    """What a popup shows: the site's search record (with the first year as it must be said), the source."""
    record = search_record(entry)
    record["src"] = source_label(glossary, entry.citations[0]) if entry.citations else None
    return record


def build(glossary: Glossary) -> dict[str, bytes]:
    """Every file of the unpacked extension as {relative posix path: bytes}."""
    static = resources.files("gloss.extension") / "static"
    files = {name: (static / name).read_bytes() for name in STATIC}
    files["matcher.js"] = (resources.files("gloss.site") / "static" / "matcher.js").read_bytes()
    files["gloss-data.js"] = to_js("GLOSS_EXTENSION_DATA", {
        "entries": [entry_record(glossary, e) for e in glossary.entries],
        "matcher": matcher_data(glossary.entries, glossary.regions),
    })
    files["manifest.json"] = (json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n").encode()
    files.update({f"site/{path}": data for path, data in render_site(glossary).items()})
    return files
