"""The one place that imports litellm, lazily: the ~2 s import is paid only when a model is
called or priced. `llm.litellm()` adds the custom providers before any call."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def import_litellm() -> Any:
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
    return _litellm


_started = False


def import_in_background() -> None:
    """Start litellm's import in a thread now (once per process), while the league loads, the
    store opens and the first round is paired: the first call then waits for what is left of
    it, not for all of it. (A second importer waits on Python's import lock, so the import
    still happens once.)"""
    global _started
    if _started:
        return
    _started = True
    import threading

    threading.Thread(target=import_litellm, name="import-litellm", daemon=True).start()
