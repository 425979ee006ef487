"""The errors a user sees: `UserError` means the setup is wrong and says how to fix it (the CLI
prints it and exits 2); `RunStopped` means a run stopped cleanly and can be resumed."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in the user's input: a file, a field, a flag. Printed without a traceback."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None) -> None:
        self.file, self.line, self.field, self.detail = file, line, field, message
        where = ""
        if file:
            where = f"{file}:{line}: " if line else f"{file}: "
        if field:
            where += f"{field}: "
        super().__init__(where + message)


class UserErrors(UserError):
    """Several mistakes found in one pass over a file: the CLI prints each on its own line.
    As a UserError it reads as its first mistake (file, line, field, detail)."""

    def __init__(self, errors: list[UserError], summary: str = "") -> None:
        self.errors = list(errors)
        self.summary = summary or (f"{len(self.errors)} errors; nothing was run"
                                   if len(self.errors) > 1 else "")
        first = self.errors[0]
        super().__init__(first.detail, file=first.file, line=first.line, field=first.field)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def raise_all(errors: list[UserError]) -> None:
    """Raise nothing, the one error, or all of them at once."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise UserErrors(errors)


class RunStopped(Exception):
    """The run stopped cleanly before finishing (interrupt, budget); it can be resumed."""

    def __init__(self, reason: str, exit_code: int = 130) -> None:
        self.reason, self.exit_code = reason, exit_code
        super().__init__(reason)
