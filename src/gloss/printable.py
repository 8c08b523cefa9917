"""Text that is safe to show on a terminal: no escape sequences, no control characters.

Input documents, glossary strings and file names can carry escape sequences (a window title, an
OSC 8 link, colours, clearing the screen). Complete sequences are dropped; any other control
character is shown as a visible `\\xNN` escape. Line feeds and tabs stay; carriage returns go
(CRLF text prints as LF). The terminal renderer also wraps every such string in a rich `Text`, so
brackets are never read as markup.
"""

from __future__ import annotations

import re

# ESC or its 8-bit form, then: CSI parameters and a final byte; OSC/DCS/SOS/PM/APC up to BEL or
# ST; or any single character (two-character sequences such as ESC c, which resets the terminal).
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    return "" if char == "\r" else f"\\x{ord(char):02x}"


def printable(text: str) -> str:
    """`text` without escape sequences, other control characters shown as `\\xNN` (newlines and tabs kept)."""
    if text.isprintable():
        return text
    return _CONTROL.sub(_visible, _SEQUENCE.sub("", text))
