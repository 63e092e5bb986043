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

# Wording shared by the "This article has been updated to ..." houses: updates report new
# information and carry no error verb.
_UPDATED_TO = {
    "inserted": "include that $clause",
    "replaced": "reflect that $thing$where $be $new",
    "restated": "reflect that $new_clause",
    "deleted": "remove the statement that $clause",
    "headline": "revise the $part, which now reads “$headline”",
    "more": "make $count other changes",
    "joiner": ", ",
    "last_joiner": ", and ",
}
# "An earlier version of this article misstated the council's vote. It was 6-3, not 7-2."
_EARLIER_VERSION = {
    "inserted": "omitted that $clause",
    "replaced": "$verb $thing",
    "replaced_fix": "$referent $be $new$wrong.",
    "restated": "said $old_clause",
    "restated_fix": "In fact, $new_clause.",
    "deleted": "incorrectly said that $clause",
    "headline": "had an incorrect $part",
    "headline_fix": "It now reads “$headline”, not “$old_headline”.",
    "joiner": ", ",
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
        **_EARLIER_VERSION,
        "restated": "incorrectly stated that $old_clause",
        "deleted": "incorrectly stated that $clause",
        "generic": "An earlier online version of $subject contained an error: $reason. "
        "This online version has been corrected.",
        "more": "contained $count other errors",
        "closing": "This online version has been corrected.",
    },
    # The seed: "This article has been updated to clarify that ..."
    "clarification": {
        "placement": "bottom",
        "opening": "This $noun has been updated to ",
        "inserted": "clarify that $clause",
        "replaced": "clarify that $thing$where $be $new",
        "restated": "clarify that $new_clause",
        "deleted": "remove the statement that $clause",
        "headline": "clarify the $part, which now reads “$headline”",
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
        "replaced": "state that $thing$where $be $new",
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
        **_EARLIER_VERSION,
        "generic": "An earlier version of $subject contained an error: $reason.",
        "more": "contained $count other errors",
    },
    "clarification": {
        "label": "Clarification:",
        "placement": "bottom",
        "opening": "This $noun has been updated to ",
        "inserted": "make clear that $clause",
        "replaced": "make clear that $thing$where $be $new",
        "restated": "make clear that $new_clause",
        "deleted": "remove the statement that $clause",
        "headline": "clarify the $part, which now reads “$headline”",
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
        "replaced": "state that $thing$where $be $new",
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
        "replaced": "show that $thing$where $be $new$wrong",
        "restated": "show that $new_clause$wrong",
        "deleted": "remove an incorrect statement that $clause",
        "headline": "show that the $part reads “$headline”, not “$old_headline”",
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
        "replaced": "make clear that $thing$where $be $new",
        "restated": "make clear that $new_clause",
        "deleted": "remove the statement that $clause",
        "headline": "clarify the $part, which now reads “$headline”",
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
        "replaced": "state that $thing$where $be $new",
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
    "punctuation_inside_quotes": False,
    "verbs": _VERBS,
    "objects": {**_OBJECTS, "spelling": "the spelling of a name", "quote": "a quotation"},
    "whats": _WHATS,
    "correction": {
        "placement": "bottom",
        "opening": "This $noun was amended to ",
        "inserted": "add that $clause",
        "replaced": "correct $topic$where",
        "replaced_fix": "$referent $be $new$wrong.",
        "restated": "correct a statement that $old_clause",
        "restated_fix": "In fact, $new_clause.",
        "deleted": "remove an incorrect statement that $clause",
        "headline": "correct the $part",
        "headline_fix": "It now reads “$headline”, not “$old_headline”.",
        "generic": "This $noun was amended to correct an error: $reason.",
        "more": "correct $count other errors",
        "joiner": ", ",
    },
    "clarification": {
        "placement": "bottom",
        "opening": "This $noun was amended to ",
        "inserted": "clarify that $clause",
        "replaced": "clarify that $thing$where $be $new",
        "restated": "clarify that $new_clause",
        "deleted": "remove the statement that $clause",
        "headline": "clarify the $part, which now reads “$headline”",
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
        "replaced": "state that $thing$where $be $new",
        "ending": " because $reason.",
        "generic": "This $noun was amended because $reason.",
    },
    "retraction": {
        "placement": "top",
        "generic": "This $noun was withdrawn because $reason.",
    },
}

# Reuters: a parenthetical list naming what was corrected and the paragraph it is in,
# "(Corrects council's vote in paragraph 1 to 6-3 from 7-2)"; every correction trashline
# says "corrects". Values read "to X from Y", the wire's own form.
_REUTERS_UPDATE = {
    "opening": "(",
    "inserted": "updates paragraph $paragraph to add that $clause",
    "replaced": "updates $topic$where to $new",
    "restated": "updates paragraph $paragraph to say $new_clause",
    "deleted": "removes statement that $clause from paragraph $paragraph",
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
    "where_body": " in paragraph $paragraph",
    "where_part": " in $part",
    "factor": False,
    "verbs": _VERBS,
    "objects": _OBJECTS,
    "whats": {**_WHATS, "spelling": "spelling of name"},
    "correction": {
        "placement": "top",
        "opening": "(",
        "inserted": "corrects paragraph $paragraph to add that $clause",
        "replaced": "corrects $topic$where to $new$wrong",
        "restated": "corrects paragraph $paragraph to say $new_clause",
        "deleted": "corrects paragraph $paragraph to remove incorrect statement that $clause",
        "headline": "corrects $part to read “$headline”",
        "generic": "(Corrects story: $reason)",
        "more": "corrects $count other errors",
        "last_joiner": "; ",
        "ending": ")",
    },
    "clarification": {
        "placement": "top",
        "opening": "(",
        "inserted": "adds sentence in paragraph $paragraph to clarify that $clause",
        "replaced": "clarifies $topic$where to $new",
        "restated": "clarifies paragraph $paragraph to say $new_clause",
        "deleted": "removes statement that $clause from paragraph $paragraph",
        "headline": "clarifies $part",
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

# By name, in the order of the registry of style names (``corrections.domain.style_names``).
STYLE_DATA: dict[str, dict[str, Any]] = {
    data["name"]: data for data in (GLOBE, NYT, AP, GUARDIAN, REUTERS)
}
