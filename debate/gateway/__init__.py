"""The gateway layer: the only code that imports litellm (lazily)."""

from .gateway import CallError, CallResult, Gateway, GatewayStats

__all__ = ["CallError", "CallResult", "Gateway", "GatewayStats"]
