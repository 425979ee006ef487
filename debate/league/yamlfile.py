"""Safe YAML loading that remembers where each value was, so errors can name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import UserError

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


def _line_index(node: yaml.Node | None, path: tuple = (), out: dict | None = None) -> dict:
    """Map each path (tuple of keys/indexes) to its 1-based line."""
    out = {} if out is None else out
    if node is None:
        return out
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[path + (key,)] = key_node.start_mark.line + 1
            _line_index(value_node, path + (key,), out)
            out[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_index(item, path + (i,), out)
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


def describe_validation(exc: ValidationError, path: Path, lines: dict) -> UserError:
    """Turn pydantic's first error into a UserError with file, line and dotted field."""
    errors = exc.errors()
    first = _describe_one(errors[0], path, lines)
    more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return UserError(first.detail + more, file=first.file, line=first.line, field=first.field)


def load_model(model: type[M], path: Path, *, context: dict | None = None) -> M:
    """Load a YAML file into a pydantic model; every failure becomes a UserError."""
    data, lines = load_yaml(path)
    if not isinstance(data, dict):
        raise UserError("expected a mapping of keys at the top level", file=str(path), line=1)
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        raise describe_validation(exc, path, lines) from None
