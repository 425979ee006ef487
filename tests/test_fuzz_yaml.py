"""Malformed league files, motion packs and rubrics never give a traceback: exit 2, a message.

Hypothesis mutates valid files three ways: raw text edits (broken YAML), values swapped for
random YAML values (wrong types, odd nesting), and arbitrary text. `--dry-run` loads and checks
everything a run would, and writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debate.cli import main

ROOT = Path(__file__).resolve().parent.parent
PACK = (ROOT / "tests/data/mini-pack.yaml").read_text(encoding="utf-8")
RUBRIC = (ROOT / "rubrics/standard.yaml").read_text(encoding="utf-8")
LEAGUE = """name: fuzz
rounds: 2
seed: 1
format: oxford
motions: [pack.yaml]
rubric: rubric.yaml
budget_usd: 5
debaters:
  - {name: a, model: house/club, params: {seed: 1}}
  - {name: b, model: house/novice, price: {input_per_mtok: 1, output_per_mtok: 2}}
judges:
  - {name: j, model: house/judge}
"""
FILES = {"league.yaml": LEAGUE, "pack.yaml": PACK, "rubric.yaml": RUBRIC}
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
                    st.sampled_from(["", "-", "~", "!!python/object:os.system", "../../etc/passwd",
                                     "house/", "a/b", "1e999", "\x00", "\u202e"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)
YAML_BITS = st.sampled_from([":", "- ", "{", "}", "[", "]", "&a", "*a", "!!python/name:os.system",
                             "!!binary", "\t", "\n", "  ", "'", '"', "#", "? ", "|", ">", "%YAML 1.1\n",
                             "<<: *a", "---\n", "\x85", "\ufeff"])


def check(tmp_path: Path, files: dict[str, str], capsys) -> int:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    db = tmp_path / "never.db"
    capsys.readouterr()
    try:
        main(["run", str(tmp_path / "league.yaml"), "--dry-run", "--db", str(db)])
        code = 0
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code in (0, 2), err
    if code == 2:
        assert err.startswith("error: ") and ".yaml" in err, err
    assert "Traceback" not in err
    assert not db.exists()
    return code


def test_the_unmutated_files_are_valid(tmp_path: Path, capsys) -> None:
    assert check(tmp_path, FILES, capsys) == 0  # so the fuzzing starts from a working setup


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


def _set(node, path, value):
    if not path:
        return value
    node[path[0]] = _set(node[path[0]], path[1:], value)
    return node


@pytest.mark.parametrize("target", sorted(FILES))
@FUZZ
@given(data=st.data())
def test_text_edits_never_crash(tmp_path_factory, capsys, target: str, data) -> None:
    text = FILES[target]
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, min(len(text), i + 40)))
        text = text[:i] + data.draw(st.one_of(YAML_BITS, st.text(max_size=6))) + text[j:]
    check(tmp_path_factory.mktemp("t"), {**FILES, target: text}, capsys)


@pytest.mark.parametrize("target", sorted(FILES))
@FUZZ
@given(data=st.data())
def test_wrong_values_never_crash(tmp_path_factory, capsys, target: str, data) -> None:
    doc = yaml.safe_load(FILES[target])
    paths = [p for p in _paths(doc) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p]
        doc = _set(doc, data.draw(st.sampled_from(paths)), data.draw(values))
    check(tmp_path_factory.mktemp("v"), {**FILES, target: yaml.safe_dump(doc, allow_unicode=True)}, capsys)


@pytest.mark.parametrize("target", sorted(FILES))
@FUZZ
@given(text=st.text(max_size=200))
def test_arbitrary_text_never_crashes(tmp_path_factory, capsys, target: str, text: str) -> None:
    check(tmp_path_factory.mktemp("a"), {**FILES, target: text}, capsys)


def test_unsafe_yaml_tags_are_refused(tmp_path: Path, capsys) -> None:
    evil = LEAGUE.replace("seed: 1", "seed: !!python/object/apply:os.system ['touch pwned']")
    check(tmp_path, {**FILES, "league.yaml": evil}, capsys)
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
