"""The gloss command, run as a user runs it: every command, exit code, stdin and output file."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
TEXT = "推进放\n\n管服改革，落实“13710”工作制度；民生支出累计达136.94亿元。\n"


def gloss(*args, stdin: bytes | None = None, env: dict | None = None, cwd=None):
    run_env = {**os.environ, "GLOSS_TERMS": str(MINI), **(env or {})}
    r = subprocess.run([sys.executable, "-m", "gloss", *args], input=stdin, capture_output=True, env=run_env, cwd=cwd)
    r.stdout, r.stderr = r.stdout.decode("utf-8"), r.stderr.decode("utf-8")
    return r


@pytest.fixture
def doc(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_annotate_json(doc):
    r = gloss("annotate", "--format", "json", str(doc))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"gloss_version", "glossary", "document", "annotations"}
    assert {"entries", "sha256"} <= set(data["glossary"])
    assert {"path", "chars", "region", "year"} <= set(data["document"])
    keys = {"start", "end", "surface", "id", "term", "kind", "definition", "en", "first_year", "first_year_basis",
            "first_year_bound", "first_year_label", "scope", "sources", "alternatives", "confidence"}
    assert [a["id"] for a in data["annotations"]] == ["fang-guan-fu", "13710-gong-zuo-zhi-du"]
    for a in data["annotations"]:
        assert keys <= set(a)
        assert TEXT[a["start"]:a["end"]] == a["surface"]


def test_annotate_stdin_and_default_format_off_terminal():
    r = gloss("annotate", "-", stdin=TEXT.encode("gb18030"))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["annotations"][0]["surface"] == "放\n\n管服"


def test_utf16_offsets():
    text = "𠀀“13710”工作法"
    r = gloss("annotate", "-f", "json", "--utf16", "-", stdin=text.encode())
    [a] = json.loads(r.stdout)["annotations"]
    assert (a["start"], a["start_utf16"]) == (2, 3)


def test_jsonl_walks_directories_and_survives_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00")
    (tmp_path / "c.md").write_bytes(TEXT.encode("utf-16"))
    out = tmp_path / "out.jsonl"
    r = gloss("annotate", "--format", "jsonl", str(tmp_path), "-o", str(out))
    assert r.returncode == 2
    assert "b.txt: looks like a binary file" in r.stderr and "Traceback" not in r.stderr
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [("error" in x) for x in lines] == [False, True, False]
    assert len(lines[2]["annotations"]) == 2


def test_gzip_inputs(tmp_path, doc):
    plain = json.loads(gloss("annotate", "-f", "json", str(doc)).stdout)["annotations"]
    (tmp_path / "gz").mkdir()
    (tmp_path / "gz" / "report.txt.gz").write_bytes(gzip.compress(TEXT.encode("utf-8")))
    (tmp_path / "gz" / "named-plain.txt").write_bytes(gzip.compress(TEXT.encode("gbk")))
    for args in (["-f", "json", str(tmp_path / "gz" / "report.txt.gz")],
                 ["-f", "json", "--stream", str(tmp_path / "gz" / "report.txt.gz")],
                 ["-f", "json", str(tmp_path / "gz" / "named-plain.txt")]):
        r = gloss("annotate", *args)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["annotations"] == plain
    r = gloss("annotate", "-f", "jsonl", "-j", "2", str(tmp_path / "gz"))
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert r.returncode == 0 and [x["document"]["path"].rsplit("/", 1)[1] for x in lines] == ["named-plain.txt",
                                                                                              "report.txt.gz"]
    assert all(x["annotations"] == plain for x in lines)
    (tmp_path / "gz" / "cut.txt.gz").write_bytes(gzip.compress(TEXT.encode() * 50)[:30])
    r = gloss("annotate", "-f", "json", str(tmp_path / "gz" / "cut.txt.gz"))
    assert r.returncode == 2 and "cut.txt.gz: damaged gzip data" in r.stderr and "Traceback" not in r.stderr


def test_rich_markdown_html(doc):
    r = gloss("annotate", "--summary", str(doc))
    assert r.returncode == 0 and "放管服" in r.stdout and "简政放权" in r.stdout
    r = gloss("annotate", "-f", "markdown", str(doc))
    assert "放\n\n管服[^1]" in r.stdout and "[^2]: **13710**" in r.stdout
    r = gloss("annotate", "-f", "html", str(doc))
    assert r.stdout.startswith("<!DOCTYPE html>") and 'tabindex="0"' in r.stdout


def test_output_file_is_written_atomically(doc, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("keep me", encoding="utf-8")
    r = gloss("annotate", "-f", "json", str(tmp_path / "missing.txt"), "-o", str(out))
    assert r.returncode == 2
    assert "missing.txt" in r.stderr
    r = gloss("annotate", "-f", "json", str(doc), "-o", str(out))
    assert r.returncode == 0 and json.loads(out.read_text(encoding="utf-8"))["annotations"]


def test_usage_errors_exit_2(doc):
    for args in (["annotate"], ["annotate", "-f", "nope", str(doc)], ["annotate", "--encoding", "klingon", str(doc)],
                 ["annotate", "-f", "json", str(doc), str(doc)], ["frobnicate"], ["annotate", "--region", "火星", str(doc)]):
        r = gloss(*args)
        assert r.returncode == 2, args
        assert "Traceback" not in r.stderr


def test_region_by_short_name_and_detected_from_the_file_name(tmp_path):
    path = tmp_path / "2025年上海市政府工作报告.txt"
    path.write_text("持续开展“三个一批”\n", encoding="utf-8")
    out = json.loads(gloss("annotate", "--format", "json", str(path)).stdout)
    assert (out["document"]["region"], out["document"]["year"]) == ("上海市", 2025)
    assert [(a["id"], a["scope_match"], a["definition"]) for a in out["annotations"]] == [("san-ge-yi-pi", False, None)]
    out = json.loads(gloss("annotate", "--format", "json", "--region", "河南", str(path)).stdout)
    assert out["document"]["region"] == "河南省" and out["annotations"][0]["scope_match"] is True


def test_explicit_encoding(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gbk"))
    r = gloss("annotate", "-f", "json", "--encoding", "gbk", str(path))
    assert r.returncode == 0 and len(json.loads(r.stdout)["annotations"]) == 2


def test_lookup(tmp_path):
    r = gloss("lookup", "sgyp")
    assert r.returncode == 0 and "三个一批" in r.stdout
    r = gloss("lookup", "-f", "json", "three batches")
    assert json.loads(r.stdout)[0]["id"] == "san-ge-yi-pi"
    sgyp = json.loads(r.stdout)[0]
    assert (sgyp["first_year"], sgyp["first_year_bound"], sgyp["first_year_label"]) == (2023, True, "by 2023")
    assert [(c["doc"], c["date"]) for c in sgyp["other_sense_uses"]] == [("hebei-2001", "2001-01-08")]
    r = gloss("lookup", "放管服")
    assert r.returncode == 0 and "2017 (earliest-use)" in r.stdout
    r = gloss("lookup", "sangeyipa")
    assert r.returncode == 1 and "did you mean 三个一批" in r.stderr


def test_list_filters():
    r = gloss("list", "-f", "tsv", "--kind", "code")
    rows = r.stdout.splitlines()[1:]
    assert r.returncode == 0 and {x.split("\t")[0] for x in rows} == {"13710-gong-zuo-zhi-du", "136-gong-zuo-ju-cuo",
                                                                      "9-plus-2"}
    r = gloss("list", "-f", "json", "--region", "洛阳市")
    assert {x["id"] for x in json.loads(r.stdout)} == {"13710-gong-zuo-zhi-du", "9-plus-2", "136-gong-zuo-ju-cuo",
                                                       "san-zi-jianxi"}
    r = gloss("list", "-f", "json", "--since", "2020", "--until", "2023")
    assert {x["id"] for x in json.loads(r.stdout)} == {"san-ge-yi-pi"}
    assert gloss("list").returncode == 0


def test_list_says_by_for_a_bound():
    rows = {x["id"]: x for x in json.loads(gloss("list", "-f", "json").stdout)}
    assert (rows["san-ge-yi-pi"]["first_year_label"], rows["san-ge-yi-pi"]["first_year_bound"]) == ("by 2023", True)
    assert (rows["fang-guan-fu"]["first_year_label"], rows["fang-guan-fu"]["first_year_bound"]) == ("2017", False)
    tsv = {line.split("\t")[0]: line.split("\t") for line in gloss("list", "-f", "tsv").stdout.splitlines()}
    assert tsv["id"][6] == "first_year" and tsv["san-ge-yi-pi"][6] == "by 2023" and tsv["fang-guan-fu"][6] == "2017"
    table = gloss("list", "--kind", "numbered-slogan", "--kind", "abbreviation", env={"COLUMNS": "200"}).stdout
    assert "by 2023" in table and "2017" in table


def test_validate(tmp_path):
    assert gloss("validate", str(MINI)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text(encoding="utf-8").replace("kind: abbreviation", "kind: nope"), encoding="utf-8")
    r = gloss("validate", str(bad))
    assert r.returncode == 1
    assert r.stdout.startswith(f"{bad}:") and "entry fang-guan-fu: kind:" in r.stdout
    r = gloss("annotate", "-f", "json", "-", stdin=b"x", env={"GLOSS_TERMS": str(bad)})
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_version_and_help():
    assert gloss("--version").stdout.startswith("gloss, version")
    r = gloss("--help")
    assert r.returncode == 0 and "annotate" in r.stdout


def test_runs_from_any_directory(tmp_path, doc):
    r = gloss("annotate", "-f", "json", str(doc), cwd=tmp_path, env={"GLOSS_TERMS": ""})
    assert r.returncode == 0, r.stderr


def test_every_command_is_found_where_the_lazy_table_says():
    """`gloss.cli.COMMANDS` names each command's modules: loading them all gives exactly those commands."""
    from gloss.cli import COMMANDS, _register, cli

    _register()
    assert set(cli.commands) == set(COMMANDS)
    for name, modules in COMMANDS.items():
        assert cli.commands[name].callback.__module__ == f"gloss.cli.{modules[0]}"
