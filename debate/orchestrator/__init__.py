"""Orchestration: the tournament loop, one debate, the judge panel. Async."""

from .plan import StagePlan, plan_stage
from .tournament import Tournament, make_gateway, run_tournament

__all__ = ["StagePlan", "Tournament", "make_gateway", "plan_stage", "run_tournament"]
