"""Use cases shared by every front end. Each takes an open store and returns domain values.

The CLI and the TUI call these and nothing below them; they never run git themselves.
"""

from corrections.services.articles import (
    AddedArticle,
    add_articles,
    commit_date,
    current,
    diff_files,
    diff_versions,
    editable_text,
    history,
    identity,
    init,
    list_articles,
    open_store,
    prepare_article,
    show,
    version_text,
)
from corrections.services.ci import CiWrite, ci_settings, write_ci
from corrections.services.config import load_config
from corrections.services.demo import REVIEWER as DEMO_REVIEWER
from corrections.services.demo import SEED_SLUG as DEMO_SEED_SLUG
from corrections.services.demo import DemoStore, build_demo
from corrections.services.feed import FeedOutput, build_feed, corrections_log
from corrections.services.publish import PublishResult, publish
from corrections.services.sync import delivery, work_offline
from corrections.services.workflow import (
    CorrectionView,
    Preview,
    list_corrections,
    note_problems,
    open_corrections_by_article,
    preview,
    propose,
    review,
    revise,
    view,
    withdraw,
)
from corrections.store.git_store import GitStore, Identity

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
    "history",
    "identity",
    "init",
    "list_articles",
    "list_corrections",
    "load_config",
    "note_problems",
    "open_corrections_by_article",
    "open_store",
    "prepare_article",
    "preview",
    "propose",
    "publish",
    "review",
    "revise",
    "show",
    "version_text",
    "view",
    "withdraw",
    "work_offline",
    "write_ci",
]
