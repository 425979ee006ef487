"""`debate motions ...` end to end: exit codes, messages, files written, no litellm import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from debate.cli import main
from debate.domain.models import DebateResult, Draw, Pairing
from debate.packs import check_pack, commit
from debate.record.events import DebateDecided, RoundPaired, TournamentStarted
from debate.record.store import Store

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def mini(data_dir: Path) -> Path:
    return data_dir / "mini-pack.yaml"


def test_validate_lists_every_error_and_exits_2(tmp_path: Path, capsys, mini: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: t\ncolour: red\nmotions:\n  - {id: a, text: ''}\n  - {id: a, text: b}\n",
                   encoding="utf-8")
    code, out, err = run(capsys, "motions", "validate", mini, bad, tmp_path / "missing.yaml")
    assert code == 2
    assert f"ok: {mini}" in out
    assert f"{bad}:3: colour: unknown key" in err
    assert f"{bad}:5: motions.0.text: must not be empty" in err
    assert f"{bad}:6: motions.1.id: duplicate motion id 'a'" in err
    assert "missing.yaml: file not found" in err and "2 of 3 pack(s) invalid" in err
    assert run(capsys, "motions", "validate", mini)[0] == 0
    code, out, err = run(capsys, "motions", "validate", tmp_path)  # a directory: the packs in it
    assert code == 2 and "bad.yaml:3: colour" in err and "1 of 1 pack(s) invalid" in err


def test_lint(tmp_path: Path, capsys, mini: Path) -> None:
    code, out, _ = run(capsys, "motions", "lint", mini)
    assert code == 0 and f"{mini}:9: motions.0.category: category 'economy'" in out
    assert run(capsys, "motions", "lint", "--strict", mini)[0] == 1
    code, out, _ = run(capsys, "motions", "lint", "--strict", "--ignore", "lonely-category", mini)
    assert code == 0 and "warning" not in out
    code, out, _ = run(capsys, "motions", "lint", "--ignore", "lonely-category", mini, mini)
    assert out.count("[duplicate]") == 3
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    bad2 = tmp_path / "bad2.yaml"
    bad2.write_text("id: y\ntitle: t\nmotions: []\n", encoding="utf-8")
    code, _, err = run(capsys, "motions", "lint", bad, mini, bad2)
    assert code == 2 and "bad.yaml:1: title: required field is missing" in err
    assert "bad2.yaml:3: motions:" in err  # every invalid pack is reported, not just the first


def test_new_schema_show(tmp_path: Path, capsys) -> None:
    path = tmp_path / "sub" / "fresh.yaml"
    assert run(capsys, "motions", "new", path, "--title", "Fresh")[0] == 0
    assert "# " in path.read_text(encoding="utf-8")  # the scaffold explains itself
    code, _, err = run(capsys, "motions", "new", path)
    assert code == 2 and "already exists" in err
    assert run(capsys, "motions", "validate", path)[0] == 0
    assert run(capsys, "motions", "lint", "--strict", path)[0] == 0
    code, out, _ = run(capsys, "motions", "show", path, "universal-basic-income")
    assert code == 0 and "fresh/universal-basic-income" in out and "Arguments for con:" in out
    code, _, err = run(capsys, "motions", "show", path, "universal-income")
    assert code == 2 and "did you mean" in err
    code, out, _ = run(capsys, "motions", "schema")
    schema = json.loads(out)
    assert schema["additionalProperties"] is False and "motions" in schema["required"]
    assert "Motion" in schema["$defs"]


def test_seal_then_verify(tmp_path: Path, capsys, mini: Path) -> None:
    pack = tmp_path / "secret.yaml"
    pack.write_text(mini.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run(capsys, "motions", "seal", pack)
    digest = commit(check_pack(mini).pack).sha256
    assert code == 0 and out.startswith(f"sha256:{digest}  mini v1.0.0")
    sealed = tmp_path / "secret.commitment.json"
    assert json.loads(sealed.read_text(encoding="utf-8"))["sha256"] == digest
    code, _, err = run(capsys, "motions", "seal", pack)
    assert code == 2 and "already exists" in err
    link, target = tmp_path / "link.json", tmp_path / "target.json"
    target.write_text("", encoding="utf-8")
    link.symlink_to(target)
    assert run(capsys, "motions", "seal", pack, "-o", link, "--force")[0] == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["sha256"] == digest
    assert run(capsys, "motions", "verify", pack, sealed)[0] == 0
    assert run(capsys, "motions", "verify", pack, f"sha256:{digest}")[0] == 0
    pack.write_text(pack.read_text(encoding="utf-8").replace("sugary drinks.", "fizzy drinks."),
                    encoding="utf-8")
    code, out, _ = run(capsys, "motions", "verify", pack, sealed)
    assert code == 1 and "MISMATCH" in out and "hash differs" in out
    code, _, err = run(capsys, "motions", "verify", pack, "not-a-hash")
    assert code == 2 and "neither a file nor a SHA-256" in err
    (tmp_path / "junk.json").write_text("{", encoding="utf-8")
    code, _, err = run(capsys, "motions", "verify", pack, tmp_path / "junk.json")
    assert code == 2 and "not a commitment file" in err


MINIMAL_CONFIG = {"name": "t", "rounds": 1, "debaters": [{"name": "a", "model": "house/club"},
                                                        {"name": "b", "model": "house/club"}]}


def fake_db(path: Path, pack_hash: str, outcomes: dict[str, list[str]]) -> Path:
    """A results database holding decided debates, written through the real event store."""
    with Store(path) as store:
        store.append(TournamentStarted(league="t", config=MINIMAL_CONFIG, packs={"mini": pack_hash}))
        i = 0
        for motion, winners in outcomes.items():
            for w in winners:
                i += 1
                pairing = Pairing(debate_id=f"r{i}-0", pro="a", con="b")
                store.append(RoundPaired(round=i, motion_id=f"mini/{motion}",
                                         draw=Draw(round=i, pairings=[pairing])))
                store.append(DebateDecided(result=DebateResult(
                    debate_id=pairing.debate_id, round=i, motion_id=f"mini/{motion}", pro="a",
                    con="b", winner={"pro": "a", "con": "b"}[w], result="decided")))
    return path


def test_stats_across_databases(tmp_path: Path, capsys, mini: Path) -> None:
    h = commit(check_pack(mini).pack).sha256
    db1 = fake_db(tmp_path / "one.db", h, {"four-day-week": ["pro"] * 7, "ban-homework": ["pro", "con"]})
    db2 = fake_db(tmp_path / "two.db", "0" * 64, {"four-day-week": ["pro"] * 5})
    code, out, err = run(capsys, "motions", "stats", mini, "--db", db1, "--db", db2)
    assert code == 0, err
    lines = {ln.split()[0]: ln for ln in out.splitlines()[1:]}
    assert lines["four-day-week"].split()[1:4] == ["12", "12", "0"]
    assert lines["four-day-week"].endswith("favours pro")
    assert lines["ban-homework"].endswith("inconclusive") and lines["(all)"].split()[1] == "14"
    assert "two.db: used a different version of pack 'mini'" in err
    code, out, _ = run(capsys, "motions", "stats", mini, "--db", db1, "--json")
    rows = {r["motion"]: r for r in json.loads(out)}
    assert rows["four-day-week"]["verdict"] == "inconclusive"  # 7 debates < 10
    assert rows["four-day-week"]["p_value"] == pytest.approx(2 / 128)
    code, _, err = run(capsys, "motions", "stats", mini, "--db", tmp_path / "none.db")
    assert code == 2 and "no such results database" in err
    code, out, _ = run(capsys, "export", db1, "-f", "json")
    assert json.loads(out)["league"]["packs"] == {"mini": h}  # the export shows the sealed hash
    assert run(capsys, "motions", "verify", mini, db1)[0] == 0
    assert run(capsys, "motions", "verify", mini, db2)[0] == 1


def test_try_runs_one_real_debate(capsys, mini: Path) -> None:
    code, out, err = run(capsys, "motions", "try", "mini/four-day-week", "--pack", mini,
                         "--pro", "house/champion", "--con", "house/novice",
                         "--judge", "house/judge", "--judge", "house/judge", "--judge", "house/judge")
    assert code == 0, err
    assert out.startswith("Motion mini/four-day-week: This House would adopt a four-day working week.")
    assert "--- 1. PRO opening" in out and "--- 6. CON closing" in out
    assert "--- ballots" in out and all(f"\njudge-{i}: " in out for i in (1, 2, 3))
    assert "\nresult: PRO" in out  # the champion beats the novice on three house judges


@pytest.mark.parametrize("args, expect", [
    (["nope", "--pack", "MINI", "--pro", "house/club", "--con", "house/club"], "no motion 'nope'"),
    (["four-day-wek", "--pack", "MINI", "--pro", "house/club", "--con", "house/club"], "did you mean"),
    (["four-day-week", "--pack", "MINI", "--pro", "club", "--con", "house/club"], "--pro: model must be"),
    (["four-day-week", "--pack", "MINI", "--pro", "house/club", "--con", "house/club",
      "--format", "nope"], "unknown format 'nope'"),
])
def test_try_bad_input(capsys, mini: Path, args: list[str], expect: str) -> None:
    code, _, err = run(capsys, "motions", "try", *[str(mini) if a == "MINI" else a for a in args])
    assert code == 2 and expect in err, err


def test_tournament_refuses_invalid_pack_and_writes_nothing(tmp_path: Path, capsys, mini: Path) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text(mini.read_text(encoding="utf-8").replace("difficulty", "dificulty", 1)
                    .replace("category: education", "category: education\n    difficulty: extreme"),
                    encoding="utf-8")
    league = tmp_path / "league.yaml"
    league.write_text("name: t\nrounds: 1\nmotions: [broken.yaml]\ndebaters:\n"
                      "  - {name: a, model: house/club}\n  - {name: b, model: house/novice}\n",
                      encoding="utf-8")
    code, _, err = run(capsys, "run", league, "--db", tmp_path / "out.db")
    assert code == 2 and "broken.yaml:" in err and "motions.1.difficulty" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "league.yaml"]


def test_authoring_commands_do_not_import_litellm(tmp_path: Path, mini: Path) -> None:
    db = fake_db(tmp_path / "r.db", "0" * 64, {"four-day-week": ["pro"]})
    script = f"""
import sys
from debate.cli import main
cmds = [["motions", "list"], ["motions", "show", {str(mini)!r}], ["motions", "schema"],
        ["motions", "new", {str(tmp_path / 'n.yaml')!r}], ["motions", "validate", {str(mini)!r}],
        ["motions", "lint", {str(mini)!r}], ["motions", "seal", {str(mini)!r}, "-o", {str(tmp_path / 'c.json')!r}],
        ["motions", "verify", {str(mini)!r}, {str(tmp_path / 'c.json')!r}],
        ["motions", "stats", {str(mini)!r}, "--db", {str(db)!r}], ["motions", "--help"]]
for c in cmds:
    try:
        main(c)
    except SystemExit as e:
        assert not e.code, (c, e.code)
print("LITELLM" if "litellm" in sys.modules else "CLEAN", file=sys.stderr)
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().endswith("CLEAN"), proc.stderr
