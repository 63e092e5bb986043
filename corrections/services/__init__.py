"""Use cases shared by every front end. Each takes an open store and returns domain values.

The CLI and the TUI call these and nothing below them; they never run git themselves.

Each name is imported from its module on first use (PEP 562): a command that needs one
use case does not pay at start-up for loading every other one and the libraries they use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corrections.services.articles import (
        AddedArticle,
        add_articles,
        current,
        diff_files,
        diff_versions,
        editable_text,
        history,
        init,
        list_articles,
        prepare_article,
        published_text,
        show,
        version_text,
    )
    from corrections.services.ci import CiWrite, ci_settings, write_ci
    from corrections.services.config import load_config
    from corrections.services.demo import REVIEWER as DEMO_REVIEWER
    from corrections.services.demo import SEED_SLUG as DEMO_SEED_SLUG
    from corrections.services.demo import DemoStore, build_demo
    from corrections.services.feed import FeedOutput, build_feed, corrections_log
    from corrections.services.hooks import failed_hooks
    from corrections.services.hooks import sending_later as hooks_sent_later
    from corrections.services.listing import list_corrections, open_corrections_by_article
    from corrections.services.listing_rows import list_correction_rows
    from corrections.services.opening import commit_date, identity, open_store
    from corrections.services.publishing import PublishResult, publish
    from corrections.services.searching import (
        SearchResult,
        WordingUse,
        same_wording_elsewhere,
        search,
        wordings_replaced,
    )
    from corrections.services.sync import delivery, work_offline
    from corrections.services.viewing import CorrectionView, note_problems, view
    from corrections.services.workflow import (
        Preview,
        preview,
        propose,
        review,
        revise,
        withdraw,
    )
    from corrections.store.git_store import GitStore, Identity

_WHERE: dict[str, tuple[str, str]] = {
    "AddedArticle": ("corrections.services.articles", "AddedArticle"),
    "add_articles": ("corrections.services.articles", "add_articles"),
    "commit_date": ("corrections.services.opening", "commit_date"),
    "current": ("corrections.services.articles", "current"),
    "diff_files": ("corrections.services.articles", "diff_files"),
    "diff_versions": ("corrections.services.articles", "diff_versions"),
    "editable_text": ("corrections.services.articles", "editable_text"),
    "history": ("corrections.services.articles", "history"),
    "identity": ("corrections.services.opening", "identity"),
    "init": ("corrections.services.articles", "init"),
    "list_articles": ("corrections.services.articles", "list_articles"),
    "open_store": ("corrections.services.opening", "open_store"),
    "prepare_article": ("corrections.services.articles", "prepare_article"),
    "published_text": ("corrections.services.articles", "published_text"),
    "show": ("corrections.services.articles", "show"),
    "version_text": ("corrections.services.articles", "version_text"),
    "CiWrite": ("corrections.services.ci", "CiWrite"),
    "ci_settings": ("corrections.services.ci", "ci_settings"),
    "write_ci": ("corrections.services.ci", "write_ci"),
    "load_config": ("corrections.services.config", "load_config"),
    "DEMO_REVIEWER": ("corrections.services.demo", "REVIEWER"),
    "DEMO_SEED_SLUG": ("corrections.services.demo", "SEED_SLUG"),
    "DemoStore": ("corrections.services.demo", "DemoStore"),
    "build_demo": ("corrections.services.demo", "build_demo"),
    "FeedOutput": ("corrections.services.feed", "FeedOutput"),
    "build_feed": ("corrections.services.feed", "build_feed"),
    "corrections_log": ("corrections.services.feed", "corrections_log"),
    "failed_hooks": ("corrections.services.hooks", "failed_hooks"),
    "hooks_sent_later": ("corrections.services.hooks", "sending_later"),
    "PublishResult": ("corrections.services.publishing", "PublishResult"),
    "publish": ("corrections.services.publishing", "publish"),
    "SearchResult": ("corrections.services.searching", "SearchResult"),
    "search": ("corrections.services.searching", "search"),
    "WordingUse": ("corrections.services.searching", "WordingUse"),
    "same_wording_elsewhere": ("corrections.services.searching", "same_wording_elsewhere"),
    "wordings_replaced": ("corrections.services.searching", "wordings_replaced"),
    "delivery": ("corrections.services.sync", "delivery"),
    "work_offline": ("corrections.services.sync", "work_offline"),
    "CorrectionView": ("corrections.services.viewing", "CorrectionView"),
    "Preview": ("corrections.services.workflow", "Preview"),
    "list_corrections": ("corrections.services.listing", "list_corrections"),
    "list_correction_rows": ("corrections.services.listing_rows", "list_correction_rows"),
    "open_corrections_by_article": (
        "corrections.services.listing",
        "open_corrections_by_article",
    ),
    "note_problems": ("corrections.services.viewing", "note_problems"),
    "preview": ("corrections.services.workflow", "preview"),
    "propose": ("corrections.services.workflow", "propose"),
    "review": ("corrections.services.workflow", "review"),
    "revise": ("corrections.services.workflow", "revise"),
    "view": ("corrections.services.viewing", "view"),
    "withdraw": ("corrections.services.workflow", "withdraw"),
    "GitStore": ("corrections.store.git_store", "GitStore"),
    "Identity": ("corrections.store.git_store", "Identity"),
}

__all__ = [
    "DEMO_REVIEWER",
    "DEMO_SEED_SLUG",
    "AddedArticle",
    "CiWrite",
    "CorrectionView",
    "DemoStore",
    "FeedOutput",
    "GitStore",
    "Identity",
    "Preview",
    "PublishResult",
    "SearchResult",
    "WordingUse",
    "add_articles",
    "build_demo",
    "build_feed",
    "ci_settings",
    "commit_date",
    "corrections_log",
    "current",
    "delivery",
    "diff_files",
    "diff_versions",
    "editable_text",
    "failed_hooks",
    "history",
    "hooks_sent_later",
    "identity",
    "init",
    "list_articles",
    "list_correction_rows",
    "list_corrections",
    "load_config",
    "note_problems",
    "open_corrections_by_article",
    "open_store",
    "prepare_article",
    "preview",
    "propose",
    "publish",
    "published_text",
    "review",
    "revise",
    "same_wording_elsewhere",
    "search",
    "show",
    "version_text",
    "view",
    "withdraw",
    "wordings_replaced",
    "work_offline",
    "write_ci",
]


# A name here must not be a submodule's name too: importing the submodule would rebind the
# package's attribute to the module (the reason publishing.py is not publish.py).


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value
