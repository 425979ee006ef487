"""debate: LLM-vs-LLM debate tournaments.

Public names are imported lazily so that `debate --help` and the motion commands stay fast
(litellm is only imported when a model is called).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "League": "debate.league.config", "LeagueConfig": "debate.league.config",
    "load_league": "debate.league.config", "demo_league": "debate.league.config",
    "ModelEntry": "debate.league.entries",
    "run_tournament": "debate.orchestrator", "TournamentRun": "debate.orchestrator",
    "Gateway": "debate.gateway", "CallError": "debate.gateway",
    "Store": "debate.record.store", "LeagueState": "debate.record.state",
    "load_state": "debate.record.state", "replay": "debate.record.state",
    "pair": "debate.domain.pairing", "rate": "debate.domain.rating",
    "standings": "debate.domain.rating",
    "simulate": "debate.domain.simulate",
    "fit_with_intervals": "debate.domain.bradley_terry",
    "UserError": "debate.errors",
}
# Names kept for code written before the regroup: name -> its current name.
_RENAMED = {"Tournament": "TournamentRun"}


def __getattr__(name: str) -> Any:
    current = _RENAMED.get(name, name)
    if current in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[current]), current)
    raise AttributeError(f"module 'debate' has no attribute {name!r}")


__all__ = sorted(_EXPORTS)
