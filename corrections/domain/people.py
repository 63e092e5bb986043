"""People, by name: one canonical form for every comparison, and what a name may hold.

A person is known to the tool only by the name they act under (``--as``,
``$CORRECTIONS_USER`` or git's ``user.name``). Names are compared in ONE canonical form
(:func:`canonical`), never as typed: otherwise "MAYA EDITOR", "maya editor", "Maya<U+200B>
Editor" and "Ｍａｙａ Ｅｄｉｔｏｒ" (fullwidth) would be four people, and the proposer could
approve her own proposal, or "Sam" and "sam" could count as two approvals.

Canonical: Unicode NFKC (fullwidth and compatibility forms folded), case-folded, invisible
format characters (Unicode category Cf: zero-width spaces and joiners, word joiner, BOM,
bidi controls, soft hyphen) removed, whitespace collapsed to single spaces.

A name that is empty once canonical, longer than :data:`NAME_MAX` characters, or holds a
control character (C0, DEL, C1, U+2028/U+2029) is not a name: it would reach git's author
fields and commit messages raw, or be unusable as a trailer value.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from corrections.domain.errors import BadInput
from corrections.domain.sanitize import CONTROL_CHARACTERS

NAME_MAX = 200


def _drop_invisible(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


@functools.lru_cache(maxsize=4096)  # a store holds few people, compared very often
def canonical(name: str) -> str:
    """The form two names are compared in: equal canonical forms are the same person."""
    if name.isascii():  # no compatibility forms or format characters: the common case
        return " ".join(name.lower().split())
    text = name
    # NFKC after case folding can produce new foldable characters (and vice versa), so
    # repeat until nothing changes: the result is then idempotent by construction.
    for _ in range(4):
        folded = unicodedata.normalize("NFKC", _drop_invisible(text)).casefold()
        folded = " ".join(unicodedata.normalize("NFKC", _drop_invisible(folded)).split())
        if folded == text:
            break
        text = folded
    return text


def same_person(a: str, b: str) -> bool:
    return canonical(a) == canonical(b)


def is_among(name: str, names: Iterable[str]) -> bool:
    """Whether ``name`` is one of ``names`` (a policy list, say), compared canonically."""
    key = canonical(name)
    return any(canonical(other) == key for other in names)


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a person's name, or None when it can."""
    bad = CONTROL_CHARACTERS.search(name)
    if bad is not None:
        return f"a name cannot hold control characters (it holds U+{ord(bad.group()):04X})"
    shown = display_form(name)
    if len(shown) > NAME_MAX:
        return f"a name is at most {NAME_MAX} characters (this one has {len(shown)})"
    if not canonical(name):
        return "a name cannot be empty (or only spaces and invisible characters)"
    return None


def display_form(name: str) -> str:
    """The name as it is written into events and commits: whitespace collapsed."""
    return " ".join(name.split())


def checked_name(name: str, source: str) -> str:
    """``name`` as written into events and commits, or ``BadInput`` naming ``source``
    (``--as``, ``$CORRECTIONS_USER``, git's ``user.name``)."""
    problem = name_problem(name)
    if problem is not None:
        raise BadInput(f"{source}: {problem}")
    return display_form(name)
