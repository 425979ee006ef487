"""Lazy litellm import: the ~2 s import is paid only when a model is actually called."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

_PROVIDERS: dict[str, Any] = {}


@lru_cache(maxsize=1)
def litellm() -> Any:
    # Without this, importing litellm fetches a price list over the network.
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("LITELLM_LOG", "ERROR")
    # litellm's aiohttp pool allows 500 connections per host (1000 in all): one model server
    # judging 128 debates in both orders needs 768. Our per-model caps (max_concurrency) are
    # the limit that matters; let the pool take a server's share of the whole.
    os.environ.setdefault("AIOHTTP_CONNECTOR_LIMIT_PER_HOST", "1000")
    import litellm as _litellm

    _litellm.suppress_debug_info = True
    _litellm.telemetry = False
    _litellm.drop_params = True  # e.g. `seed` for a provider that lacks it: drop, don't fail
    from .house_provider import HouseLLM

    register_provider("house", HouseLLM())
    from .local_provider import LocalLLM  # llama.cpp itself is imported on the first call

    register_provider("local", LocalLLM())
    return _litellm


def register_provider(name: str, handler: Any) -> None:
    """Register a litellm custom provider (house, local, ...) once per process."""
    import litellm as _litellm

    _PROVIDERS[name] = handler
    _litellm.custom_provider_map = [{"provider": k, "custom_handler": v} for k, v in _PROVIDERS.items()]
    from litellm.utils import custom_llm_setup

    custom_llm_setup()


async def close_clients() -> None:
    """Close litellm's cached async HTTP clients before the event loop ends."""
    if not litellm.cache_info().currsize:
        return
    lm = litellm()
    close = getattr(lm, "close_litellm_async_clients", None)
    if close is not None:
        try:
            await close()
        except Exception:  # noqa: BLE001 - best effort at shutdown
            pass
