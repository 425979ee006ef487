"""Motion-pack logic without the CLI: validation, lint, balance statistics, seals."""

from __future__ import annotations

from math import comb
from pathlib import Path

import pytest

from debate.domain.models import DebateResult, Motion, MotionPack
from debate.league.resources import canonical_hash
from debate.packs import (LintInput, binomial_two_sided, check_commitment, check_pack, commit, lint_packs,
                          motion_balance, parse_commitment, parse_digest, scaffold, verdict)

BAD = """schema_version: 1
id: Bad Pack
title: ""
colour: red
motions:
  - id: a
    text: "   "
    difficulty: extreme
  - id: a
    text: This House would do a thing today.
    tags: notalist
  - id: b
    text: This House would do another thing.
    arguments: {pro: [{claim: x, evidnce: []}]}
"""


def write(tmp_path: Path, text: str | bytes, name: str = "pack.yaml") -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return p


# --- validation ---------------------------------------------------------------------------

def test_every_error_is_reported_with_line_and_field(tmp_path: Path) -> None:
    res = check_pack(write(tmp_path, BAD))
    got = [(e.line, e.field) for e in res.errors]
    assert got == [(2, "id"), (3, "title"), (4, "colour"), (7, "motions.0.text"),
                   (8, "motions.0.difficulty"), (9, "motions.1.id"), (11, "motions.1.tags"),
                   (14, "motions.2.arguments.pro.0.evidnce")]
    text = [str(e) for e in res.errors]
    assert any("pack.yaml:4: colour: unknown key" in t for t in text)
    assert any("motions.0.text: must not be empty" in t for t in text)
    assert any("duplicate motion id 'a' (first used at line 6)" in t for t in text)
    assert any("'Bad Pack' is not a valid id" in t for t in text)
    assert res.pack is None and not res.ok


def test_duplicate_ids_in_otherwise_valid_pack(tmp_path: Path, data_dir: Path) -> None:
    text = (data_dir / "mini-pack.yaml").read_text(encoding="utf-8")
    res = check_pack(write(tmp_path, text.replace("id: ban-homework", "id: four-day-week")))
    assert [(e.field, e.line) for e in res.errors] == [("motions.1.id", 26)]
    assert "first used at line 7" in str(res.errors[0])


@pytest.mark.parametrize("content, expect", [
    (b"id: x\ntitle: \xff\xfe\n", ["pack.yaml:2", "not valid UTF-8"]),
    ("id: x\ntitle: [a\nmotions: 3\n", ["pack.yaml:3", "YAML syntax error"]),
    ("id: x\nid: y\n", ["pack.yaml:2", "duplicate key 'id'"]),
    ("- just\n- a list\n", ["pack.yaml:1", "expected a mapping"]),
    ("", ["expected a mapping"]),
    ("id: x\ntitle: t\nmotions: []\n", ["pack.yaml:3", "motions", "at least 1"]),
    ("id: x\ntitle: t\nschema_version: 2\nmotions: [{id: a, text: b}]\n",
     ["pack.yaml:3", "schema_version"]),
])
def test_malformed_files(tmp_path: Path, content, expect) -> None:
    res = check_pack(write(tmp_path, content))
    assert res.errors and not res.ok
    msg = "\n".join(map(str, res.errors))
    for e in expect:
        assert e in msg, (e, msg)


def test_stock_like_pack_is_valid(data_dir: Path) -> None:
    res = check_pack(data_dir / "mini-pack.yaml")
    assert res.ok and len(res.pack.motions) == 3


def test_scaffold_is_valid_and_lint_clean(tmp_path: Path) -> None:
    path = write(tmp_path, scaffold("my-new-pack.yaml", title="Title: with colon", language="en"),
                 "my-new-pack.yaml")
    res = check_pack(path)
    assert res.ok, res.errors
    assert res.pack.id == "my-new-pack" and res.pack.title == "Title: with colon"
    assert lint_packs([LintInput(str(path), res.pack, res.lines)]) == []


# --- lint ---------------------------------------------------------------------------------

def pack(motions: list[dict], language: str = "en", pid: str = "p") -> MotionPack:
    return MotionPack(id=pid, title="T", language=language, motions=[Motion(**m) for m in motions])


def codes(*packs: MotionPack) -> list[tuple[str, str]]:
    items = [LintInput(f"{p.id}.yaml", p, {}) for p in packs]
    return sorted((w.code, w.field) for w in lint_packs(items))


BG = "Some shared facts for both sides."


def test_clean_motions_give_no_warning() -> None:
    p = pack([{"id": "a", "text": "This House would ban zoos.", "category": "c", "background": BG},
              {"id": "b", "text": "This House believes that cities should be car-free.",
               "category": "c", "background": BG}])
    assert codes(p) == []


@pytest.mark.parametrize("text, code", [
    ("Should we ban zoos in every country?", "question"),
    ("Is social media good for democracy", "question"),
    ("The pros and cons of nuclear power for the climate", "no-side"),
    ("This House would decide whether cities or towns matter more", "no-side"),
    ("Ban zoos", "length"),
    ("This House would " + "really " * 40 + "ban zoos", "length"),
    ("本院认为人工智能对人类的威胁大于机遇", "language"),
])
def test_each_weakness_is_flagged(text: str, code: str) -> None:
    p = pack([{"id": "a", "text": text, "category": "c", "background": BG},
              {"id": "b", "text": "This House would tax meat heavily.", "category": "c",
               "background": BG}])
    assert (code, "motions.0.text") in codes(p), codes(p)


def test_chinese_pack_checks() -> None:
    ok = "人工智能对人类的威胁大于机遇"
    p = pack([{"id": "a", "text": ok, "category": "c", "background": "许多研究者讨论过这个问题的各个方面。"},
              {"id": "b", "text": "人工智能是否会威胁人类的生存", "category": "c",
               "background": "This background is written in English instead."},
              {"id": "c", "text": "爱情是理性的还是感性的", "category": "c", "background": "背景资料在这里提供给双方。"}],
             language="zh-CN")
    got = codes(p)
    assert ("question", "motions.1.text") in got
    assert ("language", "motions.1.background") in got
    assert ("no-side", "motions.2.text") in got
    assert not [c for c in got if c[1].startswith("motions.0")]


def test_background_arguments_and_categories() -> None:
    p = pack([{"id": "a", "text": "This House would ban zoos.", "category": "animals"},
              {"id": "b", "text": "This House would tax meat heavily.", "category": "food",
               "background": BG, "arguments": {"pro": [{"claim": "Cuts emissions."}]}},
              {"id": "c", "text": "This House would subsidise farmers.", "category": "food",
               "background": BG}])
    assert codes(p) == [("lonely-category", "motions.0.category"), ("no-background", "motions.0.id"),
                        ("one-sided", "motions.1.arguments")]


def test_duplicates_within_and_across_packs() -> None:
    a = pack([{"id": "zoos", "text": "This House would ban zoos.", "background": BG},
              {"id": "ubi", "text": "This House would introduce a universal basic income.",
               "background": BG}], pid="a")
    b = pack([{"id": "zoos2", "text": "this house would BAN zoos", "background": BG},
              {"id": "ubi2", "text": "This House supports introducing a universal basic income.",
               "background": BG},
              {"id": "other", "text": "This House would abolish the monarchy.", "background": BG}],
             pid="b")
    items = [LintInput("a.yaml", a, {("motions", 0, "text"): 7}), LintInput("b.yaml", b, {})]
    warns = [w for w in lint_packs(items) if w.code in ("duplicate", "near-duplicate")]
    assert [(w.file, w.field, w.code) for w in warns] == [
        ("b.yaml", "motions.0.text", "duplicate"), ("b.yaml", "motions.1.text", "near-duplicate")]
    assert "a/zoos (a.yaml:7)" in warns[0].message
    zh = pack([{"id": "a", "text": "本院认为短视频的流行弊大于利。", "background": "背景资料在这里。"},
               {"id": "b", "text": "本院认为短视频的流行利大于弊。", "background": "背景资料在这里。"},
               {"id": "c", "text": "本院认为彩礼习俗弊大于利。", "background": "背景资料在这里。"}],
              language="zh", pid="zh")
    assert [(w.field, w.code) for w in lint_packs([LintInput("zh.yaml", zh, {})])
            if "duplicate" in w.code] == [("motions.1.text", "near-duplicate")]
    # Alone, each pack is free of duplicates.
    assert not [w for w in lint_packs(items[1:]) if "duplicate" in w.code]


# --- statistics ---------------------------------------------------------------------------

def brute_p(k: int, n: int) -> float:
    pmf = [comb(n, i) / 2 ** n for i in range(n + 1)]
    return min(1.0, sum(q for q in pmf if q <= pmf[k] * (1 + 1e-9)))


def test_binomial_matches_definition_and_known_values() -> None:
    for n in range(0, 31):
        for k in range(n + 1):
            assert binomial_two_sided(k, n) == pytest.approx(brute_p(k, n), rel=1e-12, abs=1e-15)
    assert binomial_two_sided(0, 10) == pytest.approx(2 / 1024)
    assert binomial_two_sided(2, 10) == pytest.approx(112 / 1024)
    assert binomial_two_sided(7, 20) == pytest.approx(0.263175964, rel=1e-8)  # scipy binomtest
    assert 0.0 <= binomial_two_sided(1200, 5000) < 1e-200  # huge n: no overflow
    with pytest.raises(ValueError):
        binomial_two_sided(11, 10)


def test_verdicts() -> None:
    assert verdict(9, 0)[1] == "inconclusive"  # p < 0.01, but below the sample floor
    assert verdict(10, 0)[1] == "favours pro"
    assert verdict(1, 11)[1] == "favours con"
    assert verdict(6, 4)[1] == "no significant bias"
    assert verdict(10, 0, min_debates=20)[1] == "inconclusive"


def result(i: int, motion: str, winner: str | None, kind: str = "decided") -> DebateResult:
    w = {"pro": "x", "con": "y", None: None}[winner]
    return DebateResult(debate_id=f"d{i}", round=1, motion_id=motion, pro="x", con="y",
                        winner=w, result=kind)


def test_motion_balance_counts_sides(data_dir: Path) -> None:
    mini = check_pack(data_dir / "mini-pack.yaml").pack
    rs = [result(i, "mini/four-day-week", "pro") for i in range(11)]
    rs += [result(20, "mini/four-day-week", "con"), result(21, "mini/four-day-week", None, "draw"),
           result(22, "mini/four-day-week", "con", "forfeit"), result(23, "other/four-day-week", "con"),
           result(24, "mini/gone", "pro"), result(25, "mini/ban-homework", "con")]
    rows, unknown = motion_balance(mini, rs)
    by = {r.motion_id: r for r in rows}
    fdw = by["four-day-week"]
    assert (fdw.pro_wins, fdw.con_wins, fdw.draws, fdw.forfeits) == (11, 1, 1, 1)
    assert fdw.verdict == "favours pro" and fdw.p_value == pytest.approx(binomial_two_sided(11, 12))
    assert by["ban-homework"].verdict == "inconclusive" and by["ban-homework"].con_wins == 1
    assert by["tax-sugary-drinks"].decided == 0 and by["tax-sugary-drinks"].pro_rate is None
    assert unknown == ["gone"]


# --- seal ---------------------------------------------------------------------------------

def test_seal_ignores_formatting_but_not_content(tmp_path: Path, data_dir: Path) -> None:
    text = (data_dir / "mini-pack.yaml").read_text(encoding="utf-8")
    original = check_pack(write(tmp_path, text, "a.yaml")).pack
    c = commit(original)
    assert c.sha256 == canonical_hash(original) and c.pack_id == "mini" and c.motions == 3
    reformatted = "# a new comment\n" + text.replace("title: Mini test pack", "title:   'Mini test pack'  # same")
    assert check_commitment(check_pack(write(tmp_path, reformatted, "b.yaml")).pack, c) == []
    changed = check_pack(write(tmp_path, text.replace("four-day working", "three-day working"), "c.yaml")).pack
    problems = check_commitment(changed, c)
    assert len(problems) == 1 and problems[0].startswith("hash differs")
    assert check_commitment(changed, c.sha256) != []


def test_commitment_round_trip_and_bad_files(data_dir: Path) -> None:
    p = check_pack(data_dir / "mini-pack.yaml").pack
    c = commit(p)
    back = parse_commitment(c.to_json())
    assert back.sha256 == c.sha256 and back.pack_id == "mini" and check_commitment(p, back) == []
    assert check_commitment(p.model_copy(update={"version": "2.0"}), back)[0].startswith("version differs")
    for bad in ("{", "[]", '{"kind": "other"}',
                '{"kind": "debate-motion-pack-commitment", "sha256": "abc"}'):
        with pytest.raises(ValueError):
            parse_commitment(bad)
    assert parse_digest("sha256:" + "A" * 64) == "a" * 64
    assert parse_digest("xyz") is None


def test_tournament_records_the_sealed_hash(mini_league_path: Path, data_dir: Path) -> None:
    from debate.league.config import load_league

    league = load_league(mini_league_path)
    assert league.pack_hashes() == {"mini": commit(check_pack(data_dir / "mini-pack.yaml").pack).sha256}


GOLDEN_PACK = """schema_version: 1
id: golden
title: A pack whose seal must never change
version: "1.0"
language: en
motions:
  - id: four-day-week
    text: This House would adopt a four-day working week.
    category: work
    background: Some firms have trialled it.
    arguments:
      pro: [{claim: Rested staff work better., evidence: [Trials reported steady output.]}]
      con: [{claim: Some services need cover every day., evidence: []}]
  - id: ban-homework
    text: This House would ban homework in primary schools.
"""


def test_published_seals_stay_valid(tmp_path: Path) -> None:
    """A seal is published before a tournament and checked after it, maybe by a newer release.

    The hash covers the validated pack, defaults included, so a field added to MotionPack or
    Motion with a default would change every pack's hash and break every published seal (and
    make every league database see "new motions", i.e. a new tournament). If this fails, leave
    the new field out of resources.canonical_hash's dump while it holds its default.
    """
    pack = check_pack(write(tmp_path, GOLDEN_PACK)).pack
    assert canonical_hash(pack) == "ec85e790dd7852dd749666e4c3e3607fe8903a3086c6a9d421a51a72b0dd01f1"
