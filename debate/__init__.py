"""debate: LLM-vs-LLM debate tournaments.

Public names are imported lazily so that `debate --help` and the motion commands stay fast
(litellm is only imported when a model is called).
"""

from __future__ import annotations

import os
from typing import Any

# The ratings' posterior works on dense n x n matrices (n debaters): on a shared machine a
# threaded BLAS spins its threads against the other work and turned a 27 ms fit at 256
# debaters into 3.7 s. One thread, unless the user chose otherwise; it must be set before numpy
# loads, which nothing in this package does before this line. (Not OMP_NUM_THREADS: llama.cpp's
# OpenMP threads are the local models' own business.)
for _var in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

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
    "estimate": "debate.domain.estimates",
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
