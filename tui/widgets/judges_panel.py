"""Judges and motions: the engine's judge figures (agreement, consistency, bias) and each
motion's side win rate, over whatever ballots and results the state holds so far.

The figures come from `debate.reports.judges.judges_of` (the same as `debate judges`); the panel only
lays them out, and says so when there are none yet or they cannot be computed.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from debate.domain.models import BENCH

from ..text import plain, short
from ..viewstate import ViewState

MIN_INTERVAL_S = 1.0  # the figures scan every ballot: recompute at most once a second


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "–"


def _f(v: object, pct: bool = False) -> str:
    if v is None:
        return "–"
    return f"{100 * float(v):.0f}%" if pct else f"{float(v):.3f}"  # type: ignore[arg-type]


class JudgesPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("Judges", classes="panel-title")
        yield Static("", id="judges-summary", classes="dim-note")
        yield DataTable(id="judges-table", cursor_type="row", zebra_stripes=True)
        yield Static("Motions", classes="panel-title")
        yield DataTable(id="motions-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="judges-note", classes="dim-note")

    def on_mount(self) -> None:
        self._last = 0.0
        self._pending = False
        self._latest: tuple[ViewState, str] | None = None  # the last show's arguments
        self._four: bool | None = None
        self._layout(False)

    def _layout(self, four: bool) -> None:
        """Four sides: a ballot's pick is its first place, and the benches stand for the sides."""
        if four == self._four:
            return
        self._four = four
        jt = self.query_one("#judges-table", DataTable)
        jt.clear(columns=True)
        # people judge two-side debates only (the blind queue leaves rooms out)
        people = () if four else ("agrees w/ people", "kappa vs people")
        for label in ("judge", "ballots", "failed", "split", "consistent",
                      "picks Gov" if four else "picks pro", "picks Side A", "agrees w/ panel",
                      "A-D rank" if four else "length r", *people):
            jt.add_column(label, key=label)
        mt = self.query_one("#motions-table", DataTable)
        mt.clear(columns=True)
        for label in ("round", "motion", "rooms" if four else "debates", "Gov 1st" if four else "pro wins",
                      "Opp 1st" if four else "con wins", "other", "Gov 1st %" if four else "pro win %"):
            mt.add_column(label, key=label)

    def show(self, vs: ViewState, filter_text: str = "") -> None:
        # A deferred repaint shows the latest call's arguments, not those of the call that
        # deferred it: typing a filter fast must end filtered by the whole text, not a prefix.
        self._latest = (vs, filter_text)
        now = time.monotonic()
        if now - self._last < MIN_INTERVAL_S:
            if not self._pending:
                self._pending = True
                self.set_timer(MIN_INTERVAL_S, self._later)
            return
        self._last = now
        needle = filter_text.lower()
        self._layout(vs.four_sides)
        self._judges(vs, needle)
        self._motions(vs, needle)

    def _later(self) -> None:
        self._pending = False
        self._last = 0.0
        if self._latest is not None:
            self.show(*self._latest)

    def _judges(self, vs: ViewState, needle: str) -> None:
        jt = self.query_one("#judges-table", DataTable)
        summary = self.query_one("#judges-summary", Static)
        jt.clear()
        if not any(d.ballots for d in vs.state.debates.values()):
            summary.update(Text("no ballots yet", style="dim"))
            return
        try:
            from debate.reports.judges import judges_of

            report = judges_of(vs.state)
        except Exception as exc:  # noqa: BLE001 - figures are a bonus; the rest of the tab still works
            summary.update(plain(f"judge figures unavailable: {exc}", "yellow"))
            return
        w, sc = report.get("winner_agreement", {}), report.get("score_agreement", {})
        pc, lb = report.get("position_consistency", {}), report.get("length_bias", {})
        line = Text()
        if "position_mean_rank" in report:  # rooms of four: first places, rankings, positions
            line.append(f"Fleiss' kappa (first place) {_f(w.get('fleiss_kappa'))} over {w.get('debates', 0)} rooms · ")
            line.append(f"Krippendorff's alpha (scores) {_f(sc.get('krippendorff_alpha'))} · ")
            line.append(f"same ranking in every order {_f(pc.get('rate'), True)} of {pc.get('pairs', 0)} ballots · ")
            line.append("mean place by position " + " ".join(
                f"{x.upper()} {v:.2f}" for x, v in report["position_mean_rank"].items() if v is not None))
        else:
            line.append(f"Fleiss' kappa (winner) {_f(w.get('fleiss_kappa'))} over {w.get('debates', 0)} debates · ")
            line.append(f"Krippendorff's alpha (scores) {_f(sc.get('krippendorff_alpha'))} · ")
            line.append(f"position consistency {_f(pc.get('rate'), True)} of {pc.get('pairs', 0)} swapped pairs · ")
            line.append(f"length vs winning r {_f(lb.get('correlation'))}, longer side won "
                        f"{_f(lb.get('longer_side_win_rate'), True)}")
        people = report.get("humans") or {}
        vs_people = {r["judge"]: r for r in people.get("judges", [])}
        if people:
            panel = people["panel"]
            line.append(f"\npeople: {people['human_ballots']} ballots on {people['debates']} debates · "
                        f"the panel agrees with their verdict {_f(panel['agreement'], True)} "
                        f"(kappa {_kappa(panel)}) · `debate judges` for the rest")
        for r in report.get("judges", []):
            if r.get("benched"):
                line.append(f"\n{r['judge']} benched: ", style="bold red")
                line.append(str(r["benched"]))
        summary.update(line)
        for r in report.get("judges", []):
            name = str(r.get("judge", ""))
            if needle and needle not in name.lower():
                continue
            label = plain(name, "bold")
            if r.get("benched"):
                label.append(" benched", style="bold red")
            failed = f"{r['reads_failed']}/{r['reads_total']} reads" if "reads_failed" in r else r.get("failed", 0)
            cells = [label, _num(r.get("ballots", 0)), _num(failed),
                     _num(r.get("inconsistent", 0)), _num(_f(r.get("consistency"), True)),
                     _num(_f(r.get("pro_rate"), True)), _num(_f(r.get("first_position_rate"), True)),
                     _num(_f(r.get("agreement_with_panel"), True)),
                     _num(" ".join("–" if v is None else f"{v:.1f}" for v in r["mean_rank_by_letter"].values())
                          if "mean_rank_by_letter" in r else _f(r.get("length_correlation")))]
            if not self._four:
                cells += [_num(_f(vs_people.get(name, {}).get("agreement"), True)),
                          _num(_kappa(vs_people.get(name, {})))]
            jt.add_row(*cells, key=name)

    def _motions(self, vs: ViewState, needle: str) -> None:
        st = vs.state
        mt = self.query_one("#motions-table", DataTable)
        mt.clear()
        for n in sorted(st.rounds):
            r = st.rounds[n]
            if needle and needle not in r.motion_id.lower() and needle not in r.motion_text.lower():
                continue
            results = [d.result for p in r.draw.pairings
                       if (d := st.debates.get(p.debate_id)) is not None and d.result is not None]
            won = [BENCH[x.side_of(x.winner)] for x in results if x.result == "decided" and x.winner]
            pro, con = won.count("pro"), won.count("con")
            mt.add_row(_num(n), plain(short(f"{r.motion_id}  {r.motion_text}", 56)), _num(len(r.draw.pairings)),
                       _num(pro), _num(con), _num(len(results) - pro - con), _num(_pct(pro, pro + con)),
                       key=str(n))
        self.query_one("#judges-note", Static).update(Text(
            "split: reads ranked the sides differently · picks: the side placed first · A-D rank: mean "
            "rank by letter (2.5 if unbiased) · small samples say little" if vs.four_sides else
            "split: verdicts flipped when the speeches were swapped · picks Side A: the side shown "
            "first · small samples say little", style="dim"))


def _kappa(r: dict) -> str:
    if r.get("kappa") is None:
        return "–"
    return f"{r['kappa']:.2f} [{r['kappa_lo']:.2f}, {r['kappa_hi']:.2f}]"


def _num(v: object) -> Text:
    return Text(str(v), justify="right")
