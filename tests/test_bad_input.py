"""Bad input: one clear message naming file, line and field; exit 2; nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

GOOD = """name: t
rounds: 2
motions: [{pack}]
debaters:
  - {{name: a, model: house/club}}
  - {{name: b, model: house/novice}}
"""


def run(tmp_path: Path, text: str | None, *extra: str) -> subprocess.CompletedProcess:
    path = tmp_path / "league.yaml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "debate", "run", str(path), "--db",
                           str(tmp_path / "out.db"), *extra], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120)


@pytest.mark.parametrize("mutate, expect", [
    (lambda t: t.replace("rounds: 2", "rounds: 2\nroundz: 3"), ["league.yaml:3", "roundz", "unknown key"]),
    (lambda t: t.replace("rounds: 2", "rounds: [2"), ["league.yaml", "YAML syntax error"]),
    (lambda t: t + "format: nope\n", ["league.yaml:7", "format", "unknown format 'nope'", "oxford"]),
    (lambda t: t + "rubric: nope\n", ["rubric", "unknown rubric"]),
    (lambda t: t.replace("name: b,", "name: a,"), ["duplicate name 'a'"]),
    (lambda t: t.replace("  - {name: b, model: house/novice}\n", ""), ["debaters", "at least 2"]),
    (lambda t: t.replace("model: house/novice}", "model: house/novice, api_key_env: NOT_SET_ANYWHERE_X}"),
     ["league.yaml:6", "debaters.1.api_key_env", "NOT_SET_ANYWHERE_X is not set"]),
    (lambda t: t.replace("rounds: 2", "rounds: two"), ["league.yaml:2", "rounds"]),
    (lambda t: t.replace("model: house/club", "model: club"), ["debaters.0.model", "provider/name"]),
])
def test_bad_league_files(tmp_path: Path, data_dir: Path, mutate, expect) -> None:
    proc = run(tmp_path, mutate(GOOD.format(pack=data_dir / "mini-pack.yaml")))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    for e in expect:
        assert e in proc.stderr, (e, proc.stderr)
    assert not (tmp_path / "out.db").exists()


def test_missing_file(tmp_path: Path) -> None:
    proc = run(tmp_path, None)
    assert proc.returncode == 2 and "file not found" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_pack_names_league_line(tmp_path: Path) -> None:
    proc = run(tmp_path, GOOD.format(pack="nowhere/pack.yaml"))
    assert proc.returncode == 2 and "pack.yaml" in proc.stderr and "file not found" in proc.stderr


def test_foreign_db_is_refused_not_overwritten(tmp_path: Path, data_dir: Path) -> None:
    (tmp_path / "out.db").write_bytes(b"precious data, not sqlite")
    proc = run(tmp_path, GOOD.format(pack=data_dir / "mini-pack.yaml"))
    assert proc.returncode == 2 and "not a results database" in proc.stderr
    assert (tmp_path / "out.db").read_bytes() == b"precious data, not sqlite"


def test_non_utf8_league(tmp_path: Path) -> None:
    (tmp_path / "league.yaml").write_bytes(b"name: t\nrounds: 2\n\xff\xfe bad\n")
    proc = run(tmp_path, None)
    assert proc.returncode == 2 and "league.yaml:3" in proc.stderr and "UTF-8" in proc.stderr


EVERYTHING_WRONG = """name: bad
rounds: 2
roundz: 3
format: nope
motions: [{pack}, nowhere/pack.yaml, {pack}]
debaters:
  - {{name: a, model: house/club}}
  - {{name: a, model: house/grandmaster}}
  - {{name: c, model: openai/x, api_key_env: NOT_SET_ANYWHERE_X}}
  - {{name: d, model: house/club, timeout_s: -1}}
judges:
  - {{name: j, model: house/judge, supersedes: a}}
"""


def test_every_error_in_a_league_file_is_reported_at_once(tmp_path: Path, data_dir: Path) -> None:
    proc = run(tmp_path, EVERYTHING_WRONG.format(pack=data_dir / "mini-pack.yaml"))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    expected = [  # file:line: field: message, in file order, one line each
        ("league.yaml:3: roundz:", "unknown key"),
        ("league.yaml:4: format:", "unknown format 'nope'"),
        ("league.yaml:5: motions.1:", "file not found"),
        ("league.yaml:5: motions.2:", "already listed (motions.0)"),
        ("league.yaml:8: debaters.1.name:", "duplicate name 'a'"),
        ("league.yaml:8: debaters.1.model:", "unknown house model 'house/grandmaster'"),
        ("league.yaml:9: debaters.2.api_key_env:", "NOT_SET_ANYWHERE_X is not set"),
        ("league.yaml:10: debaters.3.timeout_s:", "greater than 0"),
        ("league.yaml:12: judges.0.supersedes:", "debaters only"),
    ]
    assert len(lines) == len(expected), proc.stderr
    for line, (where, what) in zip(lines, expected):
        assert where in line and what in line, (where, what, line)
    assert f"{len(expected)} errors" in proc.stderr
    assert not (tmp_path / "out.db").exists()


def test_errors_inside_a_pack_are_all_reported_with_its_lines(tmp_path: Path, data_dir: Path) -> None:
    pack = tmp_path / "pack.yaml"
    text = (data_dir / "mini-pack.yaml").read_text()
    pack.write_text(text.replace("title:", "titel:", 1).replace("category:", "categroy:", 1))
    proc = run(tmp_path, GOOD.format(pack=pack))
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) >= 3 and all("pack.yaml:" in line for line in lines), proc.stderr
    assert any("titel" in line for line in lines) and any("categroy" in line for line in lines)
