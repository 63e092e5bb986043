"""What the store's CI installs: our distribution, pinned so that pip can give nothing else.

On the package index ``corrections`` is someone else's project (an old sdist that pip would
build, running a stranger's code inside the newsroom's CI), so every requirement we write
names ``newsroom-corrections`` and pins it: one exact version, a wheel file or URL, or a git
commit by its full id. The requirement ends up in a shell line inside a YAML file, so the
characters it may hold are few: no quotes, spaces (but the one form ``name @ url``), ``#``,
``?``, ``$`` or ``;``.
"""

from __future__ import annotations

import re

from corrections.domain.errors import BadInput

DISTRIBUTION = "newsroom-corrections"
# The stranger's project on the package index, named in errors so nobody pins it by mistake.
FOREIGN_NAME = "corrections"

_VERSION = r"[0-9]+(?:\.[0-9]+)*(?:(?:a|b|rc)[0-9]+)?(?:\.post[0-9]+)?(?:\.dev[0-9]+)?"
_URL_CHARS = r"[A-Za-z0-9._~%/:@+=,-]"
_TAG = r"[A-Za-z0-9_.]+"
_WHEEL_FILE = rf"newsroom_corrections-{_VERSION}(?:-[0-9][A-Za-z0-9_.]*)?-{_TAG}-{_TAG}-{_TAG}\.whl"

# Patterns, compiled (and kept by ``re``) when first matched: every command that reads
# corrections.toml loads this module, and only checking a requirement needs them.
_WHEEL_URL = rf"{DISTRIBUTION} @ (?:https|file)://{_URL_CHARS}*/{_WHEEL_FILE}"
_GIT_URL = rf"{DISTRIBUTION} @ git\+(?:https|ssh)://{_URL_CHARS}+@[0-9a-f]{{40}}"
_NAME = r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)"
_HASH = r"sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128}"
_PIN_HELP = "pin it: a version (0.1.0), a wheel path or https URL, or git+https://…@<commit id>"


def normalized_name(name: str) -> str:
    """PEP 503: ``Newsroom_Corrections`` and ``newsroom-corrections`` are one project."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_from_spec(spec: str) -> str:
    """``--ci-install``'s short forms as a pinned requirement.

    ``0.1.0`` → ``newsroom-corrections==0.1.0``; an absolute ``/path/….whl`` or a ``https://``
    or ``file://`` wheel URL, or ``git+https://…@<commit>`` → ``newsroom-corrections @ …``;
    a full requirement is checked as it is. Raises BadInput for anything unpinned.
    """
    text = spec.strip()
    try:
        if text[:1].isdigit():
            return _pinned_version(text)
        if text[:1] in ("<", ">", "=", "~", "!"):
            raise BadInput(f"a range or an unpinned version; {_PIN_HELP}")
        if text.startswith("/"):
            text = f"file://{text}"
        if re.match(r"[a-z][a-z0-9+.-]*://", text):
            return _url(text)
        return _canonical(text)
    except BadInput as error:
        raise BadInput(f"{spec!r}: {error}") from None


def check_requirement(requirement: str) -> str:
    """The requirement in its one canonical form, or BadInput saying why it is refused."""
    try:
        return _canonical(requirement.strip())
    except BadInput as error:
        raise BadInput(f"{requirement!r}: {error}") from None


def _canonical(text: str) -> str:
    match = re.fullmatch(_NAME, text, re.S)
    if not text or match is None or any(c.isspace() and c != " " for c in text):
        raise BadInput(f"not a requirement; {_PIN_HELP}")
    name, rest = normalized_name(match.group(1)), match.group(2).strip()
    if name == FOREIGN_NAME:
        raise BadInput(
            f"'corrections' on the package index is someone else's project; ours is {DISTRIBUTION}"
        )
    if name != DISTRIBUTION:
        raise BadInput(f"installs {name!r}, not {DISTRIBUTION}")
    if not rest:
        raise BadInput(f"a bare name installs whatever is newest; {_PIN_HELP}")
    if rest.startswith("["):
        raise BadInput(f"extras are not needed in CI; {_PIN_HELP}")
    if rest.startswith("@"):
        return _url(rest[1:].strip())
    if rest.startswith("==") and not rest.startswith("==="):
        return _pinned_version(rest[2:].strip())
    raise BadInput(f"a range or an unpinned version; {_PIN_HELP}")


def _pinned_version(version: str) -> str:
    if not re.fullmatch(_VERSION, version):
        raise BadInput(f"{version!r} is not one exact version; {_PIN_HELP}")
    return f"{DISTRIBUTION}=={version}"


def _url(url: str) -> str:
    requirement = f"{DISTRIBUTION} @ {url}"
    authority = url.split("://", 1)[-1].split("/", 1)[0]
    if "@" in authority and not url.startswith("git+ssh://"):
        # user:token@host: the token would be committed to the store for anyone to read.
        raise BadInput("a URL with credentials would put a secret in the store")
    if url.startswith("git+"):
        if not url.startswith(("git+https://", "git+ssh://")):
            raise BadInput("fetch git over https or ssh")
        if not re.search(r"@[0-9a-f]{40}$", url):
            raise BadInput(
                "a branch or tag can move; end the URL with @<the full 40-character commit id>"
            )
        if not re.fullmatch(_GIT_URL, requirement):
            raise BadInput("the URL has characters CI cannot pass safely")
        return requirement
    if url.startswith("http://"):
        raise BadInput("use https, not http")
    if not url.startswith(("https://", "file://")):
        raise BadInput(_PIN_HELP)
    if not re.search(rf"/{_WHEEL_FILE}$", url):
        raise BadInput("the URL must name a wheel: newsroom_corrections-<version>-….whl")
    if not re.fullmatch(_WHEEL_URL, requirement):
        raise BadInput("the URL has characters CI cannot pass safely")
    return requirement


def check_hash(value: str) -> str:
    if not re.fullmatch(_HASH, value):
        raise BadInput(f"{value!r}: a hash is sha256:<64 hex digits> (or sha384, sha512)")
    return value


def is_git(requirement: str) -> bool:
    return requirement.startswith(f"{DISTRIBUTION} @ git+")


def install_commands(requirement: str, hashes: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The shell lines CI runs to install ``requirement`` (already checked).

    With hashes, pip's hash-checking mode must see every requirement it installs with a
    hash, which our dependencies do not have: so our distribution is installed alone with
    ``--require-hashes --no-deps`` first (pip reads the hashed line from stdin, as a
    requirements file, the only place ``--hash`` is allowed), then the same requirement
    again, now satisfied, brings in the dependencies.
    """
    quoted = _quote(requirement)
    plain = f"python -m pip install {quoted}"
    if not hashes:
        return [plain]
    hashed = _quote(" ".join([requirement, *(f"--hash={h}" for h in hashes)]))
    return [
        f"echo {hashed} | python -m pip install --require-hashes --no-deps -r /dev/stdin",
        plain,
    ]


def _quote(text: str) -> str:
    # Checked requirements and hashes never hold a quote, so single quotes are enough.
    if "'" in text:
        raise BadInput(f"{text!r}: a quote cannot be passed to CI safely")
    return f"'{text}'"
