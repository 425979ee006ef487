"""The pinned install: constraints.txt pins every dependency pyproject.toml names, inside the
ranges pyproject.toml declares, and the README's install lines and CI use it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        assert sep, f"constraints.txt: {line!r} is not an exact pin (name==version)"
        pins[canonicalize_name(name)] = version
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs += extra
    return [Requirement(r) for r in reqs]


def test_every_declared_dependency_is_pinned_inside_its_range() -> None:
    pins = _pins()
    for req in _declared():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is in pyproject.toml but not pinned in constraints.txt"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"constraints.txt pins {req.name}=={pins[name]}, outside pyproject's {req.specifier}")


def test_readme_install_lines_and_ci_use_the_pins() -> None:
    readme = (ROOT / "README.md").read_text().splitlines()
    installs = [line for line in readme[:8] if re.match(r"python3 -m venv \.venv .*pip install", line)]
    assert len(installs) == 2, installs  # the demo line and the test line
    for line in installs:
        assert "-c constraints.txt" in line, line
    assert "-c constraints.txt" in (ROOT / ".ci" / "run").read_text()
