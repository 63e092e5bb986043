"""A static, self-contained corrections page: no external assets, no scripts that run.

Every piece of text goes through ``html.escape``; links are only ever absolute http(s)
addresses; each article's corrections are also given as schema.org JSON-LD.
"""

from __future__ import annotations

from html import escape

from corrections.outputs.jsonld import news_article, script_json
from corrections.outputs.model import CorrectionsLog, LogEntry

# Data only: a JSON-LD block is read by crawlers, never run, so the page allows no scripts.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

STYLE = """
:root { color-scheme: light dark; --muted: #5f6368; --rule: #d0d0d0; --accent: #8a1c1c; }
@media (prefers-color-scheme: dark) { :root { --muted: #a0a4a8; --rule: #444; --accent: #e59a9a; } }
body { margin: 0; font: 1.0625rem/1.55 Georgia, "Times New Roman", serif; }
main { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 2rem; margin: 0 0 .25rem; }
.intro, .meta, .updated { color: var(--muted); }
.meta, .updated, .kind { font: .875rem/1.4 system-ui, sans-serif; }
ol { list-style: none; margin: 2rem 0 0; padding: 0; }
li { border-top: 1px solid var(--rule); padding: 1.25rem 0; }
h2 { font-size: 1.25rem; margin: 0 0 .35rem; }
h2 a { color: inherit; }
.kind { color: var(--accent); font-weight: 600; text-transform: uppercase; letter-spacing: .04em; }
.note { margin: .5rem 0 0; overflow-wrap: anywhere; }
""".strip()


def render_html(log: CorrectionsLog) -> str:
    first_of_article = {entries[0].id: (article, entries) for article, entries in log.articles()}
    items: list[str] = []
    for entry in log.entries:
        items.append(_entry(entry))
        if entry.id in first_of_article:
            article, entries = first_of_article[entry.id]
            block = script_json(news_article(log, article, entries))
            items.append(f'<script type="application/ld+json">\n{block}\n</script>')
        items.append("</li>")
    body = (
        '<ol class="log">\n' + "\n".join(items) + "\n</ol>"
        if items
        else '<p class="empty">No corrections have been published.</p>'
    )
    updated = (
        f'<p class="updated">Last correction: <time datetime="{_attr(log.updated.isoformat())}">'
        f"{escape(log.entries[0].note.date_text)}</time></p>\n"
        if log.entries
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_attr(POLICY)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(log.title)}</title>\n"
        f"<style>\n{STYLE}\n</style>\n"
        "</head>\n<body>\n<main>\n<header>\n"
        f'<h1>Corrections</h1>\n<p class="intro">{escape(log.description)}</p>\n'
        f"{updated}</header>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _entry(entry: LogEntry) -> str:
    note = entry.note
    headline = escape(note.article.headline)
    if note.article.url:
        headline = f'<a href="{_attr(note.article.url)}">{headline}</a>'
    lines = "<br>\n".join(escape(line) for line in note.note.split("\n"))
    return (
        f'<li id="{_attr(entry.anchor)}">\n'
        f"<h2>{headline}</h2>\n"
        f'<p class="meta"><span class="kind">{escape(entry.label)}</span> · '
        f'<time datetime="{_attr(note.note_date.isoformat())}">{escape(note.date_text)}</time>'
        "</p>\n"
        f'<p class="note">{lines}</p>'
    )


def _attr(value: str) -> str:
    return escape(value, quote=True)
