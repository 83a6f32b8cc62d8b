"""Errors a library caller can catch; the CLI turns each into one line on stderr."""


class MarsadError(Exception):
    """Base of every error Marsad raises on purpose."""


class InputError(MarsadError):
    """The input cannot be read as a document (missing, binary, undecodable, too large, empty...)."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = path or ""
        if path and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message


class StoreError(MarsadError):
    """The store cannot be opened or written."""
