"""Exports of a results database: JSON (everything), CSV (a table), Markdown (a report)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..domain.models import BP_SIDES
from ..record.state import LeagueState
from .judges import judges_of


def speech_score(ballots: list, index: int) -> float | None:
    """The panel's mean score for one speech, when the judges scored speeches."""
    got = [b.speech_scores[index] for b in ballots if not b.failed and index in b.speech_scores]
    return round(sum(got) / len(got), 2) if got else None


def to_dict(state: LeagueState) -> dict[str, Any]:
    standings = [s.model_dump(mode="json") for s in state.standings]
    # config and packs: the current (last) tournament's; `stages`: every tournament of the league
    # (the export's keys keep the name tournaments had when it was first published)
    stages = [{"stage": t.number, "tournament": t.name, "first_round": t.first_round,
               "rounds": state.tournament_rounds(t), "motions": t.config.motions, "packs": t.packs,
               "seed": t.config.seed, **({"benched": dict(t.benched)} if t.benched else {})}
              for t in state.tournaments]
    # the league file as stored: exactly the keys its event holds (exclude_unset)
    config = state.config.model_dump(mode="json", exclude_unset=True) if state.config else {}
    return {"league": {"name": state.league, "config": config, "packs": state.packs,
                       "finished": state.finished, "stages": stages},
            "rounds": rounds_of(state), "standings": standings,
            "robustness": ({**state.summary.model_dump(mode="json"), "lines": state.summary.lines()}
                           if state.summary is not None else None),
            "notes": [{"level": n.level, "message": n.message, "debate_id": n.debate_id}
                      for n in state.notes],
            "judges": judges_of(state)}


def rounds_of(state: LeagueState) -> list[dict[str, Any]]:
    """Every round with its debates: speeches, ballots and reasons (JSON export, Markdown)."""
    rounds = []
    roles = speech_roles(state)
    for n in sorted(state.rounds):
        r = state.rounds[n]
        debates = []
        for p in r.draw.pairings:
            d = state.debates.get(p.debate_id)
            if d is None:
                continue
            res = d.result
            seated = {"seats": d.seats, "bracket": p.bracket} if d.seats else {"pro": d.pro, "con": d.con}
            debates.append({
                "id": d.debate_id, **seated, "flags": p.flags,
                "winner": res.winner if res else None,
                "result": res.result if res else "pending",
                **({"ranks": res.ranks if res else {}, "points": res.points() if res else {}} if d.seats else {}),
                "reason": res.reason if res else "",
                "forfeit_cause": res.forfeit_cause if res else None,
                "speeches": [{"index": s.index, "side": s.side, "speaker": s.speaker, "kind": s.kind,
                              **({"role": roles[s.index]} if d.seats and roles.get(s.index) else {}),
                              "text": s.text, "words": s.words, "word_limit": s.word_limit,
                              "flags": s.flags, "judge_score": speech_score(d.ballots, s.index)}
                             for s in sorted(d.speeches, key=lambda s: s.index)],
                "ballots": [_ballot(b, d.pro, d.con) for b in d.ballots],
            })
            if d.human_ballots:  # people's ballots (judge human:NAME), apart from the panel's
                debates[-1]["human_ballots"] = [
                    {"judge": b.judge, "winner": (d.pro if b.winner == "pro" else d.con) if b.winner else None,
                     "winner_side": b.winner, "reasons": b.reasons, "scores": b.scores,
                     "blind_order": d.blind_orders.get(b.judge, [])} for b in d.human_ballots]
        tournament = state.tournament_of(n)
        rounds.append({"number": n, "stage": tournament.number if tournament else 1,
                       "tournament": tournament.name if tournament else None,
                       "motion": r.motion_id, "motion_text": r.motion_text, "category": r.category,
                       "byes": r.draw.byes, "completed": r.completed, "debates": debates})
    return rounds


def speech_roles(state: LeagueState) -> dict[int, str]:
    """Turn index -> the speaker's role in the league's format ("Prime Minister"), where it names one."""
    return {i: t.role for i, t in enumerate(state.format.turns) if t.role} if state.format else {}


def _ballot(b, pro: str, con: str) -> dict[str, Any]:
    """A judge's ballot; four sides: no winner, the judge's (mean) rank for each side."""
    return {"judge": b.judge,
            "winner": (pro if b.winner == "pro" else con) if b.winner else None,
            "winner_side": b.winner, "reasons": b.reasons, "scores": b.scores,
            **({"ranks": b.ranks} if b.ranks else {}),
            "flags": b.flags, "failed": b.failed, "error": b.error,
            "speech_scores": b.speech_scores,
            "reads": [r.model_dump(mode="json") for r in b.reads]}


def to_json(state: LeagueState) -> str:
    return json.dumps(to_dict(state), indent=2, ensure_ascii=False)


def standings_rows(state: LeagueState) -> tuple[list[str], list[list[Any]]]:
    dims = sorted({d for s in state.standings for d in s.dimensions})
    four = any(s.team_points is not None for s in state.standings)
    record = ["team_points", "firsts", "seconds", "thirds", "fourths", *BP_SIDES] if four else \
        ["wins", "losses", "draws"]
    head = ["rank", "name", "model", "mu", "sigma", "conservative", "bt", "bt_lo", "bt_hi", *record,
            "byes", "buchholz", "points", "outages", *dims, *_RATING_COLUMNS]
    rows = [[s.rank, s.name, s.model, round(s.mu, 3), round(s.sigma, 3), round(s.conservative, 3),
             _blank(s.bt), _blank(s.bt_lo), _blank(s.bt_hi),
             *([s.team_points, *(s.places or [0] * 4), *[s.positions.get(x, 0) for x in BP_SIDES]] if four
               else [s.wins, s.losses, s.draws]),
             s.byes, s.buchholz, s.points, s.outages or 0,
             *[s.dimensions.get(d, "") for d in dims],
             *[_blank(getattr(s, k)) for k in _RATING_COLUMNS]] for s in state.standings]
    return head, rows


# after the older columns, so a reader of the earlier CSV finds its columns where they were
_RATING_COLUMNS = ("rank_lo", "rank_hi", "p_best", "margin", "lc", "lc_lo", "lc_hi")


def summary_rows(state: LeagueState) -> tuple[list[str], list[list[Any]]]:
    """The robustness summary as key, value rows (lists joined by '; ')."""
    if state.summary is None:
        return ["key", "value"], []
    rows: list[list[Any]] = []
    for k, v in state.summary.model_dump(mode="json").items():
        if k == "style":
            for e in v:
                rows.append([f"style.{e['feature']}", f"{e['beta']} [{e['lo']}, {e['hi']}]"])
        else:
            rows.append([k, "; ".join(map(str, v)) if isinstance(v, list) else _blank(v)])
    return ["key", "value"], rows


def _blank(v: Any) -> Any:
    return "" if v is None else v


def categories_rows(state: LeagueState) -> tuple[list[str], list[list[Any]]]:
    """One row per debater and motion category: the per-topic profile, in standings order."""
    dims = sorted({d for s in state.standings for c in s.categories.values() for d in c.dimensions})
    head = ["name", "category", "debates", "wins", *dims]
    rows = [[s.name, cat, rec.debates, rec.wins, *[rec.dimensions.get(d, "") for d in dims]]
            for s in state.standings for cat, rec in sorted(s.categories.items())]
    return head, rows



def debates_rows(state: LeagueState) -> tuple[list[str], list[list[Any]]]:
    four = state.format is not None and state.format.four_sides
    seats = list(BP_SIDES) if four else ["pro", "con"]
    head = ["round", "debate", "motion", *seats, "winner", "result", "reason", "stage", "forfeit_cause"]
    if four:  # each debater's place, in seat order
        head[-2:-2] = [f"{x}_place" for x in BP_SIDES]
    rows = []
    for n in sorted(state.rounds):
        tournament = state.tournament_of(n)
        for p in state.rounds[n].draw.pairings:
            d = state.debates.get(p.debate_id)
            res = d.result if d else None
            places = [res.ranks.get(x, "") if res else "" for x in p.debaters] if four else []
            rows.append([n, p.debate_id, state.rounds[n].motion_id, *p.debaters,
                         res.winner or "" if res else "", res.result if res else "pending",
                         res.reason if res else "", *places, tournament.number if tournament else 1,
                         (res.forfeit_cause or "") if res else ""])
    return head, rows


TABLES = {"standings": standings_rows, "debates": debates_rows, "categories": categories_rows,
          "summary": summary_rows}

# Per call, for audits (`--table calls`): the call record is the store's, not the fold's.
# finish_reason is empty for calls stored before it was recorded; cached stays empty (the store
# keeps the calls made; a resume's replays of them are not rows) unless a writer records one.
CALL_COLUMNS = ["debate", "kind", "key", "debater", "model", "status", "latency_ms", "prompt_tokens",
                "completion_tokens", "cost_usd", "attempts", "finish_reason", "cached", "created"]


def call_kind(key: str) -> str:
    """What a call was for, from its key: "speech" (debate/turnN), "judge" (debate/judge/...)."""
    part = key.split("/")[1] if "/" in key else ""
    return "speech" if part.startswith("turn") else part or "other"


def calls_rows(calls: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """`Store.call_rows()` as a table: the columns above, then any other a writer recorded."""
    extra = sorted({k for c in calls for k in c} - set(CALL_COLUMNS))
    head = CALL_COLUMNS + extra
    rows = []
    for c in calls:
        key = str(c.get("key", ""))
        row = {**c, "debate": key.split("/", 1)[0], "kind": call_kind(key)}
        if "latency_ms" in row and row["latency_ms"] is not None:
            row["latency_ms"] = round(row["latency_ms"], 1)
        rows.append([_blank(row.get(k)) for k in head])
    return head, rows


def table_csv(head: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(head)
    w.writerows(rows)
    return buf.getvalue()


def _place(rank: float) -> str:
    """1.0 -> '1st'; a shared place of a forfeit (1.5) as its number."""
    n = int(rank)
    word = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}.get(n, f"{rank:g}")
    return word if rank == n else f"{rank:g}"


def table_json(head: list[str], rows: list[list[Any]]) -> str:
    return json.dumps([dict(zip(head, r)) for r in rows], indent=2, ensure_ascii=False) + "\n"


def to_csv(state: LeagueState, table: str = "standings") -> str:
    return table_csv(*TABLES[table](state))


def _md_cell(v: Any) -> str:
    return str(v).replace("|", "\\|").replace("\n", " ")


def to_markdown(state: LeagueState) -> str:
    out = [f"# {state.league}", ""]
    if not state.finished:
        out += ["_Tournament not finished: standings as of the last completed round._", ""]
    head, rows = standings_rows(state)
    out += ["## Standings", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    if state.summary is not None and state.summary.lines():
        out += ["", "## How far the standings can be trusted", ""]
        out += [f"- {_md_cell(line)}" for line in state.summary.lines()]
    if state.benched:  # judges the ballot checks took off the panel
        out += ["", "## Benched judges", ""]
        out += [f"- {j}: {_md_cell(why)}" for j, why in sorted(state.benched.items())]
    head, rows = categories_rows(state)
    if rows:
        out += ["", "## By motion category", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    for rnd in rounds_of(state):
        which = f" (tournament {rnd['stage']})" if len(state.tournaments) > 1 else ""
        out += ["", f"## Round {rnd['number']}{which}: {rnd['motion_text'] or rnd['motion']}", ""]
        if rnd["byes"]:
            out.append(f"Byes: {', '.join(rnd['byes'])}")
            out.append("")
        for d in rnd["debates"]:
            result = "forfeit (server outage)" if d["forfeit_cause"] == "outage" else d["result"]
            if "seats" in d:
                out.append(f"### {d['id']}: " + ", ".join(f"{name} ({side.upper()})" for side, name in d["seats"].items())
                           + f": {result}" + (", " + ", ".join(f"{_place(r)} {name}" for name, r in
                                                              sorted(d["ranks"].items(), key=lambda x: x[1]))
                                              if d["ranks"] else ""))
            else:
                win = d["winner"] or "none"
                out.append(f"### {d['id']}: {d['pro']} (pro) vs {d['con']} (con): {result}, winner {win}")
            out.append("")
            for s in d["speeches"]:
                flags = f" [{', '.join(s['flags'])}]" if s["flags"] else ""
                score = f", judges {s['judge_score']:g}" if s.get("judge_score") is not None else ""
                seat = f"{s['side'].upper()}, {s['role']}" if s.get("role") else s["side"]
                out.append(f"**{s['speaker']}** ({seat}, {s['kind']}, {s['words']} words{score}){flags}")
                out.append("")
                out.append("> " + s["text"].replace("\n", "\n> "))
                out.append("")
            for b in d["ballots"]:
                if b["failed"]:
                    out.append(f"- {b['judge']}: failed ({b['error']})")
                elif "ranks" in b:
                    order = sorted(b["ranks"], key=lambda side: b["ranks"][side])
                    sc = "; ".join(f"{side.upper()} rank {b['ranks'][side]:g}: " + ", ".join(
                        f"{k} {v:g}" for k, v in b["scores"].get(side, {}).items()) for side in order)
                    out.append(f"- {b['judge']}: {' > '.join(d['seats'][x] for x in order)} ({sc}). {b['reasons']}")
                else:
                    sc = "; ".join(f"{side}: " + ", ".join(f"{k} {v:g}" for k, v in b["scores"].get(side, {}).items())
                                   for side in ("pro", "con"))
                    out.append(f"- {b['judge']}: {b['winner']} ({sc}). {b['reasons']}")
            out.append("")
    return "\n".join(out) + "\n"
