"""The gateway layer: the only code that imports litellm (lazily)."""

from .gateway import CallAborted, CallError, CallResult, Gateway, GatewayStats

__all__ = ["CallAborted", "CallError", "CallResult", "Gateway", "GatewayStats"]
