"""The league file: what to run, validated before anything is written."""

from __future__ import annotations

import itertools
import os
import random
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..domain.models import Format, Motion, MotionPack, OmitEmpty, Rubric, Slug
from ..errors import UserError
from . import resources
from .entries import ModelEntry, judge_conflicts
from .yamlfile import FieldError, describe_validation, line_of, load_yaml


class JudgingConfig(OmitEmpty):
    """Bias controls, all on by default (see debate.orchestrator.judging)."""

    model_config = ConfigDict(extra="forbid")
    _omit_empty = ("reads",)
    position_swap: bool = True  # each judge reads both presentation orders (two sides)
    exclude_same_family: bool = True  # else only a debater's own model is excluded
    speech_scores: bool = False  # judges also score every speech
    # Four sides: reads per judge, each with the sides lettered in another order (default 2;
    # 4 shows each side under each letter once). See debate.domain.bp_verdicts.
    reads: int | None = Field(default=None, ge=1, le=4)


def _default_judges() -> list[ModelEntry]:
    return [ModelEntry(name="judge", model="house/judge")]


class LeagueConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[1] = 1
    name: Slug
    # A database holds one league: a sequence of tournaments. A league file whose motions (or
    # this name) differ from the database's last tournament starts the next one; ratings carry
    # over. Name a tournament to run one again on motions the league has used before.
    tournament: Slug | None = None
    seed: int = 0
    rounds: int = Field(ge=1, le=1000)  # rounds of this tournament (not of the whole league)
    format: str = "oxford"
    motions: list[str] = Field(default_factory=lambda: ["general-en"], min_length=1)
    rubric: str = "standard"
    # Debates at once. Each holds one speech call at a time and per-model caps (max_concurrency)
    # guard each server, so this only bounds sockets and memory: 128 debates (256 debaters)
    # keep well under litellm's aiohttp pool (500 per host, 1000 in all) and 1024 descriptors.
    concurrency: int = Field(default=128, ge=1, le=10000)
    case_notes: bool = True  # give each side the pack's arguments and evidence for its side
    retries: int = Field(default=4, ge=0, le=20)
    mirror: bool = False  # each pairing debates twice, sides swapped (cancels side advantage)
    # First retry waits about this long, doubling each time (with jitter), at most max_backoff_s.
    retry_backoff_s: float = Field(default=1.0, ge=0, le=600)
    max_backoff_s: float = Field(default=30.0, ge=0, le=3600)
    # Stop cleanly before the stored calls' cost would exceed this (resumable with a higher one).
    # Like `rounds`, it is this tournament's: the league's earlier tournaments do not count.
    budget_usd: float | None = Field(default=None, ge=0)
    debaters: list[ModelEntry] = Field(min_length=2)
    judges: list[ModelEntry] = Field(default_factory=_default_judges, min_length=1)
    judging: JudgingConfig = Field(default_factory=JudgingConfig)

    @model_validator(mode="after")
    def _unique_names(self) -> LeagueConfig:
        seen: dict[str, str] = {}
        for group in ("debaters", "judges"):
            for e in getattr(self, group):
                if e.name in seen:
                    raise ValueError(f"duplicate name {e.name!r} (in {seen[e.name]} and {group})")
                seen[e.name] = group
        for j in self.judges:
            if j.supersedes:
                raise ValueError(f"judge {j.name!r}: supersedes is for debaters only")
        targets = [d.supersedes for d in self.debaters if d.supersedes]
        for d in self.debaters:
            if d.supersedes is not None and d.supersedes == d.name:
                raise ValueError(f"debater {d.name!r} cannot supersede itself")
        if len(targets) != len(set(targets)):
            raise ValueError("two debaters supersede the same one")
        return self

    @model_validator(mode="after")
    def _every_debate_has_a_judge(self) -> LeagueConfig:
        """Self-judging is excluded; refuse a league where some pairing would leave no judge."""
        same_family = self.judging.exclude_same_family
        kinds: dict[tuple, list[ModelEntry]] = {}
        for d in self.debaters:
            kinds.setdefault((d.model, d.model_family), []).append(d)
        keys = sorted(kinds)
        for i, a in enumerate(keys):
            for b in keys[i:]:
                if a == b and len(kinds[a]) < 2:  # no debate between two of this kind
                    continue
                pair = (kinds[a][0], kinds[b][-1])
                if all(any(judge_conflicts(j, d, same_family) for d in pair) for j in self.judges):
                    what = "family" if same_family else "model"
                    raise FieldError(
                        f"no judge may judge a debate between {pair[0].name!r} and {pair[1].name!r}: "
                        f"every judge shares a model or {what} with one of them. Add a judge of another "
                        f"{what}" + (", set `family:` on the entries, or set judging.exclude_same_family: "
                                     "false" if same_family else ""), "judges")
        return self


class League(BaseModel):
    """A league file with its format, packs and rubric loaded and checked."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    config: LeagueConfig
    path: str
    format: Format
    packs: list[MotionPack]
    rubric: Rubric

    @property
    def name(self) -> str:
        return self.config.name

    def motion_schedule(self) -> list[tuple[str, Motion]]:
        """All motions as (qualified id, motion), in a seeded order; round r uses entry r-1."""
        items = [(f"{p.id}/{m.id}", m) for p in self.packs for m in p.motions]
        random.Random(f"motions:{self.config.seed}").shuffle(items)
        return items

    def motion_for_round(self, number: int, first_round: int = 1) -> tuple[str, Motion]:
        """The motion of league round `number` in a tournament that starts at `first_round`."""
        sched = self.motion_schedule()
        return sched[(number - first_round) % len(sched)]

    def motion(self, qualified_id: str) -> Motion:
        pack_id, _, mid = qualified_id.partition("/")
        for p in self.packs:
            if p.id == pack_id:
                return p.motion(mid)
        raise KeyError(qualified_id)

    def entry(self, name: str) -> ModelEntry:
        for e in (*self.config.debaters, *self.config.judges):
            if e.name == name:
                return e
        raise KeyError(name)

    def pack_hashes(self) -> dict[str, str]:
        return {p.id: resources.canonical_hash(p) for p in self.packs}



def parse_league(data: Any, path: Path, lines: dict | None = None, *,
                 check_env: bool = True) -> League:
    lines = lines or {}
    if not isinstance(data, dict):
        raise UserError("expected a mapping of keys at the top level", file=str(path), line=1)
    from pydantic import ValidationError
    try:
        cfg = LeagueConfig.model_validate(data)
    except ValidationError as exc:
        raise describe_validation(exc, path, lines) from None
    base = path.parent

    def sub(kind: resources.Kind, ref: str, *field: Any) -> Any:
        try:
            return resources.load(kind, ref, base)
        except UserError as exc:
            if exc.file:  # an error inside the referenced file: name that file
                raise
            raise UserError(exc.detail, file=str(path), line=line_of(lines, *field),
                            field=".".join(map(str, field))) from None

    fmt = sub("formats", cfg.format, "format")
    _check_sides(cfg, fmt, path, lines)
    rubric = sub("rubrics", cfg.rubric, "rubric")
    packs = [sub("motions", ref, "motions", i) for i, ref in enumerate(cfg.motions)]
    ids = [p.id for p in packs]
    if len(set(ids)) != len(ids):
        raise UserError("the same pack is listed twice", file=str(path),
                        line=line_of(lines, "motions"), field="motions")
    if check_env:
        for group in ("debaters", "judges"):
            for i, e in enumerate(getattr(cfg, group)):
                for where, env in e.key_envs():
                    if not os.environ.get(env):
                        at = where.split(".")
                        at = [int(a) if a.isdigit() else a for a in at]
                        raise UserError(f"environment variable {env} is not set "
                                        f"(it should hold the API key for {e.name})", file=str(path),
                                        line=line_of(lines, group, i, *at), field=f"{group}.{i}.{where}")
        _check_local_models(cfg, path, lines)
    return League(config=cfg, path=str(path), format=fmt, packs=packs, rubric=rubric)


def _check_sides(cfg: LeagueConfig, fmt: Format, path: Path, lines: dict) -> None:
    """What a league of the format's sides needs: settings meant for the other kind refused."""
    def refuse(message: str, *field: Any) -> None:
        raise UserError(message, file=str(path), line=line_of(lines, *field), field=".".join(map(str, field)))

    if not fmt.four_sides:
        if cfg.judging.reads is not None:
            refuse("judging.reads is for four-side formats; a two-side debate is read in both "
                   "orders (judging.position_swap)", "judging", "reads")
        return
    if len(cfg.debaters) < 4:
        refuse(f"format {cfg.format!r} seats four debaters a debate: list at least four", "debaters")
    if cfg.mirror:
        refuse("mirror swaps the two sides of a debate; a four-side league balances positions in "
               "its draw instead (leave mirror out)", "mirror")
    if "position_swap" in cfg.judging.model_fields_set:
        refuse("judging.position_swap is for two-side formats; a four-side debate is read "
               "judging.reads times, the sides lettered in other orders", "judging", "position_swap")
    same_family = cfg.judging.exclude_same_family
    kinds: dict[tuple, list[ModelEntry]] = {}
    for d in cfg.debaters:
        kinds.setdefault((d.model, d.model_family), []).append(d)
    # every room of four the draw could make must leave some judge who judges none of the four
    for room in itertools.combinations_with_replacement(sorted(kinds), 4):
        if any(room.count(k) > len(kinds[k]) for k in room):
            continue
        members = [kinds[k][room[:i].count(k)] for i, k in enumerate(room)]
        if all(any(judge_conflicts(j, d, same_family) for d in members) for j in cfg.judges):
            what = "family" if same_family else "model"
            refuse(f"no judge may judge a room of {', '.join(repr(d.name) for d in members)}: every "
                   f"judge shares a model or {what} with one of them. Add a judge of another {what}"
                   + (", set `family:` on the entries, or set judging.exclude_same_family: false"
                      if same_family else ""), "judges")


def _check_local_models(cfg: LeagueConfig, path: Path, lines: dict) -> None:
    """A `local/` model must be runnable before anything is written (the extra, the file)."""
    from .local_models import LocalModelError, check_available, is_local

    for group in ("debaters", "judges"):
        for i, e in enumerate(getattr(cfg, group)):
            if is_local(e.model):
                try:
                    check_available(e.model)
                except LocalModelError as exc:
                    raise UserError(str(exc), file=str(path), line=line_of(lines, group, i, "model"),
                                    field=f"{group}.{i}.model") from None


def load_league(path: Path | str, *, check_env: bool = True) -> League:
    path = Path(path)
    data, lines = load_yaml(path)
    return parse_league(data, path, lines, check_env=check_env)


DEMO_LEAGUE = Path(__file__).resolve().parent / "demo_league.yaml"


def demo_league() -> League:
    return load_league(DEMO_LEAGUE)


