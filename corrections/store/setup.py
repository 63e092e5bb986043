"""Finding a store, and making a new one."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from corrections.domain.catalog import CONFIG_FILE
from corrections.domain.errors import BadInput, Refused, StoreNotFound
from corrections.domain.people import checked_name
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot
from corrections.store.gitcmd import run_git

# Only `init` needs the configuration models and the CI templates: not every command that
# opens a store.
if TYPE_CHECKING:
    from corrections.domain.ci.settings import CiSettings
    from corrections.domain.style_names import StyleName

STORE_ENV = "CORRECTIONS_STORE"
USER_ENV = "CORRECTIONS_USER"
_BAD_EMAIL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029<>]")

GITATTRIBUTES = """# Articles are text with LF line endings on every platform.
articles/** text eol=lf
corrections/** text eol=lf
"""


def find_store(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> GitStore:
    """``--store PATH``, then ``$CORRECTIONS_STORE``, then the nearest store above ``cwd``."""
    if explicit is not None:
        return _open_checked(explicit, "--store")
    if env.get(STORE_ENV):
        return _open_checked(Path(env[STORE_ENV]), STORE_ENV)
    for directory in [cwd, *cwd.parents]:
        if (directory / CONFIG_FILE).is_file() and (directory / ".git").exists():
            return GitStore.open(directory)
    raise StoreNotFound(
        f"no corrections store in {cwd} or above: pass --store PATH, set {STORE_ENV}, "
        "or create one with 'corrections init PATH'"
    )


def _open_checked(path: Path, source: str) -> GitStore:
    if not path.exists():
        raise StoreNotFound(f"{path} (from {source}): no such directory")
    store = GitStore.open(path)
    head = store.head()
    has_config = (store.work_tree is not None and (store.work_tree / CONFIG_FILE).is_file()) or (
        head is not None and store.read_file(head, CONFIG_FILE) is not None
    )
    if not has_config:
        store.close()
        raise StoreNotFound(
            f"{path} (from {source}): not a corrections store (no {CONFIG_FILE}); "
            "create one with 'corrections init'"
        )
    return store


def init_store(
    path: Path,
    style: StyleName,
    author: Identity,
    when: str | None,
    ci: CiSettings | None = None,
) -> GitStore:
    """Make ``path`` a store: a git repository with the store files in a first commit,
    and the workflow its git host runs (``ci``; default GitHub, installing this version)."""
    from corrections.domain.ci.settings import CiSettings
    from corrections.domain.ci.workflows import workflow_files
    from corrections.domain.config import default_config_text

    ci = ci or CiSettings()
    path = path.resolve()
    path.mkdir(parents=True, exist_ok=True)
    if not (path / ".git").exists():
        run_git(path / ".git", ["init", "-q", "-b", "main", str(path)])
    store = GitStore.open(path)
    # Objects and refs reach the disk before a commit is reported done.
    set_config(store, {"core.fsync": "added,reference"})
    files: dict[str, bytes | None] = {
        CONFIG_FILE: default_config_text(style, ci).encode(),
        ".gitattributes": GITATTRIBUTES.encode(),
        **{name: text.encode() for name, text in workflow_files(ci).items()},
        "articles/.gitkeep": b"",
        "corrections/.gitkeep": b"",
    }

    def plan(snapshot: Snapshot) -> PlannedCommit:
        if snapshot.read(CONFIG_FILE) is not None:
            raise Refused(f"{path} is already a corrections store")
        return PlannedCommit(files, "Start the corrections store", author)

    try:
        store.write(plan, when=when)
    except BaseException:
        store.close()
        raise
    return store


def identity_from(store: GitStore | None, name: str | None, env: Mapping[str, str]) -> Identity:
    """``--as NAME``, then ``$CORRECTIONS_USER``, then git's ``user.name``.

    The first one given is the name, and it must be a valid one (``people.name_problem``):
    ``--as ""`` is refused, never a silent fall-back to the next source.
    """
    if name is not None:
        chosen, source = name, "--as"
    elif env.get(USER_ENV):
        chosen, source = env[USER_ENV], f"${USER_ENV}"
    else:
        configured = _user_config(store, "name")
        if configured is None:
            raise BadInput(f"who are you? pass --as NAME, set {USER_ENV}, or set git's user.name")
        chosen, source = configured, "git's user.name"
    shown = checked_name(chosen, source)
    email = _user_config(store, "email") if source == "git's user.name" else None
    if email is not None and _BAD_EMAIL.search(email):
        raise BadInput("git's user.email: an e-mail address cannot hold control characters or <>")
    if not email:
        local = "".join(c if c.isalnum() else "." for c in shown.lower()).strip(".") or "user"
        email = f"{local}@newsroom.invalid"
    return Identity(shown, email)


def _user_config(store: GitStore | None, key: str) -> str | None:
    """git's ``user.KEY``: the store's configuration (with the user's and the system's
    beneath it), or the user's own when there is no store yet; None when unset or empty."""
    scope = ["--global"] if store is None else []
    result = run_git(
        store.git_dir if store else None,
        ["config", *scope, "--get", f"user.{key}"],
        check=False,
    )
    value = result.stdout.decode("utf-8", "surrogateescape").removesuffix("\n")
    return value if result.returncode == 0 and value else None


def set_config(store: GitStore, values: Mapping[str, str]) -> None:
    """Set options in the store's own configuration (each replacing any earlier value),
    all in one edit of the file under git's own ``config.lock``: GitPython's config writer.
    Only the commands that set a store up (init, clone) load GitPython."""
    import git

    with git.GitConfigParser(
        str(store.repository.common_dir / "config"), read_only=False
    ) as config:
        for key, value in values.items():
            section, _, option = key.rpartition(".")
            config.set_value(section, option, value)


def bundled_articles() -> list[Path]:
    """The demo articles shipped with the package (or beside it, in a source checkout)."""
    package = Path(__file__).resolve().parents[1]
    for directory in (package / "demo_articles", package.parent / "articles"):
        found = sorted(directory.glob("*.md"))
        if found:
            return found
    raise StoreNotFound("the bundled demo articles are missing from this installation")


DEMO_MARKER = "corrections-demo"


def remove_demo_store(path: Path) -> None:
    """Delete a demo store before rebuilding it; anything else is refused."""
    import shutil

    if not (path / ".git" / DEMO_MARKER).is_file():
        raise Refused(f"{path} exists and is not a demo store: choose another path")
    shutil.rmtree(path)


def init_bare_remote(path: Path) -> str:
    """An empty bare repository to share as a newsroom's remote; returns its file:// URL."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    run_git(path, ["init", "-q", "--bare", "-b", "main", str(path)])
    return path.as_uri()


def set_local_identity(store: GitStore, identity: Identity) -> None:
    """Who works in this clone, for git and for ``corrections`` (git's user.name)."""
    set_config(store, {"user.name": identity.name, "user.email": identity.email})
