"""litellm ready for calls: imported lazily (litellm_import) with the custom providers (house,
local) registered once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .litellm_import import import_litellm

_PROVIDERS: dict[str, Any] = {}


@lru_cache(maxsize=1)
def litellm() -> Any:
    lm = import_litellm()
    from .house_provider import handler

    register_provider("house", handler())
    from .local_provider import LocalLLM  # llama.cpp itself is imported on the first call

    register_provider("local", LocalLLM())
    return lm


def register_provider(name: str, handler: Any) -> None:
    """Register a litellm custom provider (house, local, ...) once per process."""
    lm = import_litellm()
    _PROVIDERS[name] = handler
    lm.custom_provider_map = [{"provider": k, "custom_handler": v} for k, v in _PROVIDERS.items()]
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
