"""``string.Template`` placeholders: checked when a style is built, filled when a note is.

A house style is data that may come from a newsroom's ``corrections.toml``, so every
template is checked up front and a misspelt placeholder is reported by name instead of
turning up in a published note.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from string import Template

from corrections.domain.errors import BadInput


def placeholders(template: str, where: str) -> set[str]:
    """The names a template uses; a ``$`` that starts no valid placeholder is an error."""
    parsed = Template(template)
    if not parsed.is_valid():
        raise BadInput(
            f"house style: {where}: a '$' must start a placeholder such as $new (write $$ "
            f"for a dollar sign): {template!r}"
        )
    return set(parsed.get_identifiers())


def check(template: str, allowed: Iterable[str], where: str) -> None:
    allowed = frozenset(allowed)
    unknown = sorted(placeholders(template, where) - allowed)
    if unknown:
        known = ", ".join("$" + name for name in sorted(allowed)) or "none"
        raise BadInput(f"house style: {where}: unknown placeholder ${unknown[0]} (known: {known})")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Substitute values; a value ending in "." swallows a "." that follows it.

    So "It is $new." with new="U.S." gives "It is U.S." and not "It is U.S..".
    """
    pattern = Template.pattern
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(template):
        out.append(template[pos : match.start()])
        pos = match.end()
        if match.group("escaped") is not None:
            out.append("$")
            continue
        name = match.group("named") or match.group("braced")
        if name is None:  # unreachable for a checked template; keep the text as written
            out.append(match.group())
            continue
        value = values.get(name, "")
        out.append(value)
        if value.endswith(".") and template.startswith(".", pos):
            pos += 1
    out.append(template[pos:])
    return "".join(out)


def uses(template: str, name: str) -> bool:
    parsed = Template(template)
    return parsed.is_valid() and name in parsed.get_identifiers()
