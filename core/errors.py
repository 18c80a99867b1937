"""Errors the core raises on bad input: each carries a one-line message fit to show a user."""

from __future__ import annotations


class ReportError(Exception):
    """Base of every error the core raises on purpose; ``str()`` is one line for the user."""


class ReadError(ReportError):
    """A report could not be read: names the file and the problem, in one line."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = " ".join(problem.split())  # one line, always
        super().__init__(f"{path}: {self.problem}")
