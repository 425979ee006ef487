"""A "billion laughs" (anchors of anchors) is refused at once, with the line of the alias, by
every command that reads YAML: league files, motion packs, formats and rubrics. Aliases that
repeat a value a few times still work."""

from __future__ import annotations

from pathlib import Path

import pytest

from debate.league.yamlfile import MAX_ALIAS_EXPANSION, load_yaml
from debate.testing import run_cli
from tests import DATA


def bomb(depth: int = 7, key: str = "x") -> str:
    """Nine values, then `depth - 1` levels of nine aliases each: 9**depth values expanded."""
    lines = [f'{key}0: &{key}0 [{", ".join(["lol"] * 9)}]']
    lines += [f"{key}{i}: &{key}{i} [{', '.join([f'*{key}{i - 1}'] * 9)}]" for i in range(1, depth)]
    return "\n".join(lines) + "\n"


LEAGUE = """name: laughs
rounds: 1
motions: [{pack}]
debaters:
  - {{name: a, model: house/club}}
  - {{name: b, model: house/novice}}
"""


def test_the_bomb_names_the_alias_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb())
    with pytest.raises(Exception) as info:
        load_yaml(path)
    err = info.value
    # 9**5 = 59,049 > 10,000 >= 9**4: the fifth level (line 5) is the first to blow up
    assert (err.file, err.line) == (str(path), 5), str(err)
    assert "aliases expand to" in str(err) and f"{MAX_ALIAS_EXPANSION:,}" in str(err)


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("a: 1\nb: &b [1, 2, *b]\n")
    with pytest.raises(Exception, match="recursive alias") as info:
        load_yaml(path)
    assert info.value.line == 2


def test_modest_aliases_still_work(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("base: &p {temperature: 0.7, max_tokens: 500}\n"
                    "x: *p\ny: *p\nz: [*p, *p]\n" + bomb(depth=4))  # 9**4 = 6,561 values
    data, lines = load_yaml(path)
    assert data["x"] == data["z"][1] == {"temperature": 0.7, "max_tokens": 500}
    assert lines[("y",)] == 3 and lines[("z",)] == 4


@pytest.mark.parametrize("where", ["league", "pack", "format", "rubric"])
def test_every_command_refuses_the_bomb(tmp_path: Path, capsys, where: str) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text((DATA / "mini-pack.yaml").read_text() + ("\n" + bomb(key="p") if where == "pack" else ""))
    league = LEAGUE.format(pack=pack)
    if where == "league":
        league += bomb()
    elif where in ("format", "rubric"):
        stock = Path(__file__).resolve().parent.parent / f"{where}s" / ("oxford.yaml" if where == "format"
                                                                        else "standard.yaml")
        (tmp_path / f"{where}.yaml").write_text(stock.read_text() + "\n" + bomb(key="q"))
        league += f"{where}: {where}.yaml\n"
    (tmp_path / "league.yaml").write_text(league)
    bad = {"league": "league.yaml", "pack": "pack.yaml", "format": "format.yaml",
           "rubric": "rubric.yaml"}[where]
    commands = [("run", "--db"), ("run", "--dry-run", "--db"), ("tui", "--db")]
    if where == "pack":
        commands += [("motions", "validate"), ("motions", "lint"), ("motions", "show"),
                     ("motions", "seal")]
    for cmd in commands:
        capsys.readouterr()
        args = [*cmd[:-1], str(tmp_path / "league.yaml"), cmd[-1], str(tmp_path / "out.db")] \
            if cmd[0] in ("run", "tui") else [*cmd, str(pack)]
        assert run_cli(*args) == 2, cmd
        err = capsys.readouterr().err
        assert f"{bad}:" in err and "aliases expand to" in err, (cmd, err)
        assert "Traceback" not in err
    assert not (tmp_path / "out.db").exists()
