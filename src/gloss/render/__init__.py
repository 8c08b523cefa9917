"""Output formats for annotations: one module per format."""

FORMATS = ("rich", "json", "jsonl", "html", "markdown", "tbx", "csv")
