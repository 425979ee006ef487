"""Orchestration: the tournament loop, one debate, the judge panel, a single trial debate. Async."""

from .plan import TournamentPlan, plan_tournament
from .tournament import TournamentRun, make_gateway, run_tournament

__all__ = ["TournamentPlan", "TournamentRun", "make_gateway", "plan_tournament", "run_tournament"]
