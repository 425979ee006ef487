"""Seal a pack before a tournament, verify it after the reveal.

The commitment is the SHA-256 of the validated pack's canonical JSON (the same hash every
tournament records for the packs it used), so formatting, comments and key order do not
change it while any change to a motion, its background or its arguments does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone

from ..domain.models import MotionPack
from ..league.resources import canonical_hash

KIND = "debate-motion-pack-commitment"
ALGORITHM = "sha256 over canonical JSON of the validated pack (sorted keys, no spaces, UTF-8)"
_HEX = re.compile(r"^(?:sha256:)?([0-9a-fA-F]{64})$")


@dataclass(frozen=True)
class Commitment:
    pack_id: str
    pack_version: str
    sha256: str
    motions: int = 0
    sealed_at: str = ""

    def to_json(self) -> str:
        return json.dumps({"kind": KIND, "algorithm": ALGORITHM, "pack": self.pack_id,
                           "version": self.pack_version, "sha256": self.sha256,
                           "motions": self.motions, "sealed_at": self.sealed_at},
                          indent=2, ensure_ascii=False) + "\n"


def commit(pack: MotionPack, *, now: datetime | None = None) -> Commitment:
    when = (now or datetime.now(timezone.utc)).replace(microsecond=0).isoformat()
    return Commitment(pack.id, pack.version, canonical_hash(pack), len(pack.motions), when)


def parse_digest(text: str) -> str | None:
    """A bare digest as published ('sha256:<hex>' or '<hex>'), lower-cased; else None."""
    m = _HEX.match(text.strip())
    return m.group(1).lower() if m else None


def parse_commitment(text: str) -> Commitment:
    """Read a commitment file; raise ValueError naming what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not a commitment file (invalid JSON at line {exc.lineno})") from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise ValueError(f"not a commitment file (expected \"kind\": \"{KIND}\")")
    digest = parse_digest(str(data.get("sha256", "")))
    if digest is None:
        raise ValueError("field sha256: expected 64 hexadecimal digits")
    return Commitment(str(data.get("pack", "")), str(data.get("version", "")), digest,
                      int(data.get("motions") or 0), str(data.get("sealed_at", "")))


def check(pack: MotionPack, expected: Commitment | str) -> list[str]:
    """Why the pack does not match the commitment (empty when it does)."""
    actual = canonical_hash(pack)
    if isinstance(expected, str):
        return [] if actual == expected else [f"hash differs: committed {expected}, pack is {actual}"]
    problems = []
    if expected.pack_id and expected.pack_id != pack.id:
        problems.append(f"pack id differs: committed {expected.pack_id!r}, pack is {pack.id!r}")
    if expected.pack_version and expected.pack_version != pack.version:
        problems.append(f"version differs: committed {expected.pack_version!r}, "
                        f"pack is {pack.version!r}")
    if actual != expected.sha256:
        problems.append(f"hash differs: committed {expected.sha256}, pack is {actual}")
    return problems
