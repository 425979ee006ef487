"""Rating history per debater and the version chains that link a model's entries.

A model whose version changes joins the league as a new entry with ``supersedes: OLD`` (see
LeagueConfig); both entries keep their own history, and the chain shows the drift.
"""

from __future__ import annotations

from typing import Any

from ..league.entries import ModelEntry
from ..record.state import LeagueState


def version_chains(debaters: list[ModelEntry]) -> list[list[str]]:
    """Chains of debater names, oldest version first; a debater with no versions is a chain of one."""
    prev = {d.name: d.supersedes for d in debaters if d.supersedes}
    nxt = {old: new for new, old in prev.items()}
    names = [d.name for d in debaters] + [old for old in prev.values()
                                          if old not in {d.name for d in debaters}]
    chains, done = [], set()
    for name in names:
        if name in done or name in prev and prev[name] in {*names}:
            continue
        chain = [name]
        while chain[-1] in nxt and nxt[chain[-1]] not in chain:
            chain.append(nxt[chain[-1]])
        done.update(chain)
        chains.append(chain)
    return chains


def rating_history(state: LeagueState) -> dict[str, list[dict[str, float]]]:
    """{debater: [{round, mu, sigma, conservative}, ...]} from the rounds a rating was stored for;
    a debater appears from its first stored rating on; one who has left the league (a retired
    version) only up to its last round."""
    current = {d.name for d in state.debaters}
    last: dict[str, int] = {}
    for n, rnd_state in state.rounds.items():
        for name in rnd_state.draw.names:
            last[name] = max(last.get(name, 0), n)
    out: dict[str, list[dict[str, float]]] = {}
    for rnd in sorted(state.ratings):
        for name, r in sorted(state.ratings[rnd].items()):
            if name not in current and rnd > last.get(name, 0):
                continue
            out.setdefault(name, []).append({"round": rnd, "mu": round(r.mu, 3),
                                             "sigma": round(r.sigma, 3),
                                             "conservative": round(r.conservative, 3)})
    return out


def history_report(state: LeagueState) -> dict[str, Any]:
    """Every debater of every tournament of the league (one who left still has its history)."""
    debaters = state.all_debaters()
    models = {d.name: d.model for d in debaters}
    hist = rating_history(state)
    active = {d.name for d in state.debaters}
    return {"league": state.league,
            "stages": [{"stage": t.number, "tournament": t.name, "first_round": t.first_round}
                       for t in state.tournaments],
            "chains": [[{"name": n, "model": models.get(n, ""), "active": n in active,
                         "history": hist.get(n, [])}
                        for n in chain] for chain in version_chains(debaters)]}
