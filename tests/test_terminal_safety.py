"""Glossary strings, file names and input text never act on the terminal: no markup, no escapes."""

from __future__ import annotations

import os

import pytest


from test_cli import MINI, TEXT, gloss

HOSTILE = "\x1b]0;pwned\x07\x1b[31mred\x1b[0m\x1b]8;;http://example.org\x1b\\link\x1b]8;;\x1b\\\x9b2J\x08"


@pytest.fixture
def hostile_terms(tmp_path):
    raw = MINI.read_text(encoding="utf-8")
    raw = raw.replace("name_en: Streamline, regulate, serve", 'name_en: "Streamline [/] [bold]regulate[/bold] \\e]0;title\\a"')
    raw = raw.replace("zh: 简政放权、放管结合、优化服务", 'zh: "简政放权、放管结合、优化服务\\e[5m[link=http://x]y[/link]"')
    path = tmp_path / "terms.yaml"
    path.write_text(raw, encoding="utf-8")
    assert gloss("validate", str(path)).returncode == 0
    return path


@pytest.mark.parametrize("args", [["lookup", "fgf"], ["list"], ["annotate", "--format", "rich", "-"],
                                  ["annotate", "--summary", "-"]])
def test_glossary_strings_are_text_not_markup_or_escapes(hostile_terms, args):
    r = gloss(*args, stdin=TEXT.encode(), env={"GLOSS_TERMS": str(hostile_terms), "COLUMNS": "300"})
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout


def test_markup_in_name_en_is_shown_literally(hostile_terms):
    r = gloss("lookup", "fgf", env={"GLOSS_TERMS": str(hostile_terms), "COLUMNS": "300"})
    assert "Streamline [/] [bold]regulate[/bold]" in r.stdout
    r = gloss("list", env={"GLOSS_TERMS": str(hostile_terms), "COLUMNS": "300"})
    assert "[/] [bold]regulate[/bold]" in r.stdout


def test_a_file_name_with_brackets_keeps_its_name(tmp_path):
    path = tmp_path / "w[not a style].txt"
    path.write_text(TEXT, encoding="utf-8")
    r = gloss("annotate", "--summary", str(path), env={"COLUMNS": "200"})
    assert r.returncode == 0 and "w[not a style].txt" in r.stdout


def test_escape_sequences_in_the_input_never_reach_the_terminal(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(HOSTILE + TEXT, encoding="utf-8")
    r = gloss("annotate", "-f", "rich", str(path))
    assert r.returncode == 0 and "放" in r.stdout
    assert not any(c in r.stdout for c in "\x1b\x07\x9b\x08")


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names")
def test_escape_sequences_in_file_names_never_reach_the_terminal(tmp_path):
    r = gloss("annotate", "-f", "json", str(tmp_path / "a\x1b]0;pwned\x07.txt"))
    assert r.returncode == 2 and "\x1b" not in r.stderr and "\x07" not in r.stderr and "a.txt: No such file" in r.stderr


def test_printable_strips_sequences_and_shows_other_controls():
    from gloss.printable import printable

    assert printable(HOSTILE) == "redlink\\x08"
    assert printable("a\x00b\x7fc\td\ne\r\n") == "a\\x00b\\x7fc\td\ne\n"
    assert printable("三个一批 [b]x[/b]") == "三个一批 [b]x[/b]"


def test_markdown_escapes_the_documents_own_html(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("<script>alert(1)</script><img src=x onerror=alert(2)> &amp; " + TEXT, encoding="utf-8")
    r = gloss("annotate", "-f", "markdown", str(path))
    assert r.returncode == 0
    assert "<script>" not in r.stdout and "<img" not in r.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.stdout and "&amp;amp;" in r.stdout
    assert "放\n\n管服[^1]" in r.stdout
