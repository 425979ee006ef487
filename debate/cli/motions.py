"""`debate motions ...`: list, show, write, check, seal and measure motion packs.

Every command here but `try` stays off litellm (they must be fast in an editor loop); `try`
runs one real debate through the orchestrator and so imports it lazily.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import motions_seal, motions_try
from .output import write_text_atomic
from .pack_refs import checked_pack, expand, pack_path, unknown_motion


@click.group()
def motions() -> None:
    """Write, check, seal and measure motion packs.

    \b
    debate motions list                  the stock packs
    debate motions new my-pack.yaml      start a pack from a commented template
    debate motions validate PACK...      every error, with file, line and field
    debate motions lint PACK...          weak, duplicate or one-sided motions
    debate motions seal PACK             publish a hash before the tournament
    debate motions verify PACK HASH      check the revealed pack against it
    """


@motions.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_(as_json: bool) -> None:
    """List the stock motion packs."""
    from ..league.resources import stock_dir, stock_names
    from ..packs import check_pack

    rows = []
    for name in stock_names("motions"):
        res = check_pack(stock_dir("motions") / f"{name}.yaml")
        p = res.pack
        rows.append({"name": name, "id": p.id if p else None, "title": p.title if p else None,
                     "version": p.version if p else None, "language": p.language if p else None,
                     "motions": len(p.motions) if p else 0, "errors": len(res.errors)})
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        click.echo("no stock packs found", err=True)
    for r in rows:
        if r["errors"]:
            click.echo(f"{r['name']:<24} INVALID ({r['errors']} errors: debate motions validate {r['name']})")
        else:
            click.echo(f"{r['name']:<24} {r['language']:<6} {r['motions']:>4} motions  "
                       f"v{r['version']:<8} {r['title']}")


@motions.command()
@click.argument("pack")
@click.argument("motion_id", required=False)
def show(pack: str, motion_id: str | None) -> None:
    """Show a pack (stock name or path), or one motion of it in full."""
    p = checked_pack(pack).pack
    if motion_id is None:
        click.echo(f"{p.title}  [{p.id} v{p.version}, {p.language}, {len(p.motions)} motions]")
        for label, value in (("author", p.author), ("license", p.license), ("tags", ", ".join(p.tags))):
            if value:
                click.echo(f"{label}: {value}")
        if p.description:
            click.echo(p.description.strip())
        click.echo("")
        width = max(len(m.id) for m in p.motions)
        for m in p.motions:
            click.echo(f"{m.id:<{width}}  {m.category:<14} {m.difficulty:<6} {m.text}")
        return
    try:
        m = p.motion(motion_id.split("/", 1)[-1])
    except KeyError:
        raise unknown_motion(motion_id, [p]) from None
    click.echo(f"{p.id}/{m.id}  ({m.category}, {m.difficulty}{', ' + ', '.join(m.tags) if m.tags else ''})")
    click.echo(m.text)
    click.echo(f"sides: {m.label('pro')} (pro) vs {m.label('con')} (con)")
    if m.background:
        click.echo("\nBackground:\n  " + m.background.strip())
    for side in ("pro", "con"):
        args = getattr(m.arguments, side) if m.arguments else []
        if args:
            click.echo(f"\nArguments for {side}:")
            for a in args:
                click.echo(f"  - {a.claim}")
                for e in a.evidence:
                    click.echo(f"      evidence: {e}")


@motions.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "pack_id", help="Pack id (default: from the file name).")
@click.option("--title", help="Pack title.")
@click.option("--language", default="en", show_default=True, help="Language of the motions.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def new(path: Path, pack_id: str | None, title: str | None, language: str, force: bool) -> None:
    """Write a valid, commented pack to PATH to start from."""
    from ..errors import UserError
    from ..packs import scaffold

    if path.exists() and not force:
        raise UserError("already exists (use --force to overwrite)", file=str(path))
    text = scaffold(path.name, pack_id=pack_id, title=title, language=language)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)
    click.echo(f"wrote {path}; next: debate motions validate {path}")


@motions.command()
@click.argument("paths", nargs=-1, required=True)
def validate(paths: tuple[str, ...]) -> None:
    """Check packs against the schema; list every error with file, line and field."""
    from ..errors import UserError
    from ..packs import check_pack

    failed = 0
    paths = tuple(expand(paths))
    for ref in paths:
        try:
            res = check_pack(pack_path(ref))
        except UserError as exc:
            click.echo(f"error: {ref}: {exc}", err=True)
            failed += 1
            continue
        for e in res.errors:
            click.echo(f"error: {e}", err=True)
        if res.ok:
            click.echo(f"ok: {res.path} ({res.pack.id} v{res.pack.version}, {len(res.pack.motions)} motions)")
        else:
            failed += 1
    if failed:
        click.echo(f"{failed} of {len(paths)} pack(s) invalid", err=True)
        sys.exit(2)


@motions.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--ignore", multiple=True, metavar="CODE",
              help="Skip a warning code (question, no-side, length, language, no-background, "
                   "one-sided, lonely-category, duplicate, near-duplicate).")
@click.option("--strict", is_flag=True, help="Exit 1 when there is any warning.")
def lint(paths: tuple[str, ...], ignore: tuple[str, ...], strict: bool) -> None:
    """Warn about weak motions; duplicates are looked for across all PATHS together."""
    from ..packs import LintInput, check_pack, lint_packs

    checked = [check_pack(pack_path(ref)) for ref in expand(paths)]
    invalid = [e for r in checked for e in r.errors]
    if invalid:  # lint reads valid packs only; list every error of every pack first
        for e in invalid:
            click.echo(f"error: {e}", err=True)
        sys.exit(2)
    items = [LintInput(str(r.path), r.pack, r.lines) for r in checked]
    warnings = [w for w in lint_packs(items) if w.code not in ignore]
    for w in warnings:
        click.echo(f"warning: {w}")
    total = sum(len(i.pack.motions) for i in items)
    click.echo(f"{len(warnings)} warning(s) in {total} motions", err=True)
    if warnings and strict:
        sys.exit(1)


@motions.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to a file (default: standard output).")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of a motion pack (for editor autocompletion)."""
    from ..domain.models import MotionPack

    doc = {"$schema": "https://json-schema.org/draft/2020-12/schema",
           **MotionPack.model_json_schema()}
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if output:
        write_text_atomic(output, text)
    else:
        click.echo(text, nl=False)


@motions.command()
@click.argument("pack")
@click.option("--db", "dbs", multiple=True, required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="A results database (repeatable).")
@click.option("--min-debates", default=10, show_default=True, type=click.IntRange(1),
              help="Below this many decided debates a motion is 'inconclusive'.")
@click.option("--alpha", default=0.05, show_default=True, type=click.FloatRange(0, 1, min_open=True),
              help="Significance level of the two-sided exact binomial test.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def stats(pack: str, dbs: tuple[Path, ...], min_debates: int, alpha: float, as_json: bool) -> None:
    """Side win rates per motion across tournaments, with a significance test."""
    from ..league.resources import canonical_hash
    from ..packs import motion_balance
    from ..record.state import load_state
    from ..record.store import Store

    p = checked_pack(pack).pack
    digest, results = canonical_hash(p), []
    for db in dbs:
        with Store(db, readonly=True) as store:
            state = load_state(store)
        # every tournament of the database's league
        recorded = {h for _, h in state.pack_hashes(p.id)}
        if not recorded:
            click.echo(f"note: {db}: did not use pack {p.id!r}", err=True)
        elif digest not in recorded or len(recorded) > 1:
            which = "also used another" if digest in recorded else "used a different"
            click.echo(f"note: {db}: {which} version of pack {p.id!r} "
                       "(motions are matched by id)", err=True)
        results.extend(state.results())
    rows, unknown = motion_balance(p, results, min_debates=min_debates, alpha=alpha)
    if any(r.four_sides for r in results):
        click.echo("note: a British Parliamentary room counts for the bench of its first place: "
                   "pro = Government (OG, CG), con = Opposition (OO, CO)", err=True)
    for mid in unknown:
        click.echo(f"note: results for motion {p.id}/{mid}, which the pack no longer has", err=True)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False))
        return
    width = max(6, *(len(r.motion_id) for r in rows))
    click.echo(f"{'motion':<{width}}  debates  pro  con  draws  pro%      p  verdict")
    for r in rows:
        rate = f"{100 * r.pro_rate:4.0f}%" if r.pro_rate is not None else "    -"
        click.echo(f"{r.motion_id:<{width}}  {r.decided:>7}  {r.pro_wins:>3}  {r.con_wins:>3}  "
                   f"{r.draws:>5}  {rate}  {r.p_value:5.3f}  {r.verdict}")
    pro, con = sum(r.pro_wins for r in rows), sum(r.con_wins for r in rows)
    from ..packs import verdict

    pv, v = verdict(pro, con, min_debates=min_debates, alpha=alpha)
    click.echo(f"{'(all)':<{width}}  {pro + con:>7}  {pro:>3}  {con:>3}  "
               f"{sum(r.draws for r in rows):>5}  "
               f"{(f'{100 * pro / (pro + con):4.0f}%' if pro + con else '    -')}  {pv:5.3f}  {v}")


# seal, verify and try live in their own modules.
for _command in (motions_seal.seal, motions_seal.verify, motions_try.try_):
    motions.add_command(_command)
