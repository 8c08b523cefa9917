"""Docs are tested: every command and option is in docs/cli.md, README's commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from gloss.cli import _register, cli

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def commands():
    _register()
    out = []

    def walk(group, prefix):
        for name, cmd in sorted(group.commands.items()):
            out.append((f"{prefix} {name}".strip(), cmd))
            if isinstance(cmd, click.Group):
                walk(cmd, f"{prefix} {name}")

    walk(cli, "")
    return out


@pytest.mark.parametrize("name, command", commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_and_option_is_documented(name, command):
    assert f"## gloss {name}" in CLI_DOC or isinstance(command, click.Group)
    assert command.help, name
    for param in command.params:
        if isinstance(param, click.Option):
            for flag in param.opts + param.secondary_opts:
                assert flag in CLI_DOC, f"{name}: {flag} is not in docs/cli.md"


def test_readme_commands_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = {n.split()[0] for n, _ in commands()}
    blocks = "\n".join(re.findall(r"```(?:sh|console|text)?\n(.*?)```", readme, flags=re.S))
    used = set(re.findall(r"(?:^|\$ |&& )gloss (\w+)", blocks, flags=re.M))
    assert used and used <= names


def test_docs_link_to_existing_files():
    for doc in [ROOT / "README.md", ROOT / "DATA.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
