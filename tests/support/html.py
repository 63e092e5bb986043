"""An HTML page read back: its tags, and the text of its JSON-LD script elements."""

from __future__ import annotations

from html.parser import HTMLParser


class Page(HTMLParser):
    """The tags of an HTML page and the text of its script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "script":
            assert ("type", "application/ld+json") in attrs
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse_page(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page
