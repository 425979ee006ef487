"""Do the motion packs a league recorded still hash to what its tournaments stored?

Each tournament stores the SHA-256 of every pack it used (the seal: `debate motions seal`). The
report recomputes it from the pack where one can be found: the stock pack of that name, a path
the league file gave (as given, relative to the working directory), or a file named on the
command line, and says whether it matches, differs, or could not be checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import UserError
from ..league.resources import canonical_hash, load_pack, looks_like_path, stock_names
from ..record.state import LeagueState


@dataclass(frozen=True)
class PackCheck:
    tournament: int
    pack_id: str
    sha256: str
    status: str


def pack_checks(state: LeagueState, extra: Sequence[Path] = ()) -> list[PackCheck]:
    found: dict[str, list[tuple[str, str]]] = {}  # pack id -> [(where, its hash now)]

    def add(ref: str, where: str) -> None:
        try:
            pack = load_pack(ref)
        except (UserError, OSError, ValueError):
            return
        entries = found.setdefault(pack.id, [])
        if all(w != where for w, _ in entries):
            entries.append((where, canonical_hash(pack)))

    for path in extra:
        add(str(path), str(path))
    stock = set(stock_names("motions"))
    for t in state.tournaments:
        for ref in t.config.motions:
            if looks_like_path(ref):
                if Path(ref).expanduser().is_file():
                    add(ref, ref)
            elif ref in stock:
                add(ref, f"stock pack {ref}")
    out = []
    for t in state.tournaments:
        for pack_id, digest in sorted(t.packs.items()):
            candidates = found.get(pack_id, [])
            match = next((w for w, h in candidates if h == digest), None)
            if match is not None:
                status = f"yes ({match})"
            elif candidates:
                where, now = candidates[0]
                status = f"NO: {where} hashes to {now}"
            else:
                status = "not checked: pack file not found (name it with --pack)"
            out.append(PackCheck(t.number, pack_id, digest, status))
    return out
