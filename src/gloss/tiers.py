"""How authoritative a source is: official, state-media, other or low (a last resort).

The host and issuer table is curated data shipped as `data/source_tiers.yaml`; the glossary's own
documents are official texts unless a media organisation issued them.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .model import Citation

if TYPE_CHECKING:
    from .glossary import Glossary

TIERS = ("official", "state-media", "other", "low")
LABELS = {"official": "official", "state-media": "state media", "other": "other publisher",
          "low": "low-authority page"}


@functools.lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str]]:
    # Parsed once and kept in the cache as JSON: rendering any citation needs the table, and a
    # YAML parse (with the import of the YAML reader) would be a good part of a short run.
    from . import cache
    from .packaged import data_bytes

    source = data_bytes("source_tiers.yaml")
    hosts, issuers = cache.derived("source-tiers", source, lambda: _parse(source), _valid)
    return hosts, issuers


def _parse(source: bytes) -> list[dict[str, str]]:
    import yaml

    raw = yaml.safe_load(source.decode("utf-8"))
    hosts = {host: tier for tier in TIERS for host in raw["hosts"].get(tier, ())}
    issuers = {issuer: tier for tier, names in raw["issuers"].items() for issuer in names}
    return [hosts, issuers]


def _valid(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(m, dict) and all(isinstance(k, str) and v in TIERS for k, v in m.items()) for m in value)
    )


def host_of(url: str) -> str:
    """The host of a URL, lower-cased, without port or a leading `www.`."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def listed_host(url: str) -> str | None:
    """The table's entry that a URL's host falls under (itself or a parent domain), or None."""
    hosts, _ = _table()
    parts = host_of(url).split(".")
    for i in range(len(parts) - 1):
        candidate = ".".join(parts[i:])
        if candidate in hosts:
            return candidate
    return None


def url_tier(url: str) -> str:
    """The tier of a public page; a host listed nowhere counts as `other`."""
    listed = listed_host(url)
    return _table()[0][listed] if listed else "other"


def citation_tier(glossary: Glossary, cite: Citation) -> str:
    """The tier of a citation: a page by its host, a listed document by its issuer."""
    if cite.url:
        return url_tier(cite.url)
    doc = glossary.documents.get(cite.doc or "")
    return _table()[1].get(doc.issuer, "official") if doc else "official"
