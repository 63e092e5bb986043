"""The article file format: exact bytes, strict front matter, errors with file and line."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corrections.domain.article import (
    article_from_plain_text,
    parse_article,
    parse_front_matter_only,
)
from corrections.domain.errors import MalformedArticle
from corrections.domain.yamlsafe import YamlError, load

FRONT = "headline: Council approves budget\npublished: 2026-01-10\n"

body_text = st.lists(
    st.sampled_from(
        [
            *"abc XYZ.,;'\"-",
            "\n",
            "\r\n",
            "\r",
            "\u2028",
            "\x0c",
            "\ufeff",
            "é",
            "e\u0301",
            "---",
            "\n---\n",
            "\t",
            "\u200b",
        ]
    ),
    max_size=60,
).map("".join)


@given(body=body_text, bom=st.booleans(), crlf=st.booleans())
def test_round_trip_keeps_every_byte(body: str, bom: bool, crlf: bool) -> None:
    newline = "\r\n" if crlf else "\n"
    head = ("\ufeff" if bom else "") + "---" + newline + FRONT.replace("\n", newline) + "---"
    raw = (head + newline + body).encode()
    document = parse_article(raw, "articles/x.md")
    assert document.to_bytes() == raw
    assert document.body == body
    assert document.meta.headline == "Council approves budget"


def test_closing_fence_without_final_newline_round_trips() -> None:
    raw = f"---\n{FRONT}---".encode()
    document = parse_article(raw, "a.md")
    assert document.body == ""
    assert document.to_bytes() == raw


def test_dates_and_times_are_parsed() -> None:
    document = parse_article(
        b"---\nheadline: H\npublished: 2024-05-15T18:00:00-04:00\n---\n", "a.md"
    )
    published = document.meta.published
    assert isinstance(published, dt.datetime)
    assert published.utcoffset() == dt.timedelta(hours=-4)
    assert parse_front_matter_only(
        b"---\nheadline: H\npublished: 2024-05-15\n---\nbody", "a.md"
    ).published == dt.date(2024, 5, 15)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"no front matter\n", "articles/x.md:1: an article starts with"),
        (b"---\nheadline: H\n", "articles/x.md:1: front matter is not closed"),
        (
            b"---\nheadline: H\npublished: 2026-01-10\nheadline: G\n---\n",
            "articles/x.md:4: front matter: duplicate key 'headline'",
        ),
        (b"---\npublished: 2026-01-10\n---\n", "articles/x.md:2: headline: Field required"),
        (b"---\nheadline: H\n\npublished: soon\n---\n", "articles/x.md:4: published: 'soon'"),
        (b"---\nheadline: 2024\npublished: 2026-01-10\n---\n", "articles/x.md:2: headline: must"),
        (
            b"---\nheadline: H\npublished: 2026-01-10\nurl: javascript:alert(1)\n---\n",
            "articles/x.md:4: url: must start with https://",
        ),
        (b"---\n- a list\n---\n", "articles/x.md:2: front matter must be a mapping"),
        (b"---\nheadline: [unclosed\n---\n", "articles/x.md:3: front matter:"),
        (b"---\nheadline: H\xff\n---\n", "articles/x.md:2: not valid UTF-8"),
    ],
)
def test_bad_files_name_file_and_line(raw: bytes, expected: str) -> None:
    with pytest.raises(MalformedArticle) as caught:
        parse_article(raw, "articles/x.md")
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)
    # The file and line are fields too, not only words of the message.
    assert (caught.value.path, caught.value.line) == ("articles/x.md", int(expected.split(":")[1]))


def test_huge_file_is_refused_before_parsing() -> None:
    with pytest.raises(MalformedArticle, match="larger than"):
        parse_article(b"---\n" + b"x" * (6 * 1024 * 1024), "big.md")


def test_plain_text_first_line_becomes_headline() -> None:
    when = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.UTC)
    text = article_from_plain_text("\n# Storm closes schools\n\nAll schools shut.\n", "s.txt", when)
    document = parse_article(text.encode(), "s.txt")
    assert document.meta.headline == "Storm closes schools"
    assert document.meta.published == when
    assert document.body == "All schools shut.\n"


class TestStrictYaml:
    def test_yaml_1_2_core_schema(self) -> None:
        assert load("a: yes\nb: no\nc: on\nd: 010\ne: 0o10\nf: 0x10\ng: true\nh: ~\n") == {
            "a": "yes",
            "b": "no",
            "c": "on",
            "d": 10,
            "e": 8,
            "f": 16,
            "g": True,
            "h": None,
        }

    def test_dates_stay_text_for_the_model_to_parse(self) -> None:
        assert load("d: 2024-05-15") == {"d": "2024-05-15"}

    def test_duplicate_keys_rejected_with_line(self) -> None:
        with pytest.raises(YamlError) as caught:
            load("id: a\nstatus: proposed\nstatus: published\n")
        assert caught.value.line == 3
        assert "duplicate key 'status'" in str(caught.value)

    def test_aliases_rejected(self) -> None:
        with pytest.raises(YamlError, match="aliases"):
            load("a: &x [1, 2]\nb: *x\n")

    def test_billion_laughs_rejected(self) -> None:
        bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
        with pytest.raises(YamlError):
            load(bomb)

    def test_no_python_objects(self) -> None:
        with pytest.raises(YamlError):
            load("a: !!python/object/apply:os.system ['true']")


def test_duplicate_keys_are_found_by_value_not_spelling() -> None:
    for text in ("1: x\n01: y\n", "true: 1\nTrue: 2\n", 'a: 1\n"a": 2\n'):
        with pytest.raises(YamlError, match="duplicate key"):
            load(text)
