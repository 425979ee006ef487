"""Several deployments of one model: litellm's Router spreads the calls, we only configure it.

A league entry with `deployments` (several vLLM servers, several API keys) gets one
`litellm.Router` whose model group is the entry's name. The Router picks a deployment for each
call (weighted by rpm/tpm when given; with limits, usage-based routing keeps each deployment
under them), and cools down a deployment that fails so the next calls go to the others. The
Router does not retry: the Gateway owns retries, timeouts and backoff for every call, so a call
that failed on a dead deployment is retried by the Gateway and lands on a live one.
"""

from __future__ import annotations

import os
from typing import Any

from ..league.entries import ModelEntry
from . import pricing
from .keys import stand_in_key

# A deployment that fails this many calls within a minute is cooled down for COOLDOWN_S.
ALLOWED_FAILS = 1
COOLDOWN_S = 30.0


def model_list(entry: ModelEntry, *, priced: bool = True) -> list[dict[str, Any]]:
    """The Router's deployments for one entry; API keys are read from the environment here.

    `priced`: whether litellm knows the model's price. When it does not (a self-hosted model),
    the price is said to be the entry's, or zero: else litellm walks its whole price table
    after every call to explain the zero cost, a third of a routed call's CPU.
    """
    out = []
    rates: dict[str, float] = {}
    if entry.price is not None or not priced:
        inp, outp = pricing.price_per_token(entry) if entry.price is not None else (0.0, 0.0)
        rates = {"input_cost_per_token": inp, "output_cost_per_token": outp}
    for i, d in enumerate(entry.deployments):
        params: dict[str, Any] = {"model": entry.model, "timeout": entry.timeout_s, **rates}
        if d.api_base:
            params["api_base"] = d.api_base
        env = d.api_key_env or entry.api_key_env
        key = stand_in_key(entry.provider, d.api_base, os.environ.get(env) if env else None)
        if key:
            params["api_key"] = key
        if entry.provider in ("openai", "azure", "text-completion-openai"):
            params["max_retries"] = 0  # the Gateway retries; the OpenAI client must not as well
        for limit in ("rpm", "tpm"):
            if getattr(d, limit) is not None:
                params[limit] = getattr(d, limit)
        out.append({"model_name": entry.name, "litellm_params": params,
                    "model_info": {"id": f"{entry.name}#{i}"}})
    return out


def make_router(lm: Any, entry: ModelEntry) -> Any:
    limited = any(d.rpm or d.tpm for d in entry.deployments)
    return lm.Router(
        model_list=model_list(entry, priced=pricing.table_price(entry.model) is not None),
        # simple-shuffle weighs deployments by rpm/tpm; usage-based routing also keeps each
        # deployment under its limits (and says "no deployment available" when all are full).
        routing_strategy="usage-based-routing-v2" if limited else "simple-shuffle",
        num_retries=0, retry_after=0, allowed_fails=ALLOWED_FAILS, cooldown_time=COOLDOWN_S,
        timeout=entry.timeout_s)


class Routers:
    """One Router per league entry that names deployments, made on first use."""

    def __init__(self) -> None:
        self._routers: dict[str, Any] = {}

    def get(self, lm: Any, entry: ModelEntry) -> Any:
        router = self._routers.get(entry.name)
        if router is None:
            router = make_router(lm, entry)
            self._routers[entry.name] = router
        return router
