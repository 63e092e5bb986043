"""The store's CI: choosing what it installs, and writing its workflow from corrections.toml."""

from __future__ import annotations

from pathlib import Path

from corrections.domain.article import decode
from corrections.domain.ci.check import check_workflows
from corrections.domain.ci.install import requirement_from_spec
from corrections.domain.ci.settings import CI_HOSTS, CiHost, CiSettings
from corrections.domain.ci.workflows import WORKFLOW_PATHS, workflow_files, written_by_us
from corrections.domain.config import CONFIG_FILE, StoreConfig, parse_config
from corrections.domain.errors import BadInput, NotFound
from corrections.domain.frozen import frozen
from corrections.domain.validation import Finding
from corrections.services.opening import commit_date
from corrections.store.git_store import GitStore, Identity, PlannedCommit, Snapshot


def ci_settings(host: str = "github", install: str | None = None) -> CiSettings:
    """``init --ci HOST --ci-install SPEC`` as settings; BadInput names what is wrong.

    SPEC is a version, a requirement, a wheel URL, ``git+https://…@<commit>``, or a wheel
    file on this machine (made absolute, since CI runs elsewhere).
    """
    chosen = next((h for h in CI_HOSTS if h == host), None)
    if chosen is None:
        raise BadInput(f"--ci {host!r}: choose one of {', '.join(CI_HOSTS)}")
    if install is None:
        return CiSettings(host=chosen)
    try:
        requirement = requirement_from_spec(_absolute_if_file(install))
    except BadInput as error:
        raise BadInput(f"--ci-install {error}") from None
    return CiSettings(host=chosen, install=requirement)


def _absolute_if_file(spec: str) -> str:
    text = spec.strip()
    if "://" in text or not text.endswith(".whl"):
        return text
    path = Path(text).expanduser()
    if not path.is_file():
        raise BadInput(f"{spec!r}: no such wheel file")
    # A file URL, percent-encoded: a space in the path cannot split the shell line.
    return path.resolve().as_uri()


@frozen
class CiWrite:
    """What ``ci write`` did: the commit (None when the files already matched)."""

    commit: str | None
    host: CiHost
    install: str
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


class _UpToDate(Exception):
    pass


def write_ci(store: GitStore, author: Identity) -> CiWrite:
    """Write the workflow of ``[ci] host`` from the committed corrections.toml, and remove
    the workflows we wrote for other hosts, in one commit."""
    outcome: dict[str, CiWrite] = {}

    def plan(snapshot: Snapshot) -> PlannedCommit:
        settings = _committed_settings(snapshot)
        files: dict[str, bytes | None] = {}
        wanted = workflow_files(settings)
        for path, text in wanted.items():
            if snapshot.read(path) != text.encode():
                files[path] = text.encode()
        for path in WORKFLOW_PATHS.values():
            current = snapshot.read(path)
            if path not in wanted and current is not None and written_by_us(current):
                files[path] = None
        written = tuple(p for p, data in files.items() if data is not None)
        removed = tuple(p for p, data in files.items() if data is None)
        outcome["result"] = CiWrite(None, settings.host, settings.install, written, removed)
        if not files:
            raise _UpToDate
        return PlannedCommit(
            files,
            f"CI on {settings.host} installs {settings.install}",
            author,
            body="Written from the [ci] table of corrections.toml by `corrections ci write`.",
        )

    try:
        from corrections.services.sync import write_step  # only writing needs it

        commit = write_step(store, plan, when=commit_date())
    except _UpToDate:
        return outcome["result"]
    done = outcome["result"]
    return CiWrite(commit, done.host, done.install, done.written, done.removed)


def ci_findings(store: GitStore, head: str, config: StoreConfig) -> list[Finding]:
    """For validate: the workflows on main install what ``[ci]`` pins."""
    files = {path: store.read_file(head, path) for path in WORKFLOW_PATHS.values()}
    return check_workflows(config.ci, files)


def _committed_settings(snapshot: Snapshot) -> CiSettings:
    data = snapshot.read(CONFIG_FILE)
    if data is None:
        raise NotFound(f"{snapshot.store.root}: {CONFIG_FILE} is missing on main")
    return parse_config(decode(data, CONFIG_FILE), CONFIG_FILE).ci
