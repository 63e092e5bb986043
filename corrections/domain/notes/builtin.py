"""The built-in house styles, written from each outlet's published guidance.

See ``house-styles.md`` in the design notes for the sources. Each style is plain data
validated into a ``HouseStyle`` by ``config.py``, where a newsroom's ``corrections.toml``
can override any part of one the same way (``styles_from_config``).
"""

from __future__ import annotations

from typing import Any

from corrections.domain.notes.dates import AP_DATE, DMY_DATE

# The error verbs of the NYT and Washington Post forms: misstated a number, misspelled a
# name (a small slip), misidentified a name (a different one), misquoted.
_VERBS = {
    "figure": "misstated",
    "name": "misidentified",
    "spelling": "misspelled",
    "title": "misstated",
    "quote": "misquoted",
    "date": "misstated",
    "wording": "misstated",
}
_OBJECTS = {
    "figure": "a figure",
    "name": "a name",
    "spelling": "a name",
    "title": "a title",
    "quote": "a remark",
    "date": "a date",
    "wording": "a detail",
}
_WHATS = {
    "figure": "figure",
    "name": "name",
    "spelling": "name",
    "title": "title",
    "quote": "quote",
    "date": "date",
    "wording": "wording",
}

# Wording shared by the "This article has been updated to ..." houses.
_UPDATED_TO = {
    "inserted": "include that $clause",
    "replaced": "reflect that the $what is now $new",
    "deleted": "remove a sentence that said “$sentence”",
    "removed": "remove the words $old",
    "headline": "revise the $part, which now reads “$headline”",
    "more": "make $count other changes",
    "joiner": ", ",
    "last_joiner": ", and ",
}

GLOBE: dict[str, Any] = {
    "name": "globe",
    "noun": "article",
    "date_format": AP_DATE,
    "date_placement": "suffix",
    "verbs": {
        **_VERBS,
        "figure": "incorrectly stated",
        "title": "incorrectly stated",
        "date": "incorrectly stated",
        "wording": "incorrectly stated",
    },
    "objects": _OBJECTS,
    "whats": _WHATS,
    # "Editor's Note: An earlier online version of this story incorrectly stated ....
    # This online version has been corrected."
    "correction": {
        "label": "Editor's Note:",
        "placement": "bottom",
        "opening": "An earlier online version of $subject ",
        "inserted": "omitted that $clause",
        "replaced": "$verb $object",
        "replaced_fix": "It is $new$wrong.",
        "deleted": "included a sentence, since removed, that said “$sentence”",
        "removed": "included the words $old, since removed",
        "headline": "$verb $object",
        "headline_fix": "It is $new$wrong.",
        "generic": "An earlier online version of $subject contained an error: $reason. "
        "This online version has been corrected.",
        "more": "contained $count other errors",
        "joiner": ", ",
        "closing": "This online version has been corrected.",
    },
    # The seed: "This article has been updated to clarify that ..."
    "clarification": {
        "placement": "bottom",
        "opening": "This $noun has been updated to ",
        "inserted": "clarify that $clause",
        "replaced": "clarify that the $what is $new$wrong",
        "deleted": "remove a sentence that said “$sentence”",
        "removed": "remove the words $old",
        "headline": "clarify that the $what in the $part is $new$wrong",
        "generic": "This $noun has been updated to clarify $reason.",
        "more": "make $count other changes",
        "joiner": ", ",
        "last_joiner": ", and ",
    },
    "update": {
        "placement": "bottom",
        "opening": "This $noun has been updated to ",
        **_UPDATED_TO,
        "generic": "This $noun has been updated to include $reason.",
    },
    "editors_note": {
        "label": "Editor's Note:",
        "placement": "top",
        "opening": "This $noun has been updated to ",
        **_UPDATED_TO,
        "replaced": "state that the $what is $new$wrong",
        "ending": " because $reason.",
        "generic": "This $noun has been updated because $reason.",
    },
    "retraction": {
        "label": "Editor's Note:",
        "placement": "top",
        "generic": "This $noun has been retracted because $reason.",
    },
}

NYT: dict[str, Any] = {
    "name": "nyt",
    "noun": "article",
    "date_format": AP_DATE,
    "date_placement": "dateline",  # "Correction: Dec. 6, 2021" above the note
    "verbs": _VERBS,
    "objects": _OBJECTS,
    "whats": _WHATS,
    # "An earlier version of this article misstated ... It is X, not Y."
    "correction": {
        "label": "Correction:",
        "placement": "bottom",
        "opening": "An earlier version of $subject ",
        "inserted": "omitted that $clause",
        "replaced": "$verb $object",
        "replaced_fix": "It is $new$wrong.",
        "deleted": "included a sentence, since removed, that said “$sentence”",
        "removed": "included the words $old, since removed",
        "headline": "$verb $object",
        "headline_fix": "It is $new$wrong.",
        "generic": "An earlier version of $subject contained an error: $reason.",
        "more": "contained $count other errors",
        "joiner": ", ",
    },
    "clarification": {
        "label": "Clarification:",
        "placement": "bottom",
        "opening": "This $noun has been updated to ",
        "inserted": "clarify that $clause",
        "replaced": "make clear that the $what is $new$wrong",
        "deleted": "remove a sentence that said “$sentence”",
        "removed": "remove the words $old",
        "headline": "make clear that the $what in the $part is $new$wrong",
        "generic": "An earlier version of $subject did not make clear that $reason.",
        "more": "make $count other changes",
        "joiner": ", ",
        "last_joiner": ", and ",
    },
    "update": {
        "label": "Update:",
        "placement": "bottom",
        "opening": "This $noun has been updated to ",
        **_UPDATED_TO,
        "generic": "This $noun has been updated to include $reason.",
    },
    "editors_note": {
        "label": "Editors' Note:",
        "placement": "top",
        "opening": "This $noun has been updated to ",
        **_UPDATED_TO,
        "replaced": "state that the $what is $new$wrong",
        "ending": " because $reason.",
        "generic": "This $noun has been updated because $reason.",
    },
    "retraction": {
        "label": "Editors' Note:",
        "placement": "top",
        "generic": "This $noun has been retracted because $reason.",
    },
}

# AP: "This story has been corrected to show X, not Y." A correction is always called one:
# never "recasts", "fixes", "clarifies" or "changes" for a factual error.
AP: dict[str, Any] = {
    "name": "ap",
    "noun": "story",
    "date_format": AP_DATE,
    "date_placement": "suffix",
    "verbs": _VERBS,
    "objects": _OBJECTS,
    "whats": _WHATS,
    "correction": {
        "placement": "bottom",
        "opening": "This $noun has been corrected to ",
        "inserted": "show that $clause",
        "replaced": "show that the $what is $new$wrong",
        "deleted": "remove a sentence that said “$sentence”",
        "removed": "remove the words $old",
        "headline": "show that the $what in the $part is $new$wrong",
        "generic": "This $noun has been corrected: $reason.",
        "more": "correct $count other errors",
        "joiner": ", ",
        "last_joiner": ", and ",
    },
    # "... The story should also have noted that ..."
    "clarification": {
        "placement": "bottom",
        "opening": "This $noun has been updated to ",
        "inserted": "note that $clause",
        "replaced": "make clear that the $what is $new$wrong",
        "deleted": "remove a sentence that said “$sentence”",
        "removed": "remove the words $old",
        "headline": "make clear that the $what in the $part is $new$wrong",
        "generic": "This $noun should also have noted that $reason.",
        "more": "make $count other changes",
        "joiner": ", ",
        "last_joiner": ", and ",
    },
    "update": {
        "placement": "bottom",
        "opening": "This $noun has been updated to ",
        **_UPDATED_TO,
        "generic": "This $noun has been updated to include $reason.",
    },
    "editors_note": {
        "label": "Editor's Note:",
        "placement": "top",
        "opening": "This $noun has been updated to ",
        **_UPDATED_TO,
        "replaced": "state that the $what is $new$wrong",
        "ending": " because $reason.",
        "generic": "This $noun has been updated because $reason.",
    },
    # "The Associated Press has withdrawn its story about ..."
    "retraction": {
        "placement": "top",
        "generic": "The Associated Press has withdrawn this $noun because $reason.",
    },
}

# Guardian: a footnote, "This article was amended on 6 December 2021 to correct ...".
GUARDIAN: dict[str, Any] = {
    "name": "guardian",
    "noun": "article",
    "date_format": DMY_DATE,
    "date_placement": "inline",
    "verbs": _VERBS,
    "objects": {**_OBJECTS, "spelling": "the spelling of a name", "quote": "a quotation"},
    "whats": _WHATS,
    "correction": {
        "placement": "bottom",
        "opening": "This $noun was amended to ",
        "inserted": "add that $clause",
        "replaced": "correct $object",
        "replaced_fix": "It is $new$wrong.",
        "deleted": "remove a sentence which said “$sentence”",
        "removed": "remove the words $old",
        "headline": "correct $object in the $part",
        "headline_fix": "It is $new$wrong.",
        "generic": "This $noun was amended to correct an error: $reason.",
        "more": "correct $count other errors",
        "joiner": ", ",
    },
    "clarification": {
        "placement": "bottom",
        "opening": "This $noun was amended to ",
        "inserted": "clarify that $clause",
        "replaced": "clarify that the $what is $new$wrong",
        "deleted": "remove a sentence which said “$sentence”",
        "removed": "remove the words $old",
        "headline": "clarify that the $what in the $part is $new$wrong",
        "generic": "This $noun was amended to clarify $reason.",
        "more": "make $count other changes",
        "joiner": ", ",
        "last_joiner": ", and ",
    },
    "update": {
        "placement": "bottom",
        "opening": "This $noun was updated to ",
        **_UPDATED_TO,
        "generic": "This $noun was updated to include $reason.",
    },
    "editors_note": {
        "label": "Editor's note:",
        "placement": "top",
        "opening": "This $noun was amended to ",
        **_UPDATED_TO,
        "replaced": "state that the $what is $new$wrong",
        "ending": " because $reason.",
        "generic": "This $noun was amended because $reason.",
    },
    "retraction": {
        "placement": "top",
        "generic": "This $noun was withdrawn because $reason.",
    },
}

# Reuters: a parenthetical list naming what was corrected and the paragraph it is in,
# "(Corrects figure in paragraph 3; corrects name in paragraph 7)"; every correction
# trashline says "corrects". Values read "to X from Y", the wire's own form.
_REUTERS_UPDATE = {
    "opening": "(",
    "inserted": "updates paragraph $paragraph to add that $clause",
    "replaced": "updates $what in paragraph $paragraph to $new",
    "deleted": "removes sentence that said “$sentence” from paragraph $paragraph",
    "removed": "removes words $old from paragraph $paragraph",
    "headline": "updates $part",
    "more": "makes $count other changes",
    "last_joiner": "; ",
    "ending": ")",
}
REUTERS: dict[str, Any] = {
    "name": "reuters",
    "noun": "story",
    "date_format": AP_DATE,
    "date_placement": "suffix",
    "wrong_value": " from $old",
    "factor": False,
    "verbs": _VERBS,
    "objects": _OBJECTS,
    "whats": {**_WHATS, "spelling": "spelling of name"},
    "correction": {
        "placement": "top",
        "opening": "(",
        "inserted": "corrects paragraph $paragraph to add that $clause",
        "replaced": "corrects $what in paragraph $paragraph to $new$wrong",
        "deleted": "corrects paragraph $paragraph to remove sentence that said “$sentence”",
        "removed": "corrects paragraph $paragraph to remove words $old",
        "headline": "corrects $what in $part to $new$wrong",
        "generic": "(Corrects story: $reason)",
        "more": "corrects $count other errors",
        "last_joiner": "; ",
        "ending": ")",
    },
    "clarification": {
        "placement": "top",
        "opening": "(",
        "inserted": "adds sentence in paragraph $paragraph to clarify that $clause",
        "replaced": "clarifies $what in paragraph $paragraph to $new$wrong",
        "deleted": "removes sentence that said “$sentence” from paragraph $paragraph",
        "removed": "removes words $old from paragraph $paragraph",
        "headline": "clarifies $what in $part to $new$wrong",
        "generic": "(Clarifies story: $reason)",
        "more": "makes $count other changes",
        "last_joiner": "; ",
        "ending": ")",
    },
    "update": {"placement": "top", **_REUTERS_UPDATE, "generic": "(Updates with $reason)"},
    "editors_note": {
        "placement": "top",
        **_REUTERS_UPDATE,
        "opening": "(Editor's note: ",
        "ending": " because $reason)",
        "generic": "(Adds editor's note: $reason)",
    },
    "retraction": {"placement": "top", "generic": "(Story withdrawn: $reason)"},
}

STYLE_DATA: dict[str, dict[str, Any]] = {
    "globe": GLOBE,
    "nyt": NYT,
    "ap": AP,
    "guardian": GUARDIAN,
    "reuters": REUTERS,
}
