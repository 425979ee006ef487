"""The record of one model call: its reply, usage, cost, latency and attempts. The gateway makes
it; the store keeps it (the call cache that makes resume free)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CallResult:
    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    attempts: int = 1
    cached: bool = False
    # Why the model stopped, as its provider said ("stop", "length", "content_filter", ...);
    # None when the provider did not say, and for calls stored before it was recorded.
    finish_reason: str | None = None
