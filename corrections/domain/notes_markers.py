"""The markers around the notes block the tool writes into an article's body.

On their own, outside the notes package, so that splitting an article into its text and
its notes block does not load house styles and note drafting.
"""

NOTES_START = "<!-- corrections:notes -->"
NOTES_END = "<!-- /corrections:notes -->"
