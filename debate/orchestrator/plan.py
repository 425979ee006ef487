"""A league's tournaments in one database: which one a league file runs, and what may change.

A database holds one league: a sequence of tournaments. A league file continues the
database's last tournament when it has the same motions (the same packs, in the same order,
compared by content, not by file path) and the same `tournament:` name; otherwise it starts
the league's next tournament, whose rounds continue the league's numbering (so debate ids and
the call cache's keys never collide). Ratings carry over from one tournament to the next; the
Swiss draw (scores, opponents, sides, byes) starts afresh, as in human tournaments.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UserError
from ..league.config import League, LeagueConfig
from ..league.entries import ModelEntry
from ..record.state import LeagueState, TournamentInfo

# What a rating means: kept by every tournament of a league.
SHARED_KEYS = ("format", "rubric", "case_notes", "mirror")


@dataclass(frozen=True)
class TournamentPlan:
    number: int  # 1 = the league's first tournament
    first_round: int
    resumed: bool  # the database's last tournament, continued


def check_supersedes(league: League, state: LeagueState) -> None:
    """A `supersedes:` must name a debater of this league file or of the database's league."""
    played = {x for r in state.rounds.values() for x in r.draw.names}
    known = {d.name for d in league.config.debaters} | {d.name for d in state.all_debaters()}
    known |= played
    declared = {d.name: d.supersedes for d in state.all_debaters()}
    for i, d in enumerate(league.config.debaters):
        if d.supersedes and d.supersedes not in known:
            raise UserError(f"debater {d.name!r} supersedes {d.supersedes!r}, which is neither in "
                            "this league file nor in its database", file=league.path,
                            field=f"debaters.{i}.supersedes")
        # A debater's first rating came from the version it superseded when it first played:
        # naming another one (or one at all) afterwards would rewrite the ratings of rounds played.
        if d.supersedes and d.name in played and d.supersedes != declared.get(d.name):
            was = declared.get(d.name)
            raise UserError(f"debater {d.name!r} has already debated "
                            + (f"as the successor of {was!r}" if was else "with a rating of its own")
                            + f"; it cannot supersede {d.supersedes!r} now (drop the line, or add "
                            "a new entry)", file=league.path, field=f"debaters.{i}.supersedes")


def same_tournament(tournament: TournamentInfo, league: League) -> bool:
    if tournament.name != league.config.tournament:
        return False
    if tournament.packs:
        return list(tournament.packs.items()) == list(league.pack_hashes().items())
    return tournament.config.motions == league.config.motions  # a database from before packs


def plan_tournament(league: League, state: LeagueState) -> TournamentPlan:
    """Which tournament of the database's league this file runs; refuse a change that would
    alter what was run or what a rating means (UserError naming the league file)."""
    check_supersedes(league, state)
    if not state.tournaments:
        return TournamentPlan(1, 1, False)
    if state.league and state.league != league.name:
        # another league's file would otherwise start a tournament of this one (other motions)
        raise UserError(f"this database holds a different tournament: league {state.league!r}, "
                        f"not {league.name!r}; use another --db, or the league's own name",
                        file=league.path, field="name")
    last = state.tournaments[-1]
    if same_tournament(last, league):
        problems = _continuing_problems(league, state, last)
        hint = ("; or start the league's next tournament (other motions, or a new `tournament:` "
                "name), which may change the seed and leave debaters out"
                if any(p.startswith("seed") or p.endswith("was removed") for p in problems) else "")
        _refuse(problems, league, "Use another --db, or restore the original league file" + hint)
        return TournamentPlan(last.number, last.first_round, True)
    nxt = TournamentPlan(last.number + 1, max(state.rounds, default=0) + 1, False)
    _refuse(_new_tournament_problems(league, state, last), league,
            f"(A file whose motions differ from the last tournament's starts the league's next "
            f"one, here tournament {nxt.number}; a league's tournaments share "
            f"{', '.join(SHARED_KEYS)}, and a debater's name keeps its model and params.) "
            "Use another --db for a separate league, or restore the league file")
    return nxt


PROBE_PREFIX = "preflight-"  # a preflight probe's call key: preflight-r<first round>-<run>/<n>


def tournament_spent(store, state: LeagueState, first_round: int) -> tuple[float, float]:
    """(USD this tournament's calls cost so far, USD the league's earlier tournaments cost)."""
    ids = {p.debate_id for n, r in state.rounds.items() if n >= first_round for p in r.draw.pairings}
    costs = store.cost_by_debate()
    probes = f"{PROBE_PREFIX}r{first_round}-"  # this tournament's preflight probes
    mine = sum(c for d, c in costs.items() if d in ids or d.startswith(probes))
    return mine, sum(costs.values()) - mine


def _refuse(problems: list[str], league: League, advice: str) -> None:
    if problems:
        raise UserError("this database holds a different tournament: " + "; ".join(problems)
                        + f". {advice}.", file=league.path)


def _shared_changes(old: LeagueConfig, new: LeagueConfig, keys: tuple[str, ...]) -> list[str]:
    return [f"{key} changed ({getattr(old, key)!r} -> {getattr(new, key)!r})"
            for key in keys if getattr(old, key) != getattr(new, key)]


def _model_and_params(entry: ModelEntry) -> dict:
    """What makes a debater the same debater, as stored (JSON values)."""
    return entry.model_dump(mode="json", include={"model", "params"})


def _changed_debaters(before: list[ModelEntry], new: LeagueConfig) -> list[str]:
    now = {d.name: d for d in new.debaters}
    return [f"debater {d.name!r} changed model or params (add it under a new name with "
            "`supersedes:` to track a new version)"
            for d in before if d.name in now and _model_and_params(now[d.name]) != _model_and_params(d)]


def _continuing_problems(league: League, state: LeagueState, last: TournamentInfo) -> list[str]:
    old, new = last.config, league.config
    problems = _shared_changes(old, new, ("seed", *SHARED_KEYS))
    # Within a tournament the judging procedure stays (a resumed debate would mix ballots read
    # under two procedures). Only what the stored file said is compared: a database from
    # before `judging:` (or before one of its options) existed has nothing to compare it with.
    was = {k: getattr(old.judging, k) for k in old.judging.model_fields_set}
    now = {k: getattr(new.judging, k) for k in was}
    if league.format.four_sides:  # the reads a four-side debate gets, whether said or by default
        was["reads"], now["reads"] = old.judging.four_side_reads, new.judging.four_side_reads
    problems += [f"judging.{k} changed ({v!r} -> {now[k]!r})" for k, v in was.items() if now[k] != v]
    # The rating mode sorts the standings stored after every round: one tournament, one mode (a
    # database from before `rating:` was rated by wins and losses).
    if old.rating != new.rating:
        problems.append(f"rating changed ({old.rating!r} -> {new.rating!r}): a tournament keeps "
                        "the rating mode it started with (a new tournament may choose another)")
    names = {d.name for d in new.debaters}
    superseded = {d.supersedes for d in new.debaters if d.supersedes}
    for d in old.debaters:
        if d.name not in names and d.name not in superseded:  # a superseded version may retire
            problems.append(f"debater {d.name!r} was removed")
    # every debater the league has known: one who left an earlier tournament and comes back
    # to this one must come back as the same model
    problems += _changed_debaters(state.all_debaters(), new)
    paired = len(state.tournament_rounds(last))
    if league.config.rounds < paired:
        problems.append(f"rounds lowered to {league.config.rounds} but {paired} were already paired "
                        "in this tournament")
    return problems


def _new_tournament_problems(league: League, state: LeagueState, last: TournamentInfo) -> list[str]:
    new = league.config
    problems = _shared_changes(last.config, new, SHARED_KEYS)
    problems += _changed_debaters(state.all_debaters(), new)
    open_rounds = [n for n in state.tournament_rounds(last) if not state.rounds[n].completed]
    if open_rounds:
        problems.append(f"round {open_rounds[0]} of tournament {last.number} was paired but not "
                        "completed: finish it first by running that tournament's league file "
                        f"again (motions {', '.join(last.packs) or last.config.motions})")
    played, planned = len(state.tournament_rounds(last)), last.planned_rounds
    if not open_rounds and played < planned and league.config.tournament == last.name:
        # Most likely an edited pack (or a stock pack changed by an upgrade) under the same file:
        # ending a tournament early, its draw restarted, takes saying so.
        problems.append(f"tournament {last.number} has played {played} of its {planned} rounds "
                        f"and this file's motions differ from its own ({_motions_diff(last, league)})"
                        ": restore them to finish it, or set `tournament:` to a new name to end "
                        "it here and start the next")
    for s in state.tournaments[:-1]:
        if same_tournament(s, league) and state.tournament_rounds(s):
            rounds = state.tournament_rounds(s)
            problems.append(f"its motions are those of tournament {s.number} (rounds {rounds[0]}-"
                            f"{rounds[-1]}), which is over: set `tournament:` to a new name to "
                            "debate them again in a new tournament")
            break
    return problems


def _motions_diff(tournament: TournamentInfo, league: League) -> str:
    if not tournament.packs:
        return f"{tournament.config.motions} -> {league.config.motions}"
    new = league.pack_hashes()
    old = tournament.packs
    what = [f"pack {k!r} changed" for k in old if k in new and new[k] != old[k]]
    what += [f"pack {k!r} left" for k in old if k not in new]
    what += [f"pack {k!r} added" for k in new if k not in old]
    return ", ".join(what) or "the packs' order changed"
