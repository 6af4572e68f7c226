"""The app the snapshot tests (and scripts/screenshots.py) photograph.

The bundled corpus, with the text cursor's blink turned off so every frame is the same.
"""

from __future__ import annotations

from textual.widgets import Input

from reader.ui.app import ReaderApp


class SnapshotApp(ReaderApp):
    """ReaderApp with steady cursors."""

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = False


app = SnapshotApp()

if __name__ == "__main__":
    app.run()
