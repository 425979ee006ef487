"""One debate on one motion, outside any tournament: quick feedback while writing a motion.

It runs the real path (orchestrator, gateway, litellm), so it is imported only by `try`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from ..domain.models import Ballot, DebateResult, Format, MotionPack, Pairing, Rubric, Speech
from ..errors import UserError
from ..league.config import League, LeagueConfig
from ..league.entries import ModelEntry
from ..record.events import Event


@dataclass
class Trial:
    motion_id: str
    speeches: list[Speech]
    ballots: list[Ballot]
    result: DebateResult | None


def trial_league(pack: MotionPack, fmt: Format, rubric: Rubric, *, pro: str, con: str,
                 judges: list[str], api_base: str | None = None, api_key_env: str | None = None,
                 seed: int = 0, case_notes: bool = True) -> League:
    def entry(name: str, model: str, option: str, **extra) -> ModelEntry:
        try:
            return ModelEntry(name=name, model=model, api_base=None if model.startswith("house/") else api_base,
                              api_key_env=None if model.startswith("house/") else api_key_env, **extra)
        except ValidationError as exc:
            raise UserError(exc.errors()[0]["msg"].removeprefix("Value error, "), field=option) from None

    # Repeated house judges get distinct seeds, so a panel of three is not one judge thrice.
    panel = [entry(f"judge-{i}", j, "--judge",
                   params={"seed": i} if j.startswith("house/") else {})
             for i, j in enumerate(judges, start=1)]
    config = LeagueConfig(name="try", seed=seed, rounds=1, format=fmt.id, motions=[pack.id],
                          rubric=rubric.id, case_notes=case_notes, retries=2,
                          debaters=[entry("pro", pro, "--pro"), entry("con", con, "--con")],
                          judges=panel)
    return League(config=config, path="(try)", format=fmt, packs=[pack], rubric=rubric)


async def run_trial(league: League, motion_id: str, *,
                    on_event: Callable[[Event], None] | None = None) -> Trial:
    """Speeches then the judge panel, through the same functions a tournament uses."""
    from ..gateway import Gateway
    from ..gateway.llm import close_clients
    from .debate_run import DebateContext, run_speeches
    from .judging import judge_panel

    gw = Gateway(None, max_retries=league.config.retries, seed=league.config.seed)  # it redacts keys
    ctx = DebateContext(league, gw, on_event or (lambda ev: None))
    pairing = Pairing(debate_id="try-1", pro="pro", con="con")
    motion = league.motion(motion_id)
    try:
        speeches, forfeit = await run_speeches(ctx, pairing, 1, motion_id, motion, attempt=1)
        if forfeit is not None:
            return Trial(motion_id, speeches, [], forfeit)
        ballots, result = await judge_panel(ctx, pairing, 1, motion_id, motion, speeches)
        return Trial(motion_id, speeches, ballots, result)
    finally:
        await close_clients()


def run_trial_sync(league: League, motion_id: str, **kw) -> Trial:
    return asyncio.run(run_trial(league, motion_id, **kw))
