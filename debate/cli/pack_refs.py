"""Motion packs named on the command line (a stock name, a path, a folder of packs): shared by
the `debate motions` commands."""

from __future__ import annotations

import sys
from pathlib import Path

import click


def pack_path(ref: str) -> Path:
    from ..league.resources import resolve_path

    return resolve_path("motions", ref)


def expand(refs: tuple[str, ...]) -> list[str]:
    """Paths and stock names as given; a directory stands for the packs inside it."""
    out: list[str] = []
    for ref in refs:
        p = Path(ref)
        if p.is_dir():
            out.extend(str(f) for f in sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")))
        else:
            out.append(ref)
    return out


def checked_pack(ref: str):
    """A valid pack or exit 2 with every error listed."""
    from ..packs import check_pack

    res = check_pack(pack_path(ref))
    if not res.ok:
        for e in res.errors:
            click.echo(f"error: {e}", err=True)
        sys.exit(2)
    return res


def unknown_motion(ref: str, packs: list):
    import difflib

    from ..errors import UserError

    ids = [f"{p.id}/{m.id}" for p in packs for m in p.motions]
    near = difflib.get_close_matches(ref, ids, n=3) or difflib.get_close_matches(
        ref, [i.split("/", 1)[1] for i in ids], n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    return UserError(f"no motion {ref!r}{hint}")
