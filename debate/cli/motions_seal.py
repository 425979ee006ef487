"""`debate motions seal` and `debate motions verify`: commit to a pack, check the reveal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .pack_refs import checked_pack


@click.command()
@click.argument("pack")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Commitment file (default: <pack>.commitment.json next to the pack).")
@click.option("--force", is_flag=True, help="Overwrite an existing commitment file.")
def seal(pack: str, output: Path | None, force: bool) -> None:
    """Write a commitment to PACK (a SHA-256 of its canonical form) to publish before use.

    Publish the printed hash (or the file) before the tournament, keep the pack private,
    reveal it afterwards; anyone can then run `debate motions verify`.
    """
    from ..errors import UserError
    from ..packs import commit
    from .output import write_text_atomic

    res = checked_pack(pack)
    c = commit(res.pack)
    out = output or res.path.with_name(res.path.stem + ".commitment.json")
    if out.exists() and not force:
        raise UserError("a commitment file already exists; a published commitment must not be "
                        "replaced by accident (use --force, or -o another file)", file=str(out))
    write_text_atomic(out, c.to_json())
    click.echo(f"sha256:{c.sha256}  {c.pack_id} v{c.pack_version}  ({c.motions} motions)")
    click.echo(f"commitment written to {out}", err=True)


@click.command()
@click.argument("pack")
@click.argument("commitment")
def verify(pack: str, commitment: str) -> None:
    """Check PACK against COMMITMENT: a commitment file, a published hash, or a results DB.

    With a results database, checks that the tournament ran exactly this pack.
    Exit 0 when it matches, 1 when it does not, 2 on bad input.
    """
    from ..errors import UserError
    from ..packs import check_commitment, parse_commitment, parse_digest
    from ..record.store import is_sqlite_file

    res = checked_pack(pack)
    p = res.pack
    digest = parse_digest(commitment)
    path = Path(commitment)
    if digest is not None:
        expected, what = digest, "the given hash"
    elif is_sqlite_file(path):
        from ..record.state import load_state
        from ..record.store import Store

        with Store(path, readonly=True) as store:
            state = load_state(store)
        # Every tournament of the league: a sealed pack revealed after its tournament may be
        # followed by another tournament with other packs (or a new version of this one).
        used = state.pack_hashes(p.id)
        if not used:
            seen = ", ".join(sorted({k for st in state.tournaments for k in st.packs})) or "none recorded"
            click.echo(f"MISMATCH: tournament {state.league!r} in {path} did not use pack "
                       f"{p.id!r} (it used: {seen})")
            sys.exit(1)
        from ..league.resources import canonical_hash

        digest_now = canonical_hash(p)
        n, expected = next(((n, h) for n, h in used if h == digest_now), used[-1])
        what = (f"tournament {n} of league {state.league!r} ({path})" if len(state.tournaments) > 1
                else f"tournament {state.league!r} ({path})")
    elif path.is_file():
        try:
            expected = parse_commitment(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise UserError(str(exc), file=str(path)) from None
        what = str(path)
    else:
        raise UserError(f"{commitment!r} is neither a file nor a SHA-256 hash (64 hex digits)")
    problems = check_commitment(p, expected)
    if problems:
        click.echo(f"MISMATCH: {res.path} does not match {what}:")
        for prob in problems:
            click.echo(f"  {prob}")
        sys.exit(1)
    click.echo(f"OK: {res.path} ({p.id} v{p.version}) matches {what}")
