"""Several tournaments in one league database: what the review of the feature found."""

from __future__ import annotations

from pathlib import Path

from test_stages import DEBATERS, _calls, _league, _pack2, _seq, _state

from debate.testing import run_cli


def _refused(capsys, path: Path, db: Path, *words: str) -> None:
    """Exit 2, the league file named, the reasons given, nothing written to the database."""
    seq, calls = _seq(db), _calls(db)
    capsys.readouterr()
    assert run_cli("run", str(path), "--db", str(db), "-q") == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "Traceback" not in err
    for w in words:
        assert w in err
    assert _seq(db) == seq and _calls(db) == calls


def test_a_debater_back_in_a_resumed_tournament_keeps_its_model(tmp_path: Path, data_dir: Path,
                                                                capsys) -> None:
    db = tmp_path / "t.db"
    june = _league(tmp_path, "june", data_dir / "mini-pack.yaml", rounds=1)
    others = [d for d in DEBATERS if d["name"] != "nov"]
    july = _league(tmp_path, "july", _pack2(tmp_path, data_dir), rounds=1, debaters=others)
    assert run_cli("run", str(june), "--db", str(db), "-q") == 0
    assert run_cli("run", str(july), "--db", str(db), "-q") == 0
    # July continued with nov back under another model: its June rating is not that model's
    back = _league(tmp_path, "july2", _pack2(tmp_path, data_dir), rounds=2,
                   debaters=[*others, {"name": "nov", "model": "house/champion"}])
    _refused(capsys, back, db, "debater 'nov' changed model or params")
    # back as the same model, it rejoins July's tournament
    same = _league(tmp_path, "july3", _pack2(tmp_path, data_dir), rounds=2, debaters=DEBATERS)
    assert run_cli("run", str(same), "--db", str(db), "-q") == 0
    assert [s.number for s in _state(db).stages] == [1, 2]


def test_judging_is_kept_within_a_tournament_and_may_change_with_the_next(tmp_path: Path,
                                                                         data_dir: Path,
                                                                         capsys) -> None:
    import json
    import sqlite3

    db, pack = tmp_path / "j.db", data_dir / "mini-pack.yaml"
    assert run_cli("run", str(_league(tmp_path, "a", pack, rounds=1)), "--db", str(db), "-q") == 0
    for judging in ({"position_swap": False}, {"exclude_same_family": False},
                    {"speech_scores": True}):
        bad = _league(tmp_path, "b", pack, rounds=2, judging=judging)
        _refused(capsys, bad, db, f"judging changed ({{'position_swap': True", "b.yaml")
    # a new tournament may judge otherwise (judges themselves may change between tournaments)
    nxt = _league(tmp_path, "c", _pack2(tmp_path, data_dir), rounds=1,
                  judging={"position_swap": False})
    assert run_cli("run", str(nxt), "--db", str(db), "-q") == 0
    assert [s.number for s in _state(db).stages] == [1, 2]

    # a database written before `judging:` was in the league file still continues
    old = tmp_path / "old.db"
    assert run_cli("run", str(_league(tmp_path, "d", pack, rounds=1)), "--db", str(old), "-q") == 0
    con = sqlite3.connect(old)
    for seq, payload in con.execute("SELECT seq, payload FROM events WHERE type='tournament_started'"):
        ev = json.loads(payload)
        del ev["config"]["judging"]
        con.execute("UPDATE events SET payload=? WHERE seq=?", (json.dumps(ev), seq))
    con.commit()
    con.close()
    assert run_cli("run", str(_league(tmp_path, "e", pack, rounds=2)), "--db", str(old), "-q") == 0
    assert sorted(_state(old).rounds) == [1, 2]
