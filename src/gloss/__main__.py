"""`python -m gloss` runs the command-line interface."""

from .cli import main

main()
