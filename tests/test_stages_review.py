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
