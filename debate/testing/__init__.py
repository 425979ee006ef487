"""Test helpers that ship with the package: a loopback OpenAI-compatible server."""

from .cli import run_cli
from .fake_openai import FakeOpenAIServer, Reply

__all__ = ["FakeOpenAIServer", "Reply", "run_cli"]
