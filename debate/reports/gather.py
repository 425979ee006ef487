"""Everything the HTML report shows, gathered once from the league's state and its store.

`gather` is the one place that decides what the report says: each section below turns the
fold (LeagueState) and the store's call record into tables of display text and figures of plain
values. The renderer (debate.reports.html) lays them out and draws the figures; it computes
nothing. Figures other issues are adding come through debate.reports.hooks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..domain.models import BP_SIDES
from ..record.state import LeagueState
from . import hooks
from .history import history_report
from .judges import judges_of
from .packs_check import pack_checks
from .provenance import provenance_section
from .report_model import Figure, Link, Report, RoundView, Section, Table, debates_unit, num, pct
from .transcripts import rounds_view

# Charts stay readable: beyond these, a chart shows the top of the standings and says so (the
# tables keep everyone).
FOREST_MAX = 64
HEATMAP_MAX = 40
H2H_MAX = 32
HISTORY_MAX = 12
Z95 = 1.959964


def gather(state: LeagueState, store: Any = None, *, packs: Sequence[Path] = (),
           source: str = "") -> Report:
    """The report of a league: `store` (a debate.record.store.Store, optional) adds cost, the
    call record and the time span of the events; `packs` are pack files to verify the recorded
    pack hashes against, beside the stock packs; `source` names the database in the provenance."""
    calls = store.call_rows() if store is not None else []
    span = store.time_span() if store is not None else None
    cost = _cost_by_debate(calls)
    rounds = rounds_view(state, cost)
    judges = judges_of(state)
    sections = [_leaderboard(state), _profiles(state), _head_to_head(state), _history(state),
                _judges(judges, state), _motions(state, packs), _flags(state, rounds),
                provenance_section(state, calls, source, span)]
    return Report(title=state.league or (Path(source).stem if source else "empty league"),
                  status=_status(state), facts=_facts(state, rounds, calls),
                  sections=[s for s in sections if s is not None], rounds=rounds,
                  warnings=[f"{n.level}: {n.message}" for n in state.notes if n.level != "info"])


# --- helpers ---------------------------------------------------------------------------------

def debater_anchor(name: str) -> str:
    return f"debater-{name}"


def _status(state: LeagueState) -> str:
    if not state.tournaments:
        return "No tournament has started in this database yet."
    done = [n for n, r in state.rounds.items() if r.completed]
    open_ = sorted(n for n, r in state.rounds.items() if not r.completed)
    if state.finished:
        return f"Finished: {len(done)} rounds played."
    line = (f"Not finished: standings as of round {max(done)}" if done
            else "Not finished: no round completed yet")
    if open_:
        r = state.rounds[open_[0]]
        decided = sum(1 for p in r.draw.pairings if (d := state.debates.get(p.debate_id)) and d.result)
        line += f"; round {open_[0]} stopped with {decided} of {len(r.draw.pairings)} debates decided"
    return line + f" (the league file asks for {state.planned_rounds} rounds)."


def _facts(state: LeagueState, rounds: list[RoundView], calls: list[dict]) -> list[tuple[str, str]]:
    debates = [d for r in rounds for d in r.debates]
    facts = [("debaters", str(len(state.debaters))), ("judges", str(len(state.judges))),
             ("rounds", str(len(state.rounds))), ("tournaments", str(len(state.tournaments))),
             (debates_unit(rounds), f"{sum(d.status != 'pending' for d in debates)} of {len(debates)} decided")]
    if calls:
        facts.append(("cost", f"${sum(c.get('cost_usd') or 0.0 for c in calls):.4f}"))
    if state.format is not None:
        facts.append(("format", state.format.id))
    return facts


def _cost_by_debate(calls: list[dict]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for c in calls:
        out[str(c.get("key", "")).split("/", 1)[0]] += c.get("cost_usd") or 0.0
    return dict(out)


# --- sections --------------------------------------------------------------------------------

def _leaderboard(state: LeagueState) -> Section:
    record = ("team points (3-2-1-0 a room), places and rooms per position"
              if any(s.team_points is not None for s in state.standings) else "wins-losses-draws")
    sec = Section("leaderboard", "Leaderboard",
                  "In the order of the league's rating mode: the Bradley-Terry posterior mean (Elo "
                  "scale) with its 95% credible interval, or in margin mode the judges' rubric "
                  "margins; the 95% range of each debater's place and its chance of being the "
                  "strongest; the length-controlled rating; TrueSkill's rating (mu - 3 sigma) with "
                  f"mu's 95% interval (mu ± 1.96 sigma); {record} over every tournament of the "
                  "league; the panel's mean score per rubric dimension. Databases written before "
                  "issue 15 are in TrueSkill's order with a bootstrap interval.")
    rows = state.standings
    if not rows:
        names = ", ".join(d.name for d in state.debaters) or "none"
        sec.notes.append(f"No round has been completed yet: no standings. Debaters: {names}.")
        return sec
    dims = state.dimensions()
    extras = {s.name: hooks.rating_extras(s) for s in rows}
    estimated = any(e.rank_lo is not None for e in extras.values())  # issue 15's figures stored
    trueskill = [("TrueSkill", lambda s: num(s.conservative), True),
                 ("mu [95%]", lambda s: _interval(s.mu, s.mu - Z95 * s.sigma, s.mu + Z95 * s.sigma, 1), True)]
    four = any(s.team_points is not None for s in rows)
    sec.lead = _columns(rows, [
        # (heading, the cell of a standings row, shown; every column but debater and model is
        # a number). A column of data the league does not record is left out. The columns of
        # what sorts the table come first: the rating mode's, or TrueSkill's in an old database.
        ("#", lambda s: str(s.rank), True),
        ("debater", lambda s: Link(s.name, debater_anchor(s.name)), True),
        ("model", lambda s: s.model, True),
        *([] if estimated else trueskill),
        ("margin", lambda s: num(extras[s.name].margin, 2), any(e.margin is not None for e in extras.values())),
        ("BT [95%]", lambda s: _interval(s.bt, s.bt_lo, s.bt_hi, 0), True),
        ("rank range", lambda s: _rank_range(extras[s.name]), estimated),
        ("P(best)", lambda s: pct(extras[s.name].p_best), any(e.p_best is not None for e in extras.values())),
        ("length-controlled", lambda s: _interval(extras[s.name].lc, extras[s.name].lc_lo,
                                                  extras[s.name].lc_hi, 0),
         any(e.lc is not None for e in extras.values())),
        *(trueskill if estimated else []),
        # a four-side (BP) room's record instead of W-L-D: team points, places, rooms per position
        ("W-L-D", lambda s: f"{s.wins}-{s.losses}-{s.draws}", not four),
        ("team points", lambda s: num(s.team_points), four),
        ("1st-2nd-3rd-4th", lambda s: "-".join(map(str, s.places)), four),
        ("OG-OO-CG-CO", lambda s: "-".join(str(s.positions.get(x, 0)) for x in BP_SIDES), four),
        ("byes", lambda s: str(s.byes), True),
        ("points", lambda s: num(s.points, 0), True),
        *[(d, lambda s, d=d: num(s.dimensions.get(d), 2), True) for d in dims]])
    shown = rows[:FOREST_MAX]
    sec.figures.append(Figure("forest", {
        "names": [s.name for s in shown],
        "mu": [s.mu for s in shown], "lo": [s.mu - Z95 * s.sigma for s in shown],
        "hi": [s.mu + Z95 * s.sigma for s in shown], "conservative": [s.conservative for s in shown],
        "bt": [s.bt for s in shown], "bt_lo": [s.bt_lo for s in shown], "bt_hi": [s.bt_hi for s in shown],
        "lc": [extras[s.name].lc for s in shown], "lc_lo": [extras[s.name].lc_lo for s in shown],
        "lc_hi": [extras[s.name].lc_hi for s in shown]},
        "Ratings with 95% intervals", _top_note(len(shown), len(rows))))
    sec.findings += hooks.robustness_lines(state)
    return sec


def _columns(rows: Sequence[Any], spec: list[tuple[str, Any, bool]]) -> Table:
    """A table from a column spec: (heading, cell of a row, shown); text columns are the
    debater's name and model, the rest numbers."""
    shown = [(head, cell) for head, cell, on in spec if on]
    return Table([h for h, _ in shown], [[cell(r) for _, cell in shown] for r in rows],
                 numeric=frozenset(i for i, (h, _) in enumerate(shown) if h not in ("debater", "model")))


def _rank_range(e: hooks.RatingExtras) -> str:
    if e.rank_lo is None:
        return ""
    return f"{e.rank_lo}" if e.rank_lo == e.rank_hi else f"{e.rank_lo}-{e.rank_hi}"


def _interval(v: float | None, lo: float | None, hi: float | None, digits: int) -> str:
    if v is None:
        return ""
    return f"{v:.{digits}f}" + (f" [{lo:.{digits}f}, {hi:.{digits}f}]" if lo is not None and hi is not None else "")


def _top_note(shown: int, total: int) -> str:
    return f"The top {shown} of {total} by rating; the table lists everyone." if shown < total else ""


def _profiles(state: LeagueState) -> Section | None:
    rows = state.standings
    if not rows:
        return None
    sec = Section("profiles", "Profiles",
                  "Where each debater is strong: the panel's mean score per rubric dimension, its "
                  "share of wins per motion category, and the whole field's mean score per "
                  "category and dimension (a field-wide weakness is the motions', not a debater's).")
    dims = state.dimensions()
    shown = rows[:HEATMAP_MAX]
    names = [s.name for s in shown]
    if dims and any(s.dimensions for s in shown):
        values = [[s.dimensions.get(d) for d in dims] for s in shown]
        means = [_mean([v[i] for v in values]) for i in range(len(dims))]
        sec.figures.append(Figure("heatmap", {
            "rows": names + ["field mean"], "cols": dims, "values": values + [means],
            "fmt": "{:.1f}", "cmap": "viridis", "label": "mean score"},
            "Mean score per rubric dimension", _top_note(len(shown), len(rows))))
    cats = sorted({c for s in rows for c in s.categories})
    if cats:
        values = [[(s.categories[c].wins / s.categories[c].debates) if c in s.categories
                   and s.categories[c].debates else None for c in cats] for s in shown]
        text = [[f"{round(s.categories[c].wins, 2):g}/{s.categories[c].debates}" if c in s.categories else ""
                 for c in cats] for s in shown]
        sec.figures.append(Figure("heatmap", {
            "rows": names, "cols": cats, "values": values, "text": text, "vmin": 0.0, "vmax": 1.0,
            "cmap": "RdYlGn", "label": "share of wins"},
            "Wins per motion category (wins/rooms; a room's win: the share of the other three beaten)"
            if any(s.places for s in rows) else "Wins per motion category (wins/debates)",
            _top_note(len(shown), len(rows))))
        from ..domain.profiles import field_profile, weak_spots

        fp = field_profile({s.name: s.categories for s in rows})
        fdims = [d for d in dims if any(d in v for v in fp.values())]
        if fdims:
            sec.figures.append(Figure("heatmap", {
                "rows": list(fp), "cols": fdims, "values": [[fp[c].get(d) for d in fdims] for c in fp],
                "fmt": "{:.1f}", "cmap": "viridis", "label": "field mean score"},
                "The field's mean score per motion category and dimension"))
        sec.notes += weak_spots({s.name: s.categories for s in rows})
    return sec


def _mean(xs: Sequence[float | None]) -> float | None:
    got = [x for x in xs if x is not None]
    return sum(got) / len(got) if got else None


def _head_to_head(state: LeagueState) -> Section | None:
    results = [r for r in state.results() if r.result != "forfeit"]
    if not results or not state.standings:
        return None
    names = [s.name for s in state.standings][:H2H_MAX]
    idx = {n: i for i, n in enumerate(names)}
    rec = [[[0, 0, 0] for _ in names] for _ in names]  # row's wins, losses, draws against column
    for r in results:
        for a, b, score in r.outcomes():  # one pair a debate; six in a four-side room
            if a not in idx or b not in idx:
                continue
            i, j = idx[a], idx[b]
            if score == 0.5:
                rec[i][j][2] += 1
                rec[j][i][2] += 1
            else:
                w, l = (i, j) if score == 1.0 else (j, i)
                rec[w][l][0] += 1
                rec[l][w][1] += 1
    sec = Section("head-to-head", "Head to head",
                  "Each row's record against each column (wins-losses, draws after a slash; in a "
                  "four-side room, placing above the other counts as a win); forfeits left out. In "
                  "a Swiss league most pairs never meet.")
    sec.figures.append(Figure("h2h", {"names": names, "records": rec}, "Head-to-head records",
                              f"The top {len(names)} of {len(state.standings)} by rating."
                              if len(names) < len(state.standings) else ""))
    return sec


def _history(state: LeagueState) -> Section | None:
    report = history_report(state)
    chains = report["chains"]
    if not any(e["history"] for c in chains for e in c):
        return None
    sec = Section("history", "Rating history",
                  "Each debater's rating (mu - 3 sigma) after every round; dotted lines mark where "
                  "a tournament of the league starts; a new version of a model (supersedes) goes on "
                  "from its predecessor's rating.")
    # current debaters by rank, then those who left the league, by their last rating
    rank = {s.name: s.rank for s in state.standings}
    last = {e["name"]: e["history"][-1]["conservative"] for c in chains for e in c if e["history"]}
    ordered = sorted((c for c in chains if any(e["history"] for e in c)),
                     key=lambda c: (min(rank.get(e["name"], 10**9) for e in c),
                                    -max(last.get(e["name"], -1e9) for e in c)))
    top = ordered[:HISTORY_MAX]
    series = [[{"name": e["name"], "points": [(h["round"], h["conservative"]) for h in e["history"]]}
               for e in c] for c in top]
    starts = [(t["first_round"], f"tournament {t['stage']}" + (f" {t['tournament']}" if t["tournament"] else ""))
              for t in report["stages"]]
    total = len(ordered)
    sec.figures.append(Figure("history", {"chains": series, "starts": starts},
                              "Rating after each round",
                              f"The top {len(top)} of {total} by rating." if len(top) < total else ""))
    versions = [c for c in chains if len(c) > 1]
    if versions:
        rows = []
        for c in versions:
            for old, new in zip(c, c[1:]):
                o = old["history"][-1]["conservative"] if old["history"] else None
                n = new["history"][-1]["conservative"] if new["history"] else None
                rows.append([old["name"], new["name"], new["model"], num(o), num(n),
                             "" if o is None or n is None else f"{n - o:+.1f}"])
        sec.tables.append(Table(["old version", "new version", "model", "old's last rating",
                                 "new's rating", "drift"], rows, numeric=frozenset({3, 4, 5}),
                                caption="Versions of a model: the new entry's rating against its "
                                        "predecessor's last one."))
    return sec


def _judges(report: dict[str, Any], state: LeagueState) -> Section | None:
    if not report["judges"]:
        return None
    four = "position_mean_rank" in report  # four-side rooms (British Parliamentary)
    sec = Section("judges", "Judges",
                  "How far the panel agrees and how biased each judge is. Each judge reads every "
                  "room in several presentation orders (Sides A-D lettered anew): consistency is the "
                  "share of ballots whose reads ranked the sides alike; 'gov' the share of reads "
                  "placing a Government side first (50% is unbiased); 'first' the share placing Side A "
                  "first (25% is unbiased); A-D the mean rank given to the side shown under each "
                  "letter (2.5 is unbiased)." if four else
                  "How far the panel agrees and how biased each judge is. Each judge reads every "
                  "debate in both presentation orders: consistency is the share of pairs of reads "
                  "with the same winner; 'pro' the share of reads for the Proposition; 'first' the "
                  "share for whichever side was shown first (50% is unbiased); 'len r' the "
                  "correlation of the length difference between the sides with its verdict.")
    w, s, p, lb = (report["winner_agreement"], report["score_agreement"],
                   report["position_consistency"], report["length_bias"])
    summary = [["Fleiss' kappa, " + ("first place" if four else "winner"), num(w["fleiss_kappa"], 3),
                f"{w['debates']} {'rooms' if four else 'debates'}"],
               ["Krippendorff's alpha, scores", num(s["krippendorff_alpha"], 3),
                f"{s['units']} units ({'room' if four else 'debate'} × side × dimension), interval"]]
    summary += [[f"alpha, {dim}", num(a, 3), ""] for dim, a in s["by_dimension"].items()]
    if four:
        summary += [["same ranking in every order", pct(p["rate"]), f"{p['pairs']} ballots of several reads"]]
    else:
        summary += [["position consistency", pct(p["rate"]), f"{p['pairs']} swapped pairs"],
                    ["length vs winning (r)", num(lb["correlation"], 3), f"{lb['debates']} decided debates"],
                    ["longer side won", pct(lb["longer_side_win_rate"]), ""]]
    if four:
        summary.append(["mean place by position", ", ".join(f"{x.upper()} {num(v, 2)}" for x, v in
                                                            report["position_mean_rank"].items()), "decided rooms"])
    sec.lead = Table(["figure", "value", "over"], summary, numeric=frozenset({1}))
    # failed reads (malformed, or stopped by the ballot gate) of all its reads, as `debate judges`
    cols = ["judge", "ballots", "failed reads", "split", "consistency", "gov" if four else "pro", "first",
            "with panel", *("ABCD" if four else ["len r"])]
    rows = [[r["judge"], str(r["ballots"]),
             f"{r['reads_failed']}/{r['reads_total']}" if "reads_failed" in r else str(r["failed"]),
             str(r["inconsistent"]), pct(r["consistency"]),
             pct(r["pro_rate"]), pct(r["first_position_rate"]), pct(r["agreement_with_panel"]),
             *([num(v, 2) for v in r["mean_rank_by_letter"].values()] if four
               else [num(r["length_correlation"], 2)])] for r in report["judges"]]
    sec.tables.append(Table(cols, rows, numeric=frozenset(range(1, len(cols)))))
    sec.figures.append(Figure("judges", {
        "judges": [r["judge"] for r in report["judges"]],
        "series": {"consistency": [r["consistency"] for r in report["judges"]],
                   "gov" if four else "pro": [r["pro_rate"] for r in report["judges"]],
                   "first": [r["first_position_rate"] for r in report["judges"]],
                   "with panel": [r["agreement_with_panel"] for r in report["judges"]]}},
        "Consistency and bias per judge", "50% marks no bench bias; 25% no bias to Side A."
        if four else "50% marks no side or position bias."))
    benched = hooks.benched_judges(state)
    if benched:
        sec.tables.append(Table(["benched judge", "why"], [[j, why] for j, why in benched],
                                caption="Judges the ballot quality gate took off the panel."))
    humans = hooks.human_agreement(report)
    if humans:
        keys = list(humans[0])
        h = report["humans"]
        sec.tables.append(Table(keys, [[_cell(r.get(k)) for k in keys] for r in humans],
                                caption=f"Agreement of model judges with people's ballots: "
                                        f"{h['human_ballots']} ballots by {len(h['humans'])} people on "
                                        f"{h['debates']} debates; agreement with the people's verdict (their "
                                        "majority under the panel's rule), Cohen's kappa with a 95% interval, "
                                        "score correlation per dimension, and the side, position or length "
                                        "biases a judge shows 10 points more than the people."))
    return sec


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    return "" if v is None else str(v)


_BENCH_VERDICT = {"favours pro": "favours Government", "favours con": "favours Opposition"}


def _motions(state: LeagueState, packs: Sequence[Path]) -> Section | None:
    if not state.tournaments:
        return None
    from ..packs.stats import MIN_DEBATES, results_balance, wilson_interval

    results = state.results()
    rooms = any(r.four_sides for r in results)  # a room counts for the bench of its first place
    sec = Section("motions", "Motions",
                  ("Bench balance per motion: how often a Government side (OG or CG) took first place in "
                   "the decided rooms" if rooms else
                   "Side balance per motion: how often the Proposition won the decided debates")
                  + ", with the exact two-sided binomial test against an even split (no verdict below "
                  f"{MIN_DEBATES} decided {'rooms' if rooms else 'debates'}); and each motion pack's "
                  "recorded SHA-256, recomputed from the pack where it can be found.")
    texts = {r.motion_id: r.motion_text for r in state.rounds.values()}
    cats = {r.motion_id: r.category for r in state.rounds.values()}
    balance = results_balance(results, texts)
    if balance:
        pro, con = ("gov", "opp") if rooms else ("pro", "con")
        sec.tables.append(Table(
            ["motion", "category", "text", "decided", f"{pro}-{con}", "draws", "forfeits", f"{pro} share", "p",
             "verdict"],
            [[b.motion_id, cats.get(b.motion_id, ""), b.text, str(b.decided), f"{b.pro_wins}-{b.con_wins}",
              str(b.draws), str(b.forfeits), pct(b.pro_rate), f"{b.p_value:.3g}",
              _BENCH_VERDICT.get(b.verdict, b.verdict) if rooms else b.verdict] for b in balance],
            numeric=frozenset({3, 5, 6, 7, 8})))
        cis = [wilson_interval(b.pro_wins, b.decided) for b in balance]
        sec.figures.append(Figure("balance", {
            "motions": [b.motion_id for b in balance], "share": [b.pro_rate for b in balance],
            "lo": [c[0] if c else None for c in cis], "hi": [c[1] if c else None for c in cis],
            "n": [b.decided for b in balance],
            **({"xlabel": "Government's share of first places"} if rooms else {})},
            "Government's share of first places, with 95% Wilson intervals" if rooms else
            "Proposition's share of decided debates, with 95% Wilson intervals"))
    checks = pack_checks(state, packs)
    if checks:
        sec.tables.append(Table(["tournament", "pack", "sha256", "verifies"],
                                [[str(c.tournament), c.pack_id, c.sha256, c.status] for c in checks],
                                caption="Publish the hash before a tournament (`debate motions seal`); "
                                        "anyone checks the reveal with `debate motions verify PACK DB`."))
    return sec


def _flags(state: LeagueState, rounds: list[RoundView]) -> Section | None:
    names = [s.name for s in state.standings] or [d.name for d in state.debaters]
    seen = {n: i for i, n in enumerate(names)}
    flags: dict[str, Counter] = defaultdict(Counter)
    debates: dict[str, list[Link]] = defaultdict(list)
    for r in rounds:
        for d in r.debates:
            for _, name in d.sides:
                debates[name].append(Link(d.debate_id, d.anchor))
                seen.setdefault(name, len(seen))
            for s in d.speeches:
                flags[s.speaker].update(s.flags)
    if not seen:
        return None
    kinds = sorted({f for c in flags.values() for f in c})
    sec = Section("debaters", "Flags and debates per debater",
                  "Speech flags each debater drew (overrun: cut at the word limit; "
                  "prompt_injection: addressed or instructed the judge; identity_leak: revealed its "
                  "model; other flags as the engine records them), and links to its debates.")
    rows = [[n, *[str(flags[n][k]) if flags[n][k] else "" for k in kinds], debates.get(n, [])]
            for n in seen]
    sec.tables.append(Table(["debater", *kinds, "debates"], rows,  # type: ignore[arg-type]
                            numeric=frozenset(range(1, len(kinds) + 1)),
                            row_anchors=[debater_anchor(n) for n in seen]))
    if not kinds:
        sec.notes.append("No speech was flagged.")
    return sec
