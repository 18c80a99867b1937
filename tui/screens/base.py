"""What every modal screen of the app shares."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Modal(ModalScreen[ResultType]):
    def _close(self, result: ResultType | None = None) -> None:
        # Keys typed fast can ask a screen to close twice; only the screen on top may close.
        if self.is_current:
            self.dismiss(result)  # type: ignore[arg-type]
