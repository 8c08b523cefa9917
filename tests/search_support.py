"""The search ranking table (tests/vectors/search.json): one check for Python and JavaScript results."""

from __future__ import annotations

import json
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "vectors" / "search.json"


def cases() -> list[dict]:
    return json.loads(TABLE.read_text("utf-8"))["cases"]


def problems(case: dict, ranked: list[tuple[int, str, str]]) -> list[str]:
    """What is wrong with `ranked`, [(tier, id, term)] best first, for one case of the table."""
    out = []
    if case.get("none"):
        return [f"expected nothing, got {ranked[:3]}"] if ranked else []
    if not ranked:
        return ["nothing found"]
    tier, first_id, first_term = ranked[0]
    if "first" in case and first_id != case["first"]:
        out.append(f"first is {first_id}, expected {case['first']}")
    if "first_term_startswith" in case and not first_term.startswith(case["first_term_startswith"]):
        out.append(f"first is {first_term}, expected a term starting {case['first_term_startswith']}")
    if "tier" in case and tier != case["tier"]:
        out.append(f"first matched by rule {tier}, expected {case['tier']}")
    ids = [i for _, i, _ in ranked[:12]]
    for wanted in case.get("top", []):
        if wanted not in ids:
            out.append(f"{wanted} not in the first 12")
    if len(ranked) < case.get("min_results", 0):
        out.append(f"{len(ranked)} results, expected at least {case['min_results']}")
    return out
