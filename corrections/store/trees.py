"""Building the tree of a new commit directly from its parent's trees.

A step changes a handful of paths; the store may hold 100,000 articles in one folder. Going
through an index (``read-tree`` of the parent, ``update-index``, ``write-tree``) reads and
writes every entry of every folder each time. Here only the folders on the changed paths
are read (through the store's ``cat-file --batch``), changed in place, and written together
with the new blobs as one small pack that ``git unpack-objects`` stores: one git process
for all the objects of a step. The result is the tree ``write-tree`` of such an index gives
(``tests/store/test_trees.py`` checks that they agree).
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from corrections.domain.errors import StoreError

FILE_MODE = b"100644"
TREE_MODE = b"40000"
BLOB, TREE = 3, 2
_TYPE_NAMES = {BLOB: b"blob", TREE: b"tree"}


@dataclass
class NewObjects:
    """Objects to store: (type, data) by id, and the ids of the new blobs in order."""

    algorithm: str
    objects: dict[str, tuple[int, bytes]] = field(default_factory=dict)

    def add(self, kind: int, data: bytes) -> str:
        oid = object_id(self.algorithm, kind, data)
        self.objects.setdefault(oid, (kind, data))
        return oid

    def pack(self) -> bytes:
        """A version 2 pack holding every object whole (``git unpack-objects`` reads it)."""
        parts = [b"PACK", (2).to_bytes(4, "big"), len(self.objects).to_bytes(4, "big")]
        for kind, data in self.objects.values():
            parts.append(_entry_header(kind, len(data)))
            # Stored, not squeezed: unpack-objects compresses the loose objects itself.
            parts.append(zlib.compress(data, 0))
        body = b"".join(parts)
        import hashlib  # loads OpenSSL: only a write needs it

        return body + hashlib.new(self.algorithm, body).digest()


def object_id(algorithm: str, kind: int, data: bytes) -> str:
    import hashlib

    header = b"%s %d\0" % (_TYPE_NAMES[kind], len(data))
    return hashlib.new(algorithm, header + data).hexdigest()


def _entry_header(kind: int, size: int) -> bytes:
    out = bytearray()
    byte = (kind << 4) | (size & 0x0F)
    size >>= 4
    while size:
        out.append(byte | 0x80)
        byte = size & 0x7F
        size >>= 7
    out.append(byte)
    return bytes(out)


_ENTRY: dict[int, re.Pattern[bytes]] = {}


class Tree:
    """A tree object's entries, found without copying them, changed by splicing bytes.

    ``keys`` are the names in git's order (a folder sorts as if its name ended in "/"),
    ``lengths`` the size of each entry in ``data``."""

    def __init__(self, data: bytes, id_size: int, keys: list[bytes], lengths: list[int]) -> None:
        self.data = data
        self.id_size = id_size
        self.keys = keys
        self.lengths = lengths

    @classmethod
    def parse(cls, data: bytes, id_size: int) -> Tree:
        pattern = _ENTRY.get(id_size)
        if pattern is None:
            pattern = _ENTRY[id_size] = re.compile(rb"([0-7]+) ([^\0]+)\0.{%d}" % id_size, re.S)
        entries: list[tuple[bytes, bytes]] = pattern.findall(data)
        keys = [n + b"/" if m == TREE_MODE else n for m, n in entries]
        lengths = [len(m) + len(n) + 2 + id_size for m, n in entries]
        if sum(lengths) != len(data):
            raise StoreError("a tree object ends in the middle of an entry")
        return cls(data, id_size, keys, lengths)

    def _find(self, key: bytes) -> int | None:
        index = bisect_left(self.keys, key)
        return index if index < len(self.keys) and self.keys[index] == key else None

    def _start(self, index: int) -> int:
        return sum(self.lengths[:index])

    def get(self, name: bytes) -> tuple[bytes, bytes] | None:
        """(mode, raw id) of the entry ``name``, file or folder."""
        for key in (name + b"/", name):
            index = self._find(key)
            if index is not None:
                start = self._start(index)
                end = start + self.lengths[index]
                return self.data[start : self.data.index(b" ", start)], self.data[
                    end - self.id_size : end
                ]
        return None

    def changed(self, changes: Mapping[bytes, tuple[bytes, bytes] | None]) -> Tree:
        """The tree with entries replaced, added or (None) removed."""
        keys = list(self.keys)
        lengths = list(self.lengths)
        # (index in the old entries, 0 to remove it / 1 to insert before it, key, bytes)
        cuts: list[tuple[int, int, bytes, bytes]] = []
        for name, new in changes.items():
            for key in (name, name + b"/"):
                index = self._find(key)
                if index is not None:
                    cuts.append((index, 1, key, b""))
            if new is not None:
                mode, oid = new
                key = name + b"/" if mode == TREE_MODE else name
                cuts.append((bisect_left(self.keys, key), 0, key, mode + b" " + name + b"\0" + oid))
        pieces = []
        position = 0
        index_at = 0
        start_at = 0
        for index, removes, _, entry in sorted(cuts):
            start_at += sum(self.lengths[index_at:index])
            index_at = index
            pieces.append(self.data[position:start_at])
            pieces.append(entry)
            position = start_at + (self.lengths[index] if removes else 0)
        pieces.append(self.data[position:])
        # The same edits on the index lists, from the last so earlier positions hold.
        for index, removes, key, entry in sorted(cuts, reverse=True):
            if removes:
                del keys[index], lengths[index]
            else:
                keys.insert(index, key)
                lengths.insert(index, len(entry))
        return Tree(b"".join(pieces), self.id_size, keys, lengths)


def build_tree(
    read_tree: Callable[[str], bytes],
    base_tree: str | None,
    changes: Mapping[str, str | None],
    new: NewObjects,
    known: dict[str, Tree] | None = None,
) -> str:
    """The id of ``base_tree`` with ``changes`` (path -> blob id, None deletes) applied;
    every tree made on the way is added to ``new``. Folders left empty disappear, as in
    ``write-tree``; a file where a folder must go (or the other way) is replaced.

    ``known``: trees already parsed, by id; on return it holds the trees just made, which
    the next step of the same process starts from (a folder of 100,000 articles is then
    not parsed again)."""
    known = {} if known is None else known
    seen: dict[str, Tree] = {}
    import hashlib

    id_size = hashlib.new(new.algorithm).digest_size
    nested: dict[str, object] = {}
    for path, blob in changes.items():
        node = nested
        parts = path.split("/")
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):  # the same path given as file and folder
                raise StoreError(f"{path}: a path is both a file and a folder in one step")
            node = child
        node[parts[-1]] = blob

    def rebuild(tree_id: str | None, node: dict[str, object]) -> str | None:
        if tree_id is None:
            tree = Tree(b"", id_size, [], [])
        else:
            tree = known.get(tree_id) or Tree.parse(read_tree(tree_id), id_size)
        edits: dict[bytes, tuple[bytes, bytes] | None] = {}
        for name, change in node.items():
            key = name.encode("utf-8", "surrogateescape")
            old = tree.get(key)
            if isinstance(change, dict):
                sub = old[1].hex() if old is not None and old[0] == TREE_MODE else None
                made = rebuild(sub, change)
                if made is not None:
                    edits[key] = (TREE_MODE, bytes.fromhex(made))
                elif sub is not None:  # the folder was emptied: it goes
                    edits[key] = None
            elif change is None:
                if old is not None and old[0] != TREE_MODE:
                    edits[key] = None
            else:
                edits[key] = (FILE_MODE, bytes.fromhex(str(change)))
        result = tree.changed(edits)
        if not result.data:
            return None
        result_id = new.add(TREE, result.data)
        seen[result_id] = result
        return result_id

    made = rebuild(base_tree, nested)
    known.clear()
    known.update(seen)
    return made if made is not None else new.add(TREE, b"")
