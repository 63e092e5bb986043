"""A CMS's HTML made into the article's Markdown text: paragraphs, emphasis, links, lists
and quotes kept, scripts and unsafe links dropped."""

from __future__ import annotations

from corrections.domain.imports.markup import html_to_text, inline_text


def test_html_to_text_keeps_paragraphs_and_drops_what_is_not_text() -> None:
    html = (
        "<!-- wp:paragraph --><p>First <strong>bold</strong> and <a href='https://e.x/a'>a"
        " link</a>.</p><!-- /wp:paragraph -->\n\nLoose text\nwith a line break.\n\n"
        "<script>x()</script><h3>Head</h3><ul><li>One</li><li>Two</li></ul>"
        "<blockquote><p>Quoted</p></blockquote><a href='javascript:x'>no link</a>"
    )
    assert html_to_text(html) == (
        "First **bold** and [a link](https://e.x/a).\n\nLoose text with a line break."
        "\n\n### Head\n\n- One\n- Two\n\n> Quoted\n\nno link"
    )
    assert inline_text("Farmers&#8217; <em>market</em>") == "Farmers\u2019 market"
