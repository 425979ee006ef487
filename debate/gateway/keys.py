"""API keys: litellm's own variables for a provider, and the stand-in key for a local server.

Key values are read from the environment when a call is made; none is ever returned from here.
"""

from __future__ import annotations

import contextlib
import io
import os

# Providers that speak the OpenAI protocol to whatever server api_base names: such a server
# (vLLM, llama.cpp, Ollama's OpenAI endpoint) often wants no key at all.
OPENAI_COMPATIBLE = ("openai", "hosted_vllm", "text-completion-openai", "lm_studio", "llamafile")
# Sent to such a server when no key is set at all: the OpenAI client refuses to send a request
# without one ("Missing credentials"), though the server would answer it.
NO_KEY = "no-key"


def missing_key_variables(model: str) -> list[str]:
    """The variables litellm would read a key for `model` from, when none of them is set
    (litellm.validate_environment: litellm's own table, not a list of ours)."""
    from .litellm_import import import_litellm

    lm = import_litellm()
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner for odd providers
            found = lm.validate_environment(model)
    except Exception:  # noqa: BLE001 - a provider it cannot judge: the probe will tell
        return []
    return list(found.get("missing_keys") or []) if not found.get("keys_in_environment") else []


def stand_in_key(provider: str, api_base: str | None, key: str | None) -> str | None:
    """The key to send: the entry's own; else, to a local OpenAI-style server when litellm's
    variable is not set either, a stand-in (the server ignores it); else None (litellm's)."""
    if key:
        return key
    if api_base and provider in OPENAI_COMPATIBLE and not os.environ.get("OPENAI_API_KEY"):
        return NO_KEY
    return None
