"""Orchestration: the tournament loop, one debate, the judge panel. Async."""

from .tournament import Tournament, check_compatible, make_gateway, run_tournament

__all__ = ["Tournament", "check_compatible", "make_gateway", "run_tournament"]
