"""Proposing the same correction to several articles as one group, in one commit.

The first article's change is made by the editor; each other article gets the same
word-level replacements (:mod:`corrections.domain.groups`), its own diff and its own
drafted note. Every correction of the group carries the group's id (the first one's), is
reviewed on its own (one approval per article diff) and is published with the others
(:mod:`corrections.services.publishing`).
"""

from __future__ import annotations

from collections.abc import Sequence

from corrections.domain.article import without_notes
from corrections.domain.catalog import article_path
from corrections.domain.errors import BadInput, Refused
from corrections.domain.events import event_to_bytes
from corrections.domain.kinds import Kind
from corrections.domain.records import CorrectionRecord, new_id
from corrections.domain.sanitize import typed_text
from corrections.domain.slugs import validate_slug
from corrections.services import workflow
from corrections.services.config import load_config
from corrections.services.opening import commit_date
from corrections.services.viewing import diff_articles_text
from corrections.services.workflow import ProposalDraft
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot


def propose_group(
    store: GitStore,
    slug: str,
    new_input: str,
    kind: Kind,
    author: Identity,
    also: Sequence[str],
    *,
    summary: str = "",
    note: str | None = None,
) -> list[CorrectionRecord]:
    """Propose ``new_input`` to ``slug`` and the same replacements to each of ``also``:
    one correction per article, linked by a group id, written in one commit."""
    from corrections.domain.diff import summarize
    from corrections.domain.groups import apply_replacements, replacements

    slugs = [validate_slug(slug), *(validate_slug(other) for other in also)]
    if len(set(slugs)) != len(slugs):
        raise BadInput("--also names each other article once, and not the article itself")
    summary = typed_text(summary)
    when = workflow.now()
    ids = [new_id(when) for _ in slugs]
    while len(set(ids)) != len(ids):  # pragma: no cover - 32 random bits each
        ids = [new_id(when) for _ in slugs]

    def plan(snapshot: Snapshot) -> tuple[PlannedCommit, list[CorrectionRecord]]:
        config = load_config(store, snapshot.head)
        texts = [without_notes(workflow.article_now(snapshot, s), article_path(s)) for s in slugs]
        first = workflow.proposed_article(texts[0], new_input, slug)
        if first == texts[0]:
            raise Refused(
                f"the proposed text is the same as the published {slug}: nothing to correct"
            )
        pairs = replacements(summarize(diff_articles_text(texts[0], first).body))
        proposed = [first] + [
            apply_replacements(text, other, pairs)
            for other, text in zip(slugs[1:], texts[1:], strict=True)
        ]
        files: dict[str, bytes | None] = {}
        records = []
        for number, (member, current, text, correction_id) in enumerate(
            zip(slugs, texts, proposed, ids, strict=True)
        ):
            own = note if number == 0 else None  # the editor's note is the first article's
            asked = ProposalDraft(
                correction_id, member, kind, summary, own, author, when, group=ids[0]
            )
            path, event, record = workflow.proposal(asked, current, text, snapshot.head, config)
            records.append(record)
            files[path] = event_to_bytes(event)
        trailers = [("Correction-Id", correction_id) for correction_id in ids]
        trailers += [("Correction-Group", ids[0]), ("Correction-Step", "propose")]
        planned = PlannedCommit(
            files,
            f"Propose {kind.value} to {slug} and {len(slugs) - 1} more "
            f"article{'s' if len(slugs) > 2 else ''} together",
            author,
            body=summary,
            trailers=trailers,
        )
        return planned, records

    from corrections.services.hooks import after_step
    from corrections.services.sync import write_step_with_result

    commit, result = write_step_with_result(store, plan, when=commit_date())
    for record in result:  # the store's hooks hear of each correction, as of any proposal
        after_step(store, "proposed", record, commit, author.name)
    return result
