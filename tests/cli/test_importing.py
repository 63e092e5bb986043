"""`corrections import` on the command line: exit codes (a bad item 1, bad input 2), the
summary on stderr or as JSON, a changed source reported, and import then export through
the console script."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corrections.cli.launch import run
from tests.support import run_cli
from tests.support.store import IMPORT_FIXTURES

WXR = IMPORT_FIXTURES / "ledger.wxr.xml"
WP_JSON = IMPORT_FIXTURES / "posts.wp.json"
NINJS = IMPORT_FIXTURES / "wire.ninjs.json"


def test_a_bad_item_is_named_by_position_skipped_and_the_run_exits_1(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["--store", str(store_path), "import", str(WXR)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "ledger.wxr.xml: item 7: post_date_gmt 'not a date' is not a date; skipped" in err
    assert "Imported 12 article(s)" in err
    assert "2 not published posts" in err
    assert len(out.splitlines()) == 12
    assert not (store_path / "articles" / "broken-post.md").exists()
    assert not (store_path / "articles" / "draft-story.md").exists()


def test_json_summary(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["--store", str(store_path), "import", "--json", str(WP_JSON)])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [a["slug"] for a in summary["added"]] == [
        "farmers-market-returns",
        "council-delays-parking-vote",
    ]
    assert summary["commit"]
    assert summary["bad"] == []
    assert summary["dry_run"] is False
    run(["--store", str(store_path), "import", "--json", str(WP_JSON)])
    again = json.loads(capsys.readouterr().out)
    assert again["added"] == []
    assert again["commit"] is None
    assert len(again["unchanged"]) == 2


def test_a_changed_source_is_reported_and_not_overwritten(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "ledger.wxr.xml"
    shutil.copy(WXR, export)
    run(["--store", str(store_path), "import", str(export)])
    article = store_path / "articles" / "transit-fares-to-rise.md"
    imported = article.read_bytes()
    export.write_text(export.read_text().replace("rise to $3.50", "rise to $3.75"))
    capsys.readouterr()
    code = run(["--store", str(store_path), "import", str(export)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "item 9 ('Transit fares to rise in April'): changed at the source" in err
    assert "propose a correction" in err
    assert article.read_bytes() == imported
    assert "11 already imported" in err


def test_malformed_xml_names_the_line(store_path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_bytes(b"<?xml version='1.0'?>\n<rss><channel>\n<item></channel></rss>\n")
    code = run(["--store", str(store_path), "import", str(broken)])
    assert code == 2


def test_a_file_of_unknown_format_is_bad_input(store_path: Path, tmp_path: Path) -> None:
    unknown = tmp_path / "notes.txt"
    unknown.write_text("just words")
    assert run(["--store", str(store_path), "import", str(unknown)]) == 2


def test_the_console_script_imports_and_exports(store_path: Path) -> None:
    done = run_cli("--store", str(store_path), "import", "--json", str(NINJS))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"][0]["slug"] == "transit-ridership"
    shown = run_cli("--store", str(store_path), "export", "transit-ridership", "-f", "ninjs")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["by"] == "Wire Staff"
