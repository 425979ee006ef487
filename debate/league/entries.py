"""A league's entries: a debater or a judge, the model behind it, where it is served, its price;
and the self-judging rule between two entries."""

from __future__ import annotations

import os
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Name = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
EnvName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]


class Price(BaseModel):
    model_config = ConfigDict(extra="forbid")
    input_per_mtok: float = Field(ge=0)
    output_per_mtok: float = Field(ge=0)


class Deployment(BaseModel):
    """One place that serves an entry's model: a server or an API key, with optional limits."""

    model_config = ConfigDict(extra="forbid")
    api_base: str | None = None
    api_key_env: EnvName | None = None  # default: the entry's api_key_env
    rpm: int | None = Field(default=None, ge=1)  # requests per minute this deployment allows
    tpm: int | None = Field(default=None, ge=1)  # tokens per minute


class ModelEntry(BaseModel):
    """A debater or a judge: a name in the league and the model behind it."""

    model_config = ConfigDict(extra="forbid")
    name: Name
    model: Annotated[str, StringConstraints(min_length=3)]
    api_base: str | None = None
    api_key_env: EnvName | None = None
    params: dict[str, Any] = Field(default_factory=dict)
    max_concurrency: int = Field(default=16, ge=1, le=4096)
    timeout_s: float = Field(default=180.0, gt=0)
    price: Price | None = None
    family: str | None = None  # for self-judging exclusion; default: the provider prefix
    system_prompt: str | None = None  # extra persona text for a debater
    supersedes: Name | None = None  # a debater's previous version: starts from its rating
    # Several deployments of the same model: litellm's Router spreads the calls over them and
    # cools down one that fails (see debate.gateway.router).
    deployments: list[Deployment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _deployments_or_api_base(self) -> ModelEntry:
        if self.deployments and self.api_base:
            raise ValueError("give either api_base or deployments (each with its own api_base), not both")
        return self

    @field_validator("model")
    @classmethod
    def _provider(cls, v: str) -> str:
        if "/" not in v:
            raise ValueError("model must be 'provider/name', e.g. openai/gpt-4o or house/club")
        return v

    @field_validator("params")
    @classmethod
    def _no_secrets_in_params(cls, v: dict[str, Any]) -> dict[str, Any]:
        for key in v:
            if key.lower() in {"api_key", "api_base", "messages", "stream", "model"}:
                raise ValueError(f"{key!r} is not allowed in params"
                                 + ("; use api_key_env" if key == "api_key" else ""))
        return v

    def api_key(self) -> str | None:
        return os.environ.get(self.api_key_env) if self.api_key_env else None

    def key_envs(self) -> list[tuple[str, str]]:
        """(field path, variable) for every API key variable this entry names."""
        out = [("api_key_env", self.api_key_env)] if self.api_key_env else []
        out += [(f"deployments.{i}.api_key_env", d.api_key_env)
                for i, d in enumerate(self.deployments) if d.api_key_env]
        return out

    def secrets(self) -> list[str]:
        """Every API key this entry may send: kept out of messages, logs and the database."""
        return [v for _, env in self.key_envs() if (v := os.environ.get(env))]

    @property
    def provider(self) -> str:
        return self.model.split("/", 1)[0]

    @property
    def model_family(self) -> str:
        """The family for the self-judging rule: `family`, else the provider prefix.

        House models are deterministic heuristics, not a family with a taste for its own
        output, so each house model is only its own family. Nor is `local/`: each GGUF file is
        its own family (a local Qwen and a local Llama are not kin).
        """
        if self.family:
            return self.family
        return self.model if self.provider in ("house", "local") else self.provider


def judge_conflicts(judge: ModelEntry, debater: ModelEntry, exclude_same_family: bool) -> bool:
    """Would this judge be judging its own model (or, by default, its own family)?"""
    return judge.model == debater.model or (exclude_same_family
                                            and judge.model_family == debater.model_family)
