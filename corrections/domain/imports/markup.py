"""HTML from a CMS as Markdown-ish text: paragraphs kept, headings, lists and quotes marked.

Only the standard library's tokenizer is used; nothing is fetched, no script or style text
survives, comments (WordPress block markers among them) are dropped, and entities become
the characters they stand for.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "main",
        "figure",
        "figcaption",
        "table",
        "tr",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "hr",
        "address",
        "details",
        "summary",
    ]
)
_DROPPED = frozenset(
    [
        "script",
        "style",
        "noscript",
        "iframe",
        "template",
        "object",
        "embed",
        "svg",
        "math",
        "head",
        "title",
        "form",
        "button",
        "select",
        "textarea",
    ]
)
_EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
_SPACE = re.compile(r"[ \t\r\f\v\n]+")


class _Converter(HTMLParser):
    def __init__(self, *, plain: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.plain = plain  # text only: no emphasis or link marks (for titles)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.dropped = 0
        self.pre = 0
        self.quote = 0
        self.link: str | None = None
        self.in_list = False  # the last block written was a list item

    # A block boundary ends the paragraph being built.
    def flush(self) -> None:
        text = "".join(self.current)
        text = text.strip("\n") if self.pre else _SPACE.sub(" ", text).strip()
        if text:
            line = "> " * self.quote + self.prefix + text
            if self.prefix == "- " and self.in_list and self.paragraphs:
                self.paragraphs[-1] += "\n" + line  # a list stays one block
            else:
                self.paragraphs.append(line)
            self.in_list = self.prefix == "- "
        self.current = []
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropped += 1
            return
        if self.dropped:
            return
        if tag == "br":
            self.current.append("\n" if self.pre else " ")
            return
        if tag in _BLOCKS:
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.prefix = "#" * max(2, int(tag[1])) + " "
            elif tag == "li":
                self.prefix = "- "
            elif tag == "blockquote":
                self.quote += 1
            elif tag == "pre":
                self.pre += 1
            return
        if self.plain:
            return
        if tag in _EMPHASIS:
            self.current.append(_EMPHASIS[tag])
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = href if _web_link(href) else None
            self.current.append("[" if self.link else "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
            return
        if self.dropped:
            return
        if tag in _BLOCKS:
            self.flush()
            if tag == "blockquote":
                self.quote = max(0, self.quote - 1)
            elif tag == "pre":
                self.pre = max(0, self.pre - 1)
            return
        if self.plain:
            return
        if tag in _EMPHASIS:
            self.current.append(_EMPHASIS[tag])
        elif tag == "a" and self.link is not None:
            self.current.append(f"]({self.link})")
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.dropped:
            return
        if self.pre:
            self.current.append(data)
            return
        # A blank line in the source is a paragraph break (WordPress stores posts so).
        pieces = re.split(r"\n[ \t]*\n", data)
        for number, piece in enumerate(pieces):
            if number:
                self.flush()
            self.current.append(piece)


def _web_link(href: str) -> bool:
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and not any(c.isspace() or c in "()<>" for c in href.strip())
    )


def html_to_text(html: str) -> str:
    """Markdown-ish text of an HTML fragment: paragraphs separated by a blank line."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    converter.flush()
    # Emphasis markers around nothing ("****") are noise left by empty tags.
    paragraphs = [p.replace("****", "") for p in converter.paragraphs]
    return "\n\n".join(p for p in paragraphs if p.strip())


def inline_text(html: str) -> str:
    """A title given as HTML (WordPress's ``rendered``): its text on one line."""
    converter = _Converter(plain=True)
    converter.feed(html)
    converter.close()
    converter.flush()
    return " ".join(" ".join(converter.paragraphs).split())
