"""For the tests of the public corrections log: its formats read back, and hostile text."""

from __future__ import annotations

from pathlib import Path

from corrections import services
from corrections.domain.kinds import Kind
from corrections.services.demo import EDITOR
from tests.support.cli import run_cli
from tests.support.store import approve_and_publish

# The seed clarification's sentence, as its note and the feeds quote it.
ARGENTINA_SENTENCE = "Argentina withdrew its candidacy in December."
ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://news.example/corrections/"
HOSTILE_NOTE = (
    "Said </script><script>alert(1)</script> <b>bold</b> ]]> \x1b[31mred \x00 \u202eevil <!--"
)
HOSTILE_HEADLINE = r"Evil </script><b>bold</b> ]]> \e[31mred \0nul \u202Eevil"
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]]
CONTROLS += ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"]


def build(path: Path, fmt: str, base_url: str | None = BASE) -> services.FeedOutput:
    """The feed of the store at ``path`` in format ``fmt``, through the services."""
    with services.open_store(path) as store:
        return services.build_feed(store, fmt, base_url)


def cli_feed(path: Path, *args: str) -> tuple[int, str, str]:
    """``corrections --store PATH feed ARGS``: exit code, stdout, stderr."""
    result = run_cli("--store", str(path), "feed", *args)
    return result.returncode, result.stdout, result.stderr


def publish_hostile(
    store_path: Path, source: Path, front_matter: str, body: str = "The council met on Tuesday.\n"
) -> None:
    """Add the article "evil" (``front_matter`` lines and ``body``) written to ``source``,
    and publish a correction to it whose note is ``HOSTILE_NOTE``."""
    source.write_text(f"---\n{front_matter}---\n{body}", encoding="utf-8")
    with services.open_store(store_path) as store:
        services.add_articles(store, [source], EDITOR)
        record = services.propose(
            store,
            "evil",
            "The council met on Tuesday night.\n",
            Kind.correction,
            EDITOR,
            note=HOSTILE_NOTE,
        )
        approve_and_publish(store, record.id)
