"""litellm ready for calls: imported lazily (litellm_import) with the custom providers (house,
local) registered once per process. Every model call, the house models' included, goes through
it: the house models are a litellm custom provider, so the demo travels the production path."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

from .litellm_import import import_litellm

_PROVIDERS: dict[str, Any] = {}
_READY: Any = None
_LOCK = threading.Lock()  # the first call may come from the event loop's worker thread


def litellm() -> Any:
    """litellm with our providers registered (blocks while the import runs)."""
    global _READY
    if _READY is None:
        with _LOCK:
            if _READY is None:
                lm = import_litellm()
                from .house_provider import handler

                register_provider("house", handler())
                from .local_provider import LocalLLM  # llama.cpp is imported on the first call

                register_provider("local", LocalLLM())
                _READY = lm
    return _READY


async def litellm_async() -> Any:
    """litellm for a coroutine: while the import runs (2-4 s), wait for it in a worker thread so
    the event loop (a live viewer, other debates' timers) keeps going."""
    if _READY is not None:
        return _READY
    return await asyncio.to_thread(litellm)


def ready() -> bool:
    return _READY is not None


def register_provider(name: str, handler: Any) -> None:
    """Register a litellm custom provider (house, local, ...) once per process."""
    lm = import_litellm()
    _PROVIDERS[name] = handler
    lm.custom_provider_map = [{"provider": k, "custom_handler": v} for k, v in _PROVIDERS.items()]
    from litellm.utils import custom_llm_setup

    custom_llm_setup()


async def close_clients() -> None:
    """Close litellm's cached async HTTP clients before the event loop ends."""
    if _READY is None:
        return
    close = getattr(_READY, "close_litellm_async_clients", None)
    if close is not None:
        try:
            await close()
        except Exception:  # noqa: BLE001 - best effort at shutdown
            pass
