"""The gateway layer: the only code that imports litellm (lazily)."""

from ..record.calls import CallResult
from .failures import CallAborted, CallError
from .gateway import Gateway, GatewayStats

__all__ = ["CallAborted", "CallError", "CallResult", "Gateway", "GatewayStats"]
