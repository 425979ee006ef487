"""People's ballots in and out of a results database: one written from the viewer, many imported
from a file collected elsewhere (a form, a spreadsheet), and all exported.

The file format (CSV or JSON), one ballot per row:

| field | required | what |
| --- | --- | --- |
| debate_id | yes | a debate of the database (`debate export DB -f csv --table debates`) |
| judge | yes | the person's name (letters, digits, `.`, `_`, `-`, spaces; up to 64); stored as `human:NAME` |
| winner | yes | `pro` or `con` (the real sides, whatever order the person saw them in) |
| scores | no | per side and rubric dimension, on the rubric's scale: CSV columns `pro_<dim>`, `con_<dim>`; JSON `{"pro": {dim: n}, "con": {...}}` |
| reasons | no | free text |
| blind_order | no | the sides in the order shown, Side A first: CSV `con pro`; JSON `["con", "pro"]` |

JSON is an array of such objects, or `{"schema_version": 1, "ballots": [...]}` (what the export
writes). A row that fails any check is reported with its line (CSV) or item number (JSON), and
then nothing is imported. A person's ballot on a debate replaces their earlier one.

A run may be writing the same database: a human ballot is an ordinary append (SQLite's busy
timeout serialises the writers; the run lock `<db>.lock` is for runs, which pay for calls).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..domain.human_agreement import HUMAN_PREFIX, human_name
from ..domain.models import SIDES, Ballot, Rubric
from ..domain.text import clean_text
from .events import HumanBallotCast
from .state import LeagueState
from .store import Store

SCHEMA_VERSION = 1
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,63}$")
BASE_COLUMNS = ["debate_id", "judge", "winner", "reasons", "blind_order"]
MAX_REASONS = 20_000


class BallotRow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    debate_id: str = Field(min_length=1)
    judge: str
    winner: Literal["pro", "con"]
    scores: dict[Literal["pro", "con"], dict[str, float]] = Field(default_factory=dict)
    reasons: str = Field(default="", max_length=MAX_REASONS)
    blind_order: list[Literal["pro", "con"]] = Field(default_factory=list)

    @field_validator("judge")
    @classmethod
    def _name(cls, v: str) -> str:
        v = human_name(v.strip())
        if not NAME.match(v):
            raise ValueError("a name of letters, digits, '.', '_', '-' or spaces (up to 64)")
        return v

    @field_validator("blind_order")
    @classmethod
    def _order(cls, v: list[str]) -> list[str]:
        if v and sorted(v) != sorted(SIDES):
            raise ValueError("each side once, Side A first (e.g. 'con pro')")
        return v


class ImportErrors(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _csv_rows(text: str) -> list[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("debate_id", "judge", "winner") if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportErrors([f"line 1: missing column(s) {', '.join(missing)}"])
    out = []
    for raw in reader:
        where = f"line {reader.line_num}"
        row: dict[str, Any] = {"scores": {}}
        for key, value in raw.items():
            value = (value or "").strip() if isinstance(value, str) else value
            if key is None:
                row["_extra"] = value
            elif key in ("debate_id", "judge", "winner", "reasons"):
                row[key] = value
            elif key == "blind_order":
                row[key] = value.replace(",", " ").split() if value else []
            elif "_" in key and key.split("_", 1)[0] in SIDES:
                side, dim = key.split("_", 1)
                if value:
                    try:
                        row["scores"].setdefault(side, {})[dim] = float(value)
                    except ValueError:
                        row["_bad"] = f"{key}: not a number: {value!r}"
            else:
                row["_unknown"] = key
        out.append((where, row))
    return out


def _json_rows(text: str) -> list[tuple[str, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportErrors([f"line {exc.lineno}: not JSON: {exc.msg}"]) from None
    if isinstance(data, dict):
        if data.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
            raise ImportErrors([f"schema_version: expected {SCHEMA_VERSION}"])
        data = data.get("ballots")
    if not isinstance(data, list):
        raise ImportErrors(["expected a list of ballots (or {\"ballots\": [...]})"])
    return [(f"item {i + 1}", item if isinstance(item, dict) else {"_not_object": True})
            for i, item in enumerate(data)]


def parse_file(path: Path) -> list[tuple[str, dict[str, Any]]]:
    text = path.read_text(encoding="utf-8-sig")
    is_json = path.suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{")
    return _json_rows(text) if is_json else _csv_rows(text)


def check_rows(rows: list[tuple[str, dict[str, Any]]], state: LeagueState) -> list[HumanBallotCast]:
    """Every row as an event, or ImportErrors naming every bad row (and nothing is returned)."""
    rubric = state.rubric
    problems: list[str] = []
    events: list[HumanBallotCast] = []
    seen: dict[tuple[str, str], str] = {}
    for where, raw in rows:
        for marker, what in (("_not_object", "not an object"), ("_extra", "more cells than columns")):
            if marker in raw:
                problems.append(f"{where}: {what}")
        if "_unknown" in raw:
            problems.append(f"{where}: unknown column {raw['_unknown']!r}")
        if "_bad" in raw:
            problems.append(f"{where}: {raw['_bad']}")
        if any(k.startswith("_") for k in raw):
            continue
        try:
            row = BallotRow.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(x) for x in err["loc"]) or "row"
                problems.append(f"{where}: {field}: {err['msg']}")
            continue
        problem = _check_against(row, state, rubric)
        key = (row.debate_id, row.judge)
        if problem is None and key in seen:
            problem = f"a second ballot by {row.judge} on {row.debate_id} (first at {seen[key]})"
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        seen[key] = where
        events.append(event_for(row, source="import"))
    if problems:
        raise ImportErrors(problems)
    return events


def _check_against(row: BallotRow, state: LeagueState, rubric: Rubric | None) -> str | None:
    d = state.debates.get(row.debate_id)
    if d is None:
        return f"debate_id: no debate {row.debate_id!r} in this database"
    if not d.speeches or (d.result is not None and d.result.result == "forfeit"):
        return f"debate_id: {row.debate_id} has no speeches to judge (forfeited or not yet debated)"
    if rubric is None:
        return None
    for side, dims in row.scores.items():
        for dim, v in dims.items():
            if dim not in rubric.dimension_ids:
                return f"scores: {side}_{dim}: the rubric has no dimension {dim!r} " \
                       f"(it has {', '.join(rubric.dimension_ids)})"
            if not rubric.scale.min <= v <= rubric.scale.max:
                return f"scores: {side}_{dim}: {v:g} is outside the scale {rubric.scale.min}-{rubric.scale.max}"
    return None


def event_for(row: BallotRow, *, source: Literal["viewer", "import"]) -> HumanBallotCast:
    ballot = Ballot(judge=HUMAN_PREFIX + row.judge, winner=row.winner,
                    scores={s: dict(v) for s, v in row.scores.items()},
                    reasons=clean_text(row.reasons, strip=True))
    return HumanBallotCast(debate_id=row.debate_id, ballot=ballot, blind_order=list(row.blind_order),
                           source=source)


def import_file(path: Path, db: Path) -> list[HumanBallotCast]:
    """Check every row against the database, then append them all in one transaction."""
    from .state import load_state

    rows = parse_file(path)
    with Store(db, create=False) as store:
        events = check_rows(rows, load_state(store))
        store.append_all(events)
    return events


def cast(db: Path, event: HumanBallotCast) -> None:
    """Store one ballot cast in the viewer (a short-lived writer beside any reader)."""
    with Store(db, create=False) as store:
        store.append(event)


# --- export -------------------------------------------------------------------------------

def export_rows(state: LeagueState) -> list[dict[str, Any]]:
    out = []
    for d in state.debates.values():
        for b in d.human_ballots:
            out.append({"debate_id": d.debate_id, "judge": human_name(b.judge), "winner": b.winner,
                        "scores": b.scores, "reasons": b.reasons,
                        "blind_order": d.blind_orders.get(b.judge, [])})
    return out


def to_json(state: LeagueState) -> str:
    return json.dumps({"schema_version": SCHEMA_VERSION, "ballots": export_rows(state)},
                      indent=2, ensure_ascii=False) + "\n"


def to_csv(state: LeagueState) -> str:
    dims = state.rubric.dimension_ids if state.rubric else []
    cols = BASE_COLUMNS + [f"{s}_{m}" for s in SIDES for m in dims]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    for r in export_rows(state):
        flat = {k: r[k] for k in ("debate_id", "judge", "winner", "reasons")}
        flat["blind_order"] = " ".join(r["blind_order"])
        for s in SIDES:
            for m in dims:
                v = r["scores"].get(s, {}).get(m)
                flat[f"{s}_{m}"] = "" if v is None else f"{v:g}"
        w.writerow(flat)
    return buf.getvalue()
