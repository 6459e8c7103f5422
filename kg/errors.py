"""The exceptions statekg raises; the CLI turns each into one line on stderr and an exit code."""


class StateKGError(Exception):
    """Base class: a problem the user can act on, with a one-line message."""

    exit_code = 1


class InputError(StateKGError):
    """An input file or line that cannot be read as an article or as facts."""

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {problem}")
        self.source = source
        self.line = line
        self.problem = problem


class UsageError(StateKGError):
    """A bad parameter, an unknown name, a malformed query."""

    exit_code = 2
