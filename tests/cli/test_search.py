"""`corrections search`: exit codes, JSON, and `--elsewhere` for a correction's old wording."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from corrections import services
from tests.support import EDITOR, seed_correction


def test_cli_search_exit_codes_and_json(demo: Path) -> None:
    from corrections.cli.app import app

    runner = CliRunner()
    store = str(demo)
    found = runner.invoke(app, ["--store", store, "search", "voted 7-2"])
    assert found.exit_code == 0, found.output
    assert "riverton-library-expansion" in found.stdout
    assert "{+voted 7-2+}" in found.stdout

    # The demo's follow-up repeats the figure its first story got wrong.
    as_json = runner.invoke(app, ["--store", store, "search", "Voted 7-2", "--json"])
    data = json.loads(as_json.stdout)
    assert data["articles"] == 2
    first, follow_up = data["hits"]
    assert first["slug"] == "riverton-library-expansion"
    assert follow_up["slug"] == "riverton-library-what-happens-next"
    assert follow_up["paragraph"] == 1
    span = first["matches"][0]
    assert first["sentence"][span["start"] : span["end"]] == "voted 7-2"

    none = runner.invoke(app, ["--store", store, "search", "no such wording anywhere"])
    assert none.exit_code == 1
    assert none.stdout == ""
    assert none.stderr == ""

    bad = runner.invoke(app, ["--store", store, "search", "--regex", "(x"])
    assert bad.exit_code == 2
    assert "bad pattern" in bad.stderr

    dashed = runner.invoke(app, ["--store", store, "search", "--", "-30%"])
    assert dashed.exit_code == 1, dashed.output


def test_cli_search_elsewhere(demo: Path, tmp_path: Path) -> None:
    from corrections.cli.app import app

    source = tmp_path / "library-explainer.md"
    source.write_text(
        "---\nheadline: What the library vote means\npublished: 2026-01-12\n---\n"
        "Council voted 7-2 to expand the library.\n"
    )
    with services.open_store(demo) as store:
        records, _ = services.list_corrections(store, article="riverton-library-expansion")
        seed = seed_correction(demo)
    runner = CliRunner()
    record_id = records[0].id
    one = runner.invoke(app, ["--store", str(demo), "search", "--elsewhere", record_id])
    assert one.exit_code == 0, one.output
    assert "“voted 7-2”: 1 other article\nriverton-library-what-happens-next" in one.stdout

    with services.open_store(demo) as store:
        services.add_articles(store, [source], EDITOR)
    found = runner.invoke(app, ["--store", str(demo), "search", "--elsewhere", record_id, "--json"])
    assert found.exit_code == 0, found.output
    data = json.loads(found.stdout)
    assert data["article"] == "riverton-library-expansion"
    [wording] = data["wordings"]
    assert wording["wording"] == "voted 7-2"
    assert [hit["slug"] for hit in wording["hits"]] == [
        "library-explainer",
        "riverton-library-what-happens-next",
    ]
    gone = runner.invoke(
        app, ["--store", str(demo), "search", "--elsewhere", "20990101T000000Z-ffffffff"]
    )
    assert gone.exit_code == 2

    # The seed clarification only adds a sentence: no wording to look for.
    adds = runner.invoke(app, ["--store", str(demo), "search", "--elsewhere", seed])
    assert adds.exit_code == 1
    assert "replaces no wording" in adds.stderr

    both = runner.invoke(app, ["--store", str(demo), "search", "x", "--elsewhere", seed])
    assert both.exit_code == 2
