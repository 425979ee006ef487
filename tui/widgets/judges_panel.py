"""Judges and motions: what the ballots and results in the state say, when there are any.

Only counts over the stored ballots: a judge's agreement with the panel's decision and its
share of votes for each side; each motion's side win rate. No rating is computed here.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ..text import plain, short
from ..viewstate import ViewState


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "–"


class JudgesPanel(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("Judges", classes="panel-title")
        yield DataTable(id="judges-table", cursor_type="row", zebra_stripes=True)
        yield Static("Motions", classes="panel-title")
        yield DataTable(id="motions-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="judges-note", classes="dim-note")

    def on_mount(self) -> None:
        jt = self.query_one("#judges-table", DataTable)
        for label in ("judge", "ballots", "failed", "agrees with panel", "votes pro", "votes con",
                      "flags raised"):
            jt.add_column(label, key=label)
        mt = self.query_one("#motions-table", DataTable)
        for label in ("round", "motion", "debates", "pro wins", "con wins", "other", "pro win %"):
            mt.add_column(label, key=label)

    def show(self, vs: ViewState, filter_text: str = "") -> None:
        st = vs.state
        needle = filter_text.lower()
        per: dict[str, list[int]] = {j: [0, 0, 0, 0, 0, 0, 0] for j in vs.judges}
        for d in st.debates.values():
            decided = d.result.winner if d.result and d.result.result == "decided" else None
            side = ("pro" if decided == d.pro else "con") if decided else None
            for b in d.ballots:
                row = per.setdefault(b.judge, [0, 0, 0, 0, 0, 0, 0])
                row[0] += 1
                if b.failed:
                    row[1] += 1
                    continue
                if side is not None:
                    row[2] += b.winner == side
                    row[3] += 1
                row[4] += b.winner == "pro"
                row[5] += b.winner == "con"
                row[6] += len(b.flags)
        jt = self.query_one("#judges-table", DataTable)
        jt.clear()
        for name, (n, failed, agree, of, pro, con, flags) in per.items():
            if needle and needle not in name.lower():
                continue
            jt.add_row(plain(name, "bold"), _num(n), _num(failed), _num(f"{agree}/{of} {_pct(agree, of)}"),
                       _num(_pct(pro, pro + con)), _num(_pct(con, pro + con)), _num(flags), key=name)
        mt = self.query_one("#motions-table", DataTable)
        mt.clear()
        for n in sorted(st.rounds):
            r = st.rounds[n]
            if needle and needle not in r.motion_id.lower() and needle not in r.motion_text.lower():
                continue
            results = [d.result for p in r.draw.pairings
                       if (d := st.debates.get(p.debate_id)) is not None and d.result is not None]
            pro = sum(1 for x in results if x.result == "decided" and x.winner == x.pro)
            con = sum(1 for x in results if x.result == "decided" and x.winner == x.con)
            mt.add_row(_num(n), plain(short(f"{r.motion_id}  {r.motion_text}", 56)), _num(len(r.draw.pairings)),
                       _num(pro), _num(con), _num(len(results) - pro - con), _num(_pct(pro, pro + con)),
                       key=str(n))
        ballots = sum(v[0] for v in per.values())
        self.query_one("#judges-note", Static).update(
            Text("no ballots yet" if not ballots else
                 f"{ballots} ballots. 'agrees with panel' counts ballots whose winner matches the "
                 "decision; small samples say little.", style="dim"))


def _num(v: object) -> Text:
    return Text(str(v), justify="right")
