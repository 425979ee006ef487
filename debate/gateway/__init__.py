"""The gateway layer: the only code that imports litellm (lazily)."""

from ..record.calls import CallResult
from .gateway import CallAborted, CallError, Gateway, GatewayStats

__all__ = ["CallAborted", "CallError", "CallResult", "Gateway", "GatewayStats"]
