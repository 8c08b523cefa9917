"""gloss: a sourced glossary and annotator for Chinese government and party policy jargon."""

__version__ = "0.1.0"

from .errors import GlossaryError, GlossError, InputError, UnknownTermError  # noqa: E402
from .glossary import Glossary  # noqa: E402
from .load import load  # noqa: E402
from .model import Annotation, Entry  # noqa: E402

__all__ = [
    "Annotation",
    "Entry",
    "GlossError",
    "Glossary",
    "GlossaryError",
    "InputError",
    "UnknownTermError",
    "load",
]
