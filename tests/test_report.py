"""`debate report`: one self-contained HTML page from a league's record.

The page's structure (every debater, every debate, every link resolves), model text that stays
inert text however hostile, an empty and an interrupted league, the hooks that show what other
issues add once their data exists, and size growing linearly with the debates. Most tests lay the
page out without drawing its charts (they cost matplotlib seconds); one draws them.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_mod
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from debate.domain.models import Ballot, DebateResult, Draw, Pairing, Speech, Standing
from debate.domain.text import clean_text
from debate.league.config import LeagueConfig
from debate.league.resources import load_format
from debate.record.events import (BallotCast, DebateDecided, DebateStarted, RoundCompleted, RoundPaired,
                                  SpeechDone, TournamentStarted)
from debate.record.state import LeagueState, load_state, replay
from debate.record.store import Store
from debate.reports import gather as gather_mod
from debate.reports.charts import render as draw
from debate.reports.gather import gather
from debate.reports.html import render
from debate.testing import run_cli
from debate.testing.report_samples import HOSTILE, write_league

BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class Page(HTMLParser):
    """Start tags with their attributes, ids, links, and the text of each model-text block."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.model_texts: list[str] = []
        self.scripts: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, inside a model-text block)
        self._text: list[str] | None = None
        self._script: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self._script = []
        if tag in ("meta", "br", "input", "hr", "link", "img", "base"):
            return
        opens = "model-text" in (a.get("class") or "").split() and self._text is None
        if opens:
            self._text = []
        self._stack.append((tag, opens))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        while self._stack:
            t, opened = self._stack.pop()
            if opened and self._text is not None:
                self.model_texts.append("".join(self._text))
                self._text = None
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
        if self._script is not None:
            self._script.append(data)

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if a.get("id")}

    def of(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def _report(db: Path, **kw) -> tuple[LeagueState, str]:
    with Store(db, readonly=True) as store:
        state = load_state(store)
        html = render(gather(state, store, source=str(db)), **kw)
    return state, html


@pytest.fixture(scope="module")
def league_db(tmp_path_factory) -> Path:
    return write_league(tmp_path_factory.mktemp("report") / "league.db", debaters=9, rounds=3, words=60)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    return write_league(tmp_path_factory.mktemp("hostile") / "hostile.db", debaters=4, rounds=2,
                        hostile=True)


def test_every_debater_and_debate_is_on_the_page_and_every_link_resolves(league_db: Path) -> None:
    state, html = _report(league_db, charts=False)
    page = Page(html)
    ids = page.ids()
    debates = page.of("details", "debate")
    pairings = [p for r in state.rounds.values() for p in r.draw.pairings]
    assert len(debates) == len(pairings) == len(state.debates) > 0
    for p in pairings:  # each debate once, under its id, naming its debaters
        assert html.count(f'<span class="did">{p.debate_id}</span>') == 1
    for s in state.standings:
        assert f'href="#debater-{s.name}"' in html and f"debater-{s.name}" in ids
    assert {f"round-{n}" for n in state.rounds} <= ids
    links = {a["href"][1:] for t, a in page.tags if t == "a" and (a.get("href") or "").startswith("#")}
    assert links and links <= ids  # navigation, leaderboard names, debate links: all land somewhere
    assert [a["href"] for t, a in page.tags if t == "a" and not a["href"].startswith("#")] == []
    # every speech and reason is shown, as given
    texts = [s.text for d in state.debates.values() for s in sorted(d.speeches, key=lambda s: s.index)]
    reasons = [b.reasons for d in state.debates.values() for b in d.ballots]
    assert sorted(page.model_texts) == sorted(texts + reasons)
    assert len(ids) == len([a for _, a in page.tags if a.get("id")])  # no id twice


def _shown(text: str) -> str:
    """What the page shows for model text: control codes dropped, direction controls named."""
    return BIDI.sub(lambda m: f"U+{ord(m.group()):04X}", clean_text(text))


def test_hostile_model_text_stays_inert_text(hostile_db: Path) -> None:
    state, html = _report(hostile_db, charts=False)
    page = Page(html)
    assert len(page.of("script")) == 1 and len(page.of("style")) == 1  # ours only
    for tag in ("img", "iframe", "link", "base", "object", "embed", "textarea", "svg", "form"):
        assert page.of(tag) == [], tag
    assert {a.get("http-equiv") or a.get("charset") or a.get("name") for a in page.of("meta")} == {
        "Content-Security-Policy", "utf-8", "referrer", "viewport", "generator"}
    assert [a for _, a in page.tags if any(k.startswith("on") for k in a)] == []
    assert [a for a in page.of("a") if not (a.get("href") or "").startswith("#")] == []
    # each hostile text is on the page as the text it is
    given = [s.text for d in state.debates.values() for s in sorted(d.speeches, key=lambda s: s.index)]
    given += [b.reasons for d in state.debates.values() for b in d.ballots]
    assert set(given) <= set(HOSTILE)
    assert sorted(page.model_texts) == sorted(_shown(t) for t in given)
    assert "\x1b" not in html and not BIDI.search(html)
    assert "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html
    # the one script is the one the policy allows, and the policy allows nothing else to load
    csp = page.of("meta")[0]["content"] if page.of("meta")[0].get("http-equiv") else \
        next(a["content"] for a in page.of("meta") if a.get("http-equiv"))
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert "window.__pwned" not in page.scripts[0]


def test_charts_are_inline_vector_svg_that_load_nothing(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run_cli("report", str(hostile_db), "-o", str(out)) == 0
    html = out.read_text(encoding="utf-8")
    page = Page(html)
    svgs = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    figures = page.of("figure")
    assert len(svgs) == len(figures) >= 6  # forest, three heatmaps, head to head, history, ...
    for svg in svgs:
        assert "<image" not in svg and "<script" not in svg and "@import" not in svg
        assert not re.search(r'(?:href|src)="(?!#)', svg)  # references only inside the page
        assert "<metadata" not in svg and "<!DOCTYPE" not in svg
    ids = [a["id"] for _, a in page.tags if a.get("id")]
    assert len(ids) == len(set(ids))
    refs = set(re.findall(r'(?:url\(#|href="#)([^")]+)', html))
    assert refs <= set(ids)
    ours = re.sub(r'<div class="model-text">.*?</div>', "", html, flags=re.S)  # not model text
    assert "http://" not in re.sub(r'xmlns(?::\w+)?="http://www\.w3\.org/[^"]+"', "", ours)
    assert "https://" not in ours


def test_an_empty_database_renders(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    _, html = _report(db)
    assert "No tournament has started" in html and "No round has been paired yet" in html
    assert Page(html).of("details", "debate") == []


def test_a_tournament_with_no_round_yet_renders(tmp_path: Path, league_db: Path) -> None:
    with Store(league_db, readonly=True) as store:
        started = next(ev for _, ev in store.events() if isinstance(ev, TournamentStarted))
    db = tmp_path / "started.db"
    with Store(db) as store:
        store.append(started)
    _, html = _report(db)
    assert "No round has been completed yet" in html and "deb-009" in html
    assert "Not finished: no round completed yet" in html


def test_an_interrupted_tournament_renders_what_it_has(tmp_path: Path) -> None:
    db = write_league(tmp_path / "stopped.db", debaters=8, rounds=3, words=40, stop_in_round=2)
    state, html = _report(db, charts=False)
    assert not state.finished
    assert "Not finished: standings as of round 1; round 2 stopped with 2 of 4 debates decided" in html
    page = Page(html)
    assert len(page.of("details", "debate")) == 8
    pending = [d for d in state.debates.values() if d.result is None]
    assert len(pending) == 2 and html.count('<span class="tag pending">pending</span>') == 2
    half = next(d for d in pending if d.speeches)  # a debate stopped mid-way shows its speeches
    assert all(s.text in page.model_texts for s in half.speeches)
    assert "error: run stopped: interrupted" in html
    assert "round 2" in html and '<span class="tag pending">not completed</span>' in html


def test_report_size_grows_linearly_with_debates(tmp_path: Path) -> None:
    sizes = []
    for n in (8, 16, 32):
        db = write_league(tmp_path / f"s{n}.db", debaters=n, rounds=3, words=140, judges=3)
        state, html = _report(db, charts=False)
        sizes.append((len(state.debates), len(html.encode("utf-8"))))
    (d1, s1), (d2, s2), (d3, s3) = sizes
    per_debate = [(s2 - s1) / (d2 - d1), (s3 - s2) / (d3 - d2)]
    assert 0.85 < per_debate[1] / per_debate[0] < 1.15, sizes
    # A 256-debater league of 5 rounds, as the demo plays (640 debates, each six speeches of 140
    # words): the transcripts at the measured rate, and the charts, bounded by what they draw
    # (the top of the standings), which benchmarks/report_size.py measures at under 0.5 MB.
    assert s3 + (640 - d3) * max(per_debate) + 1_000_000 < 10_000_000, sizes


# --- hooks: what other issues add shows when its data exists ---------------------------------

def _state(db: Path) -> LeagueState:
    with Store(db, readonly=True) as store:
        return load_state(store)


_ISSUE_15 = ("rank_lo", "rank_hi", "p_best", "margin", "lc", "lc_lo", "lc_hi")


def test_rank_ranges_p_best_and_length_controlled_rating_show_when_recorded(league_db: Path) -> None:
    state = _state(league_db)
    assert {"rank range", "P(best)", "length-controlled"} <= set(gather(state).sections[0].lead.columns)
    # a database from before issue 15: none of them recorded, no column for them
    state.standings = [s.model_copy(update=dict.fromkeys(_ISSUE_15)) for s in state.standings]
    plain = gather(state)
    lead = plain.sections[0].lead
    assert not {"rank range", "P(best)", "margin", "length-controlled"} & set(lead.columns)
    assert all(v is None for v in plain.sections[0].figures[0].data["lc"])
    state.standings = [s.model_copy(update=dict(rank_lo=max(1, s.rank - 1), rank_hi=s.rank + 1,
                                                p_best=0.5 / s.rank, margin=2.0 - s.rank, lc=1000.0 - 10 * s.rank,
                                                lc_lo=990.0 - 10 * s.rank, lc_hi=1010.0 - 10 * s.rank))
                       for s in state.standings]
    report = gather(state)
    lead = report.sections[0].lead
    cols = lead.columns
    assert {"rank range", "P(best)", "margin", "length-controlled"} <= set(cols)
    first = dict(zip(cols, lead.rows[0]))
    assert (first["rank range"], first["P(best)"], first["margin"], first["length-controlled"]) == (
        "1-2", "50%", "1.00", "990 [980, 1000]")
    assert report.sections[0].figures[0].data["lc"][0] == 990.0
    forest = report.sections[0].figures[0]
    assert "Length-controlled" in draw(forest.kind, forest.data, "f")  # a third panel


def test_the_robustness_summary_shows_when_recorded(league_db: Path) -> None:
    state = _state(league_db)
    report = gather(state)
    lines = state.summary.lines()
    assert lines and report.sections[0].findings == lines
    assert lines[0].startswith("Rating mode: win-loss")
    assert f"<li>{html_mod.escape(lines[0], quote=False)}</li>" in render(report, charts=False)
    state.summary = None  # a database written before the summary existed
    assert gather(state).sections[0].findings == []


def test_benched_judges_and_human_agreement_show_when_recorded(league_db: Path, monkeypatch) -> None:
    state = _state(league_db)
    html = render(gather(state), charts=False)
    assert "benched judge" not in html and "Agreement of model judges with people" not in html
    state.benched = {"judge-2": "echoed the format in 40% of its reads"}  # issue 14
    from debate.domain.models import Ballot
    from debate.record.events import HumanBallotCast

    for d in list(state.debates.values())[:4]:  # issue 17: a person agrees with the panel every time
        if d.result is not None and d.result.winner:
            side = "pro" if d.result.winner == d.pro else "con"
            state.apply(HumanBallotCast(debate_id=d.debate_id, ballot=Ballot(judge="human:ann", winner=side)))
    html = render(gather(state), charts=False)
    assert "benched judge" in html and "echoed the format in 40% of its reads" in html
    assert "Agreement of model judges with people" in html and "ballots by 1 people" in html
    table = re.search(r"Agreement of model judges with people.*?</table>", html, re.S).group(0)
    assert "<td>panel</td>" in table.replace(' class="num"', "") and "100%" in table


def test_a_four_side_room_shows_every_seat_its_places_and_team_points() -> None:
    seats = {"og": "deb-001", "oo": "deb-002", "cg": "deb-003", "co": "deb-004"}
    ranks = {"deb-003": 1.0, "deb-001": 2.0, "deb-004": 3.0, "deb-002": 4.0}
    fmt = load_format("bp")
    config = LeagueConfig(name="bp", rounds=1, debaters=[{"name": n, "model": "house/club",
                                                          "params": {"seed": i}} for i, n in enumerate(seats.values())])
    table = [Standing(rank=i + 1, name=n, mu=25.0 - i, sigma=8.0, conservative=1.0 - i, wins=3 - i,
                      losses=i, team_points=4.0 - ranks[n], places=[int(ranks[n] == k) for k in (1, 2, 3, 4)])
             for i, n in enumerate(sorted(ranks, key=ranks.get))]
    state = replay([
        TournamentStarted(league="bp", config=config, format=fmt),
        RoundPaired(round=1, motion_id="general-en/m", motion_text="This House would.", category="culture",
                    draw=Draw(round=1, pairings=[Pairing(debate_id="r1-d1", seats=seats)])),
        DebateStarted(debate_id="r1-d1", round=1, pro="", con="", motion_id="general-en/m"),
        *[SpeechDone(debate_id="r1-d1", speech=Speech(index=i, side=t.side, speaker=seats[t.side], kind=t.kind,
                                                      text=f"speech {i}", words=2, word_limit=t.word_limit))
          for i, t in enumerate(fmt.turns)],
        BallotCast(debate_id="r1-d1", ballot=Ballot(judge="j", ranks={"cg": 1, "og": 2, "co": 3, "oo": 4},
                                                     scores={side: {"norms": 7.0} for side in seats})),
        DebateDecided(result=DebateResult(debate_id="r1-d1", round=1, motion_id="general-en/m", winner="deb-003",
                                          result="decided", seats=seats, ranks=ranks)),
        RoundCompleted(round=1, standings=table)])
    report = gather(state)
    [view] = report.rounds[0].debates
    assert view.sides == list(seats.items())
    assert view.outcome == "places: deb-003 1st, deb-001 2nd, deb-004 3rd, deb-002 4th"
    assert view.ballots[0].verdict == "deb-003 (cg) 1st, deb-001 (og) 2nd, deb-004 (co) 3rd, deb-002 (oo) 4th"
    assert [row[1] for row in view.scores.rows] == [f"{n} ({side})" for side, n in seats.items()]
    lead = report.sections[0].lead
    first = dict(zip(lead.columns, lead.rows[0]))
    assert (first["debater"].text, first["team points"], first["1st-2nd-3rd-4th"]) == ("deb-003", "3.0", "1-0-0-0")
    h2h = next(s for s in report.sections if s.key == "head-to-head").figures[0].data
    names, rec = h2h["names"], h2h["records"]
    assert rec[names.index("deb-003")][names.index("deb-002")] == [1, 0, 0]  # placed above it
    assert rec[names.index("deb-002")][names.index("deb-001")] == [0, 1, 0]
    motions = next(s for s in report.sections if s.key == "motions")
    # bench balance: the room counts for the bench of its first place (CG: Government)
    [balance] = motions.figures
    assert balance.data["share"] == [1.0] and balance.data["xlabel"] == "Government's share of first places"
    assert motions.tables[0].columns[4] == "gov-opp" and motions.tables[0].rows[0][4] == "1-0"
    html = render(report, charts=False)
    summary = re.search(r'<span class="did">r1-d1</span>(.*?)</summary>', html, re.S).group(1)
    assert all(f"<b class=\"side-{side}\">{name}</b> ({side})" in summary for side, name in seats.items())
