"""The league file: what to run, validated before anything is written."""

from __future__ import annotations

import itertools
import os
import random
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from ..domain.models import Format, Motion, MotionPack, OmitEmpty, RatingMode, Rubric, Slug, unknown_house_model
from ..errors import UserError, UserErrors, raise_all
from . import resources
from .entries import ModelEntry, judge_conflicts
from .yamlfile import FieldError, line_of, load_yaml, validation_errors


class ExamRequirement(BaseModel):
    """`judging: exam:`: every judge sits the pack's exam before round 1 and is seated only
    if it reaches these scores (see debate.orchestrator.exam)."""

    model_config = ConfigDict(extra="forbid")
    pack: str  # a stock pack name or a path (relative to the league file) holding `exam:` items
    min_accuracy: float = Field(default=0.8, ge=0, le=1)
    min_consistency: float = Field(default=0.0, ge=0, le=1)


class JudgingConfig(OmitEmpty):
    """Bias controls, all on by default (see debate.orchestrator.judging)."""

    model_config = ConfigDict(extra="forbid")
    _omit_empty = ("reads",)
    position_swap: bool = True  # each judge reads both presentation orders (two sides)
    exclude_same_family: bool = True  # else only a debater's own model is excluded
    speech_scores: bool = False  # judges also score every speech
    # People's ballots (cast in the viewer or imported): `advisory` never touches a result;
    # `vote`: each one in the store when the engine decides a debate counts as one panel vote.
    humans: Literal["advisory", "vote"] = "advisory"
    exam: ExamRequirement | None = None
    # Four sides: reads per judge, each with the sides lettered in another order (default 2;
    # 4 shows each side under each letter once). See debate.domain.bp_verdicts.
    reads: int | None = Field(default=None, ge=1, le=4)

    @property
    def four_side_reads(self) -> int:
        """The reads each judge makes of a four-side debate, whether `reads` says or by default."""
        from ..domain.bp_verdicts import DEFAULT_READS  # not at import: it loads the verdict rules

        return self.reads or DEFAULT_READS


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
    # What a debate forfeited for an outage (a debater's model unreachable after the retries and
    # the round's outage passes) counts for: "void", nobody wins it (the side that was ready
    # scores as for a bye in the draw); "win", its opponent wins it in the bracket.
    outage_forfeit: Literal["void", "win"] = "void"
    # First retry waits about this long, doubling each time (with jitter), at most max_backoff_s.
    retry_backoff_s: float = Field(default=1.0, ge=0, le=600)
    max_backoff_s: float = Field(default=30.0, ge=0, le=3600)
    # Stop cleanly before the stored calls' cost would exceed this (resumable with a higher one).
    # Like `rounds`, it is this tournament's: the league's earlier tournaments do not count.
    budget_usd: float | None = Field(default=None, ge=0)
    debaters: list[ModelEntry] = Field(min_length=2)
    judges: list[ModelEntry] = Field(default_factory=_default_judges, min_length=1)
    judging: JudgingConfig = Field(default_factory=JudgingConfig)
    # What the standings are sorted by (README "Ratings"): win-loss (the panels' results) or
    # margin (the judges' rubric margins). Fixed within a tournament.
    rating: RatingMode = "win-loss"

    @model_validator(mode="after")
    def _entry_rules(self, info: ValidationInfo) -> LeagueConfig:
        """The rules between entries (names, versions, judges). parse_league collects every
        one of them itself (context `all_errors`); anyone else gets the first as an error."""
        if not (info.context or {}).get("all_errors"):
            errors = entry_errors(list(enumerate(self.debaters)), list(enumerate(self.judges)),
                                  self.judging.exclude_same_family)
            if errors:
                raise errors[0]
        return self


Indexed = list[tuple[int, ModelEntry]]  # (position in its list, entry)


def entry_errors(debaters: Indexed, judges: Indexed, exclude_same_family: bool) -> list[FieldError]:
    """Every broken rule between entries, each at the field that breaks it: a name used twice
    (at the second use), a judge that supersedes, a debater that supersedes itself or one
    another debater supersedes too, and a pairing that no judge may judge."""
    errors: list[FieldError] = []
    seen: dict[str, str] = {}
    for group, entries in (("debaters", debaters), ("judges", judges)):
        for i, e in entries:
            if e.name in seen:
                errors.append(FieldError(f"duplicate name {e.name!r} (already used by {seen[e.name]})",
                                         group, i, "name"))
            else:
                seen[e.name] = f"{group}.{i}"
    for i, j in judges:
        if j.supersedes:
            errors.append(FieldError(f"judge {j.name!r}: supersedes is for debaters only",
                                     "judges", i, "supersedes"))
    targets: dict[str, str] = {}
    for i, d in debaters:
        if d.supersedes is None:
            continue
        if d.supersedes == d.name:
            errors.append(FieldError(f"debater {d.name!r} cannot supersede itself", "debaters", i,
                                     "supersedes"))
        elif d.supersedes in targets:
            errors.append(FieldError(f"two debaters supersede the same one: {targets[d.supersedes]!r} "
                                     f"and {d.name!r} both supersede {d.supersedes!r}",
                                     "debaters", i, "supersedes"))
        targets.setdefault(d.supersedes, d.name)
    conflict = _uncovered_pairing([d for _, d in debaters], [j for _, j in judges], exclude_same_family)
    if conflict is not None and judges:
        errors.append(conflict)
    return errors


def _uncovered_pairing(debaters: list[ModelEntry], judges: list[ModelEntry],
                       same_family: bool) -> FieldError | None:
    """Self-judging is excluded: the first pairing that would leave no judge, if any."""
    kinds: dict[tuple, list[ModelEntry]] = {}
    for d in debaters:
        kinds.setdefault((d.model, d.model_family), []).append(d)
    keys = sorted(kinds)
    for i, a in enumerate(keys):
        for b in keys[i:]:
            if a == b and len(kinds[a]) < 2:  # no debate between two of this kind
                continue
            pair = (kinds[a][0], kinds[b][-1])
            if all(any(judge_conflicts(j, d, same_family) for d in pair) for j in judges):
                what = "family" if same_family else "model"
                return FieldError(
                    f"no judge may judge a debate between {pair[0].name!r} and {pair[1].name!r}: "
                    f"every judge shares a model or {what} with one of them. Add a judge of another "
                    f"{what}" + (", set `family:` on the entries, or set judging.exclude_same_family: "
                                 "false" if same_family else ""), "judges")
    return None


class League(BaseModel):
    """A league file with its format, packs and rubric loaded and checked."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    config: LeagueConfig
    path: str
    format: Format
    packs: list[MotionPack]
    rubric: Rubric
    exam_pack: MotionPack | None = None  # `judging: exam: pack`, loaded and checked
    lines: dict = Field(default_factory=dict, repr=False)  # the file's path -> line index

    def line(self, *field: Any) -> int | None:
        """The line of a field of the league file (the nearest enclosing key that has one)."""
        return line_of(self.lines, *field)

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
    """Check a league file and everything it names; every mistake found is reported at once
    (UserErrors), each with file:line: field."""
    lines = lines or {}
    if not isinstance(data, dict):
        raise UserError("expected a mapping of keys at the top level", file=str(path), line=1)
    from pydantic import ValidationError

    errors: list[UserError] = []

    def at(message: str, *field: Any) -> UserError:
        return UserError(message, file=str(path), line=line_of(lines, *field),
                         field=".".join(map(str, field)) or None)

    cfg: LeagueConfig | None = None
    try:
        cfg = LeagueConfig.model_validate(data, context={"all_errors": True})
    except ValidationError as exc:
        errors += validation_errors(exc, path, lines)
    debaters, judges, same_family = _entries(cfg, data)
    errors += [at(str(e), *e.at) for e in entry_errors(debaters, judges, same_family)]
    for group, entries in (("debaters", debaters), ("judges", judges)):
        for i, e in entries:
            if problem := unknown_house_model(e.model):
                errors.append(at(problem, group, i, "model"))
    base = path.parent

    def sub(kind: resources.Kind, ref: Any, *field: Any) -> Any:
        if not isinstance(ref, str):
            return None  # a wrong type: the schema's error says so
        try:
            return resources.load(kind, ref, base)
        except UserErrors as exc:  # mistakes inside the file it names: that file's lines
            errors.extend(exc.errors)
        except UserError as exc:
            if exc.file and exc.line:
                errors.append(exc)
            elif exc.file:  # the file itself is missing or unreadable: the line that names it
                errors.append(at(f"{exc.detail}: {exc.file}", *field))
            else:
                errors.append(at(exc.detail, *field))
        return None

    fmt = sub("formats", data.get("format", "oxford"), "format")
    if cfg is not None and fmt is not None:
        errors += _sides_errors(cfg, fmt, at)
    rubric = sub("rubrics", data.get("rubric", "standard"), "rubric")
    refs = data.get("motions", ["general-en"])
    packs = [sub("motions", ref, "motions", i) for i, ref in enumerate(refs if isinstance(refs, list) else [])]
    first: dict[str, int] = {}
    for i, p in enumerate(packs):
        if p is None:
            continue
        if p.id in first:
            errors.append(at(f"pack {p.id!r} is already listed (motions.{first[p.id]})", "motions", i))
        first.setdefault(p.id, i)
    exam_pack = None
    judging = data.get("judging")
    exam = judging.get("exam") if isinstance(judging, dict) else None
    if isinstance(exam, dict) and isinstance(exam.get("pack"), str):
        exam_pack = sub("exams", exam["pack"], "judging", "exam", "pack")
        if exam_pack is not None and not exam_pack.exam:
            errors.append(at(f"pack {exam_pack.id!r} has no exam items (`exam:`)", "judging", "exam", "pack"))
    if check_env:
        for group, entries in (("debaters", debaters), ("judges", judges)):
            for i, e in entries:
                for where, env in e.key_envs():
                    if not os.environ.get(env):
                        errors.append(at(f"environment variable {env} is not set (it should hold "
                                         f"the API key for {e.name}): export {env}=...", group, i,
                                         *[int(a) if a.isdigit() else a for a in where.split(".")]))
        errors += _local_model_errors(debaters, judges, at)
    raise_all(sorted(errors, key=lambda e: (e.file != str(path), e.file or "", e.line or 0)))
    assert cfg is not None and fmt is not None and rubric is not None  # else an error was raised
    return League(config=cfg, path=str(path), format=fmt, packs=packs, rubric=rubric, lines=lines,
                  exam_pack=exam_pack)


def _sides_errors(cfg: LeagueConfig, fmt: Format, at: Any) -> list[UserError]:
    """What a league of the format's sides needs: settings meant for the other kind refused."""
    if not fmt.four_sides:
        return [at("judging.reads is for four-side formats; a two-side debate is read in both "
                   "orders (judging.position_swap)", "judging", "reads")] if cfg.judging.reads is not None else []
    errors = []
    if len(cfg.debaters) < 4:
        errors.append(at(f"format {cfg.format!r} seats four debaters a debate: list at least four", "debaters"))
    if cfg.mirror:
        errors.append(at("mirror swaps the two sides of a debate; a four-side league balances positions "
                         "in its draw instead (leave mirror out)", "mirror"))
    if cfg.rating == "margin":
        errors.append(at("rating: margin reads a two-side debate's rubric margin (pro's total minus "
                         "con's); a four-side league is rated by its rooms' rankings (rating: win-loss)",
                         "rating"))
    if "position_swap" in cfg.judging.model_fields_set:
        errors.append(at("judging.position_swap is for two-side formats; a four-side debate is read "
                         "judging.reads times, the sides lettered in other orders", "judging", "position_swap"))
    same_family = cfg.judging.exclude_same_family
    kinds: dict[tuple, list[ModelEntry]] = {}
    for d in cfg.debaters:
        kinds.setdefault((d.model, d.model_family), []).append(d)
    # every room of four the draw could make must leave some judge who judges none of the four
    # (an uncovered pair is reported already, by entry_errors)
    covered = _uncovered_pairing(cfg.debaters, cfg.judges, same_family) is None
    for room in itertools.combinations_with_replacement(sorted(kinds) if covered else [], 4):
        if any(room.count(k) > len(kinds[k]) for k in room):
            continue
        members = [kinds[k][room[:i].count(k)] for i, k in enumerate(room)]
        if all(any(judge_conflicts(j, d, same_family) for d in members) for j in cfg.judges):
            what = "family" if same_family else "model"
            errors.append(at(f"no judge may judge a room of {', '.join(repr(d.name) for d in members)}: "
                             f"every judge shares a model or {what} with one of them. Add a judge of "
                             f"another {what}" + (", set `family:` on the entries, or set "
                                                  "judging.exclude_same_family: false" if same_family else ""),
                             "judges"))
            break
    return errors


def _entries(cfg: LeagueConfig | None, data: dict) -> tuple[Indexed, Indexed, bool]:
    """The debaters and judges to check the rules between entries on: all of them from a valid
    file; from a file with mistakes, each entry that is valid by itself."""
    if cfg is not None:
        return (list(enumerate(cfg.debaters)), list(enumerate(cfg.judges)),
                cfg.judging.exclude_same_family)
    from pydantic import ValidationError

    def valid(group: str, default: list) -> Indexed:
        raw = data.get(group, default)
        out = []
        for i, item in enumerate(raw if isinstance(raw, list) else []):
            try:
                out.append((i, ModelEntry.model_validate(item)))
            except ValidationError:
                pass
        return out

    judging = data.get("judging")
    same_family = judging.get("exclude_same_family", True) if isinstance(judging, dict) else True
    return (valid("debaters", []), valid("judges", [{"name": "judge", "model": "house/judge"}]),
            same_family is not False)


def _local_model_errors(debaters: Indexed, judges: Indexed, at: Any) -> list[UserError]:
    """A `local/` model must be runnable before anything is written (the extra, the file)."""
    from .local_models import LocalModelError, check_available, is_local

    out = []
    for group, entries in (("debaters", debaters), ("judges", judges)):
        for i, e in entries:
            if is_local(e.model):
                try:
                    check_available(e.model)
                except LocalModelError as exc:
                    out.append(at(str(exc), group, i, "model"))
    return out


def load_league(path: Path | str, *, check_env: bool = True) -> League:
    path = Path(path)
    data, lines = load_yaml(path)
    return parse_league(data, path, lines, check_env=check_env)


DEMO_LEAGUE = Path(__file__).resolve().parent / "demo_league.yaml"


def demo_league() -> League:
    return load_league(DEMO_LEAGUE)


