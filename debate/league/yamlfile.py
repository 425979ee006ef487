"""Safe YAML loading that remembers where each value was, so errors can name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import UserError, raise_all

M = TypeVar("M", bound=BaseModel)
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"  # the pattern of domain.models.Slug


# libyaml's parser when present: the pure-Python one takes ~0.3 s for an 80 kB pack.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader that rejects duplicate keys; nodes keep their marks for the line index."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# Aliases may repeat a value, never blow it up: a "billion laughs" of 12 lines (anchors of
# anchors) expands to millions of values, which validation would walk one by one. A file whose
# aliases add more values than this is refused; no real pack, rubric or league comes near it.
MAX_ALIAS_EXPANSION = 10_000


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def check_aliases(root: yaml.Node | None, path: Path) -> None:
    """Refuse a document whose aliases expand past MAX_ALIAS_EXPANSION values, or refer to
    themselves. Linear in the composed graph: each node's expanded size is computed once."""
    if root is None:
        return
    size: dict[int, int] = {}
    distinct: set[int] = set()
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:  # post-order, iterative: a deep file must not exhaust Python's stack here
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in _children(node))
            continue
        if key in size:
            continue
        if key in active:
            raise UserError("an alias refers to the value that contains it (a recursive alias)",
                            file=str(path), line=node.start_mark.line + 1)
        active.add(key)
        distinct.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(_children(node)))
    if size[id(root)] - len(distinct) <= MAX_ALIAS_EXPANSION:
        return
    # Name the innermost value that blows up: descend while a child alone is over the bound.
    node = root
    while True:
        big = [c for c in _children(node) if size[id(c)] > MAX_ALIAS_EXPANSION]
        if not big:
            break
        node = big[0]
    first: dict[int, tuple[int, int]] = {}  # node -> (parent, index) where it first appears
    for parent in _walk(root):
        for i, child in enumerate(_children(parent)):
            first.setdefault(id(child), (id(parent), i))
    line, where = node.start_mark.line + 1, ""
    kids = _children(node)
    for i, child in enumerate(kids):
        if first.get(id(child)) != (id(node), i):  # an alias: its value appeared before
            if isinstance(node, yaml.MappingNode) and i % 2:
                line = kids[i - 1].start_mark.line + 1  # the key that holds the alias
            where = f" (an alias to the value of line {child.start_mark.line + 1})"
            break
    raise UserError(f"aliases expand to {size[id(node)]:,} values here{where}, more than the "
                    f"{MAX_ALIAS_EXPANSION:,} allowed: write the values out, or alias less",
                    file=str(path), line=line)


def _walk(root: yaml.Node) -> list[yaml.Node]:
    """Every distinct node once, in document order."""
    out, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        out.append(node)
        stack.extend(reversed(_children(node)))
    return out


def _line_index(root: yaml.Node | None) -> dict:
    """Map each path (tuple of keys/indexes) to its 1-based line. An alias's path gets the line
    that names it; what lies under it is not walked again (its values have their anchor's lines)."""
    out: dict = {}
    if root is None:
        return out
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        out.setdefault(path, node.start_mark.line + 1)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            items = [(key_node.value, key_node.start_mark.line + 1, value_node)
                     for key_node, value_node in node.value]
            for key, line, _ in items:
                out[path + (key,)] = line
            stack.extend((value_node, path + (key,)) for key, _, value_node in reversed(items))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, path + (i,)) for i, item in reversed(list(enumerate(node.value))))
    return out


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError("file not found", file=str(path)) from None
    except IsADirectoryError:
        raise UserError("is a directory, expected a YAML file", file=str(path)) from None
    except OSError as exc:
        raise UserError(f"cannot read: {exc.strerror}", file=str(path)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(f"not valid UTF-8 (byte {exc.start})", file=str(path), line=line) from None


def load_yaml(path: Path, text: str | None = None) -> tuple[Any, dict]:
    """Parse a YAML file safely; return the data and a path->line index."""
    text = read_text(path) if text is None else text
    try:
        # One parse: the composed node gives both the line index and the data.
        loader = _LineLoader(text)
        try:
            node = loader.get_single_node()
            check_aliases(node, path)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise UserError(f"YAML syntax error: {problem}", file=str(path), line=line) from None
    except yaml.YAMLError as exc:
        raise UserError(f"YAML error: {exc}", file=str(path)) from None
    except RecursionError:
        raise UserError("YAML nests too deeply", file=str(path)) from None
    return data, _line_index(node)


class FieldError(ValueError):
    """A model-level validator's error that belongs to one field: `at` is its location
    (e.g. ("judges",)), so the message names that field's line, not the top of the file."""

    def __init__(self, message: str, *at: str | int) -> None:
        super().__init__(message)
        self.at = at


def line_of(lines: dict, *path: Any) -> int | None:
    """The line of a dotted location in a file read by load_yaml: the nearest enclosing key
    that has one (a missing field points at its parent), else the top of the file."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _describe_one(err: Any, path: Path, lines: dict) -> UserError:
    loc = tuple(err["loc"])
    cause = err.get("ctx", {}).get("error")
    if isinstance(cause, FieldError):
        loc = loc + cause.at
    line = line_of(lines, *loc)
    field = ".".join(str(p) for p in loc) or "(top level)"
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "unknown key (not allowed here)"
    elif err["type"] == "missing":
        msg = "required field is missing"
    elif err["type"] == "string_too_short" and err.get("ctx", {}).get("min_length") == 1:
        msg = "must not be empty"
    elif err["type"] == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        msg = f"{err.get('input')!r} is not a valid id: use lower-case letters, digits and '-'"
    elif err["type"] == "value_error" and msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return UserError(msg, file=str(path), line=line, field=field)


def validation_errors(exc: ValidationError, path: Path, lines: dict) -> list[UserError]:
    """Every pydantic error as a UserError with file, line and dotted field, in file order."""
    out = [_describe_one(e, path, lines) for e in exc.errors()]
    return sorted(out, key=lambda e: e.line or 0)


def load_model(model: type[M], path: Path, *, context: dict | None = None) -> M:
    """Load a YAML file into a pydantic model; every failure becomes a UserError (several at
    once: UserErrors, each with its line)."""
    data, lines = load_yaml(path)
    if not isinstance(data, dict):
        raise UserError("expected a mapping of keys at the top level", file=str(path), line=1)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise_all(validation_errors(exc, path, lines))
        raise  # not reached: a ValidationError has at least one error
