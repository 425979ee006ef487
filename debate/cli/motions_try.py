"""`debate motions try`: one debate on one motion, transcript and ballots printed."""

from __future__ import annotations

import sys

import click

from .pack_refs import checked_pack, unknown_motion


def _find_motion(ref: str, pack_ref: str | None):
    """(pack, qualified id) for 'pack/motion', or a bare id looked up in --pack or the stock packs."""
    from ..errors import UserError
    from ..league.resources import stock_names

    if "/" in ref:
        prefix, ref = ref.rsplit("/", 1)
        pack_ref = pack_ref or prefix
    candidates = [pack_ref] if pack_ref else stock_names("motions")
    packs = [checked_pack(c).pack for c in candidates]
    hits = [p for p in packs if any(m.id == ref for m in p.motions)]
    if not hits:
        raise unknown_motion(ref, packs)
    if len(hits) > 1:
        raise UserError(f"motion {ref!r} is in several packs ({', '.join(p.id for p in hits)}); "
                        "write it as PACK/MOTION or pass --pack")
    return hits[0], f"{hits[0].id}/{ref}"


@click.command("try")
@click.argument("motion_id")
@click.option("--pro", required=True, metavar="MODEL", help="Model for the proposition, e.g. house/club.")
@click.option("--con", required=True, metavar="MODEL", help="Model for the opposition.")
@click.option("--judge", "judges", multiple=True, metavar="MODEL",
              help="Judge model (repeatable; default: house/judge).")
@click.option("--pack", help="Pack (stock name or path) holding MOTION_ID.")
@click.option("--format", "fmt", default="oxford", show_default=True, help="Debate format.")
@click.option("--rubric", default="standard", show_default=True, help="Judging rubric.")
@click.option("--api-base", help="Base URL for non-house models (an OpenAI-compatible server).")
@click.option("--api-key-env", help="Environment variable holding the API key for non-house models.")
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--no-case-notes", is_flag=True, help="Do not give debaters the pack's arguments.")
def try_(motion_id: str, pro: str, con: str, judges: tuple[str, ...], pack: str | None, fmt: str,
         rubric: str, api_base: str | None, api_key_env: str | None, seed: int,
         no_case_notes: bool) -> None:
    """Run one debate on MOTION_ID (PACK/MOTION or a motion id) and print it with its ballots."""
    from ..domain.text import clean_text
    from ..errors import UserError
    from ..league.resources import load_format, load_rubric
    from ..orchestrator.trial import run_trial_sync, trial_league

    p, qualified = _find_motion(motion_id, pack)
    debate_format = load_format(fmt)
    if debate_format.four_sides:
        raise UserError(f"format {fmt!r} seats four debaters; `motions try` runs two-side formats "
                        "(try the motion with oxford, or run a four-side league)", field="--format")
    league = trial_league(p, debate_format, load_rubric(rubric), pro=pro, con=con,
                          judges=list(judges) or ["house/judge"], api_base=api_base,
                          api_key_env=api_key_env, seed=seed, case_notes=not no_case_notes)
    for e in (*league.config.debaters, *league.config.judges):
        if e.api_key_env and not e.api_key():
            raise UserError(f"environment variable {e.api_key_env} is not set", field="--api-key-env")
    motion = league.motion(qualified)
    click.echo(f"Motion {qualified}: {motion.text}")
    click.echo(f"pro ({motion.label('pro')}): {pro}   con ({motion.label('con')}): {con}   "
               f"judges: {', '.join(j.model for j in league.config.judges)}   format: {league.format.id}\n")

    def on_event(ev) -> None:
        if ev.type == "speech_done":
            s = ev.speech
            flags = f" [{', '.join(s.flags)}]" if s.flags else ""
            click.echo(f"--- {s.index + 1}. {s.side.upper()} {s.kind} ({s.words}/{s.word_limit} words){flags}")
            click.echo(s.text + "\n")
        elif ev.type == "run_note":
            click.echo(f"warning: {clean_text(ev.message, strip=True)}", err=True)

    trial = run_trial_sync(league, qualified, on_event=on_event)
    if trial.ballots:
        click.echo("--- ballots")
    for b in trial.ballots:
        if b.failed:
            click.echo(f"{b.judge}: failed: {clean_text(b.error, strip=True)}")
            continue
        totals = {side: b.total(side, league.rubric) for side in ("pro", "con")}
        click.echo(f"{b.judge}: {str(b.winner).upper()} wins  (pro {totals['pro']:g}, con {totals['con']:g})")
        for side in ("pro", "con"):
            dims = ", ".join(f"{k} {v:g}" for k, v in b.scores.get(side, {}).items())
            click.echo(f"  {side}: {dims}")
        if b.reasons:
            click.echo(f"  reasons: {b.reasons}")
    r = trial.result
    if r is None:
        click.echo("result: no valid ballot; the debate is undecided")
        sys.exit(1)
    side = "draw" if r.winner is None else ("pro" if r.winner == r.pro else "con")
    click.echo(f"\nresult: {side.upper() if side != 'draw' else 'draw'} ({r.result}: {r.reason})")
