"""Coding, mixed into ``ReaderApp``: the code picker on a passage and the Codes tab's actions.

Codebook edits are single short SQLite writes, done on the UI thread; every refusal
from the store (a cycle, a name taken) is one notification.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import platformdirs
from textual import on
from textual.app import App
from textual.widgets import TabbedContent

from reader.core.bookmarks import Bookmark, BookmarkError, BookmarkStore, Code, compare
from reader.core.bookmarks.codebook import tree
from reader.core.model import Interview
from reader.ui.messages import CodedSpan, OpenPassage, Passage
from reader.ui.screens.code_passages import CodePassagesScreen
from reader.ui.screens.code_picker import CodePickerScreen
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.confirm import ConfirmScreen
from reader.ui.screens.note import NoteScreen
from reader.ui.text import counted
from reader.ui.widgets.codes_panel import CodesPanel
from reader.ui.widgets.conversation_view import ConversationView


class Coding(App[None]):
    """Action ``code_passage`` (key ``C``) and the answers to :class:`CodesPanel` requests.

    Relies on ReaderApp's ``_store_or_warn``, ``_target`` and ``_show_bookmarks``.
    """

    store: BookmarkStore | None
    bookmarks: list[Bookmark]
    _store_or_warn: Callable[[], BookmarkStore | None]
    _target: Callable[[], tuple[Interview, int, str, int] | None]
    _show_bookmarks: Callable[[list[Bookmark]], None]

    def _show_codes(self) -> None:
        """Refill the Codes tab from the store."""
        if self.store is None:
            return
        codes = self.store.codes()
        self.query_one(CodesPanel).set_codes(codes, self.store.code_usage())
        sidebar = self.query_one("#sidebar", TabbedContent)
        sidebar.get_tab("codes-tab").label = f"Codes ({len(codes)})"

    def _mark_coded(self) -> None:
        """Show the open interview's coded passages in the conversation view."""
        view = self.query_one(ConversationView)
        source = view.interview.source if view.interview else None
        colors = {c.name: c.color for c in self.store.codes()} if self.store else {}
        spans = tuple(
            CodedSpan(b.turn, b.start, b.end, colors.get(b.codes[0], ""), b.codes)
            for b in self.bookmarks
            if b.codes and not b.orphaned and source and b.source == Path(source).resolve()
        )
        view.set_coded(tuple(sorted(spans, key=lambda s: (s.turn, s.start))))

    def action_show_codes(self) -> None:
        """Open the Codes tab in the sidebar, focused."""
        self.screen_stack[0].set_class(True, "-sidebar-open")
        self.screen_stack[0].set_class(False, "-sidebar-closed")
        self.query_one("#sidebar", TabbedContent).active = "codes-tab"
        self.query_one(CodesPanel).focus()

    def action_code_passage(self) -> None:
        """Pick (or create) a code for the selection (``v``), else the current passage or
        the highlighted search hit; a selection across turns codes each turn's part."""
        pieces = self._selected_pieces()
        target = None if pieces else self._target()
        pieces = pieces or ([target] if target else [])
        store = self._store_or_warn() if pieces else None
        if not pieces or store is None:
            return

        def chosen(name: str | None) -> None:
            if name:
                self._write(lambda s: self._code(s, pieces, name))
                self.query_one(ConversationView).action_end_selection()

        quote = " … ".join(piece[2] for piece in pieces)
        self.push_screen(CodePickerScreen("Code this passage", store.codes(), quote=quote), chosen)

    def _selected_pieces(self) -> list[tuple[Interview, int, str, int]]:
        """(interview, turn, quote, start) per turn of the view's selection, if focused."""
        view = self.query_one(ConversationView)
        if self.focused is not view or view.interview is None:
            return []
        turns = view.interview.turns
        return [(view.interview, t, turns[t].text[s:e], s) for t, s, e in view.selected()]

    def _code(
        self, store: BookmarkStore, pieces: list[tuple[Interview, int, str, int]], name: str
    ) -> str:
        """Code each piece: its bookmark if it has one, else a new coded bookmark."""
        if all(code.name.casefold() != name.casefold() for code in store.codes()):
            store.add_code(name)
        for interview, turn, quote, start in pieces:
            source = Path(interview.source or "").resolve()
            same = [
                b
                for b in self.bookmarks
                if b.source == source and (b.turn, b.start, b.quote) == (turn, start, quote)
            ]
            if same:
                store.code(same[0].id, [name])
            else:
                store.add(interview, turn, quote, start=start, codes=[name])
        return f"Coded “{name}”"

    def _write(self, change: Callable[[BookmarkStore], object]) -> None:
        """Apply one change to the store, say how it went, and show the result."""
        store = self._store_or_warn()
        if store is None:
            return
        try:
            message = change(store)
        except BookmarkError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if isinstance(message, str):
            self.notify(message, markup=False)
        self._show_bookmarks(store.list())

    @on(CodesPanel.Requested)
    def _code_requested(self, message: CodesPanel.Requested) -> None:
        store = self._store_or_warn()
        if store is None:
            return
        code = message.code
        if message.action == "add":
            self._ask_name("New code", "", lambda name: store.add_code(name))
        elif code is None:
            return
        elif message.action == "rename":
            self._ask_name("Rename the code", code.name, lambda n: store.rename_code(code.name, n))
        elif message.action == "passages":
            self.push_screen(CodePassagesScreen(code, store.list(code=code.name)), self._jump)
        else:
            self._pick_other(store, code, message.action)

    def _ask_name(self, title: str, current: str, save: Callable[[str], object]) -> None:
        """Ask for a code's name, save it, and put the Codes tab's cursor on it."""

        def answered(name: str | None) -> None:
            if name:
                self._write(lambda _store: save(name))
                self.query_one(CodesPanel).select(name.strip())

        placeholder = "The code's name"
        self.push_screen(NoteScreen(title, current, current, placeholder=placeholder), answered)

    def _pick_other(self, store: BookmarkStore, code: Code, action: str) -> None:
        """Move under, merge into, or delete (each asks for what it needs)."""
        others = [c for c in store.codes() if c.id != code.id]
        used = store.code_usage().get(code.id, (0, 0))[0]

        def delete(yes: bool | None) -> None:
            if yes:
                self._write(lambda s: s.remove_code(code.name, force=True))

        def move(parent: str | None) -> None:
            if parent is not None:
                self._write(lambda s: s.move_code(code.name, parent or None))

        def merge(target: str | None) -> None:
            def confirmed(yes: bool | None) -> None:
                if yes and target:
                    self._write(lambda s: s.merge_codes(code.name, target))

            if target:
                question = (
                    f"Merge “{code.name}” into “{target}”? Its {counted(used, 'passage')}"
                    " and sub-codes move there."
                )
                self.push_screen(ConfirmScreen(question), confirmed)

        if action == "delete":
            question = f"Delete the code “{code.name}”?"
            if used:
                question += f" {counted(used, 'passage')} have it; they stay, without it."
            self.push_screen(ConfirmScreen(question), delete)
        elif action == "move":
            title = f"Put “{code.name}” under…"
            picker = CodePickerScreen(title, others, allow_new=False, allow_top=True)
            self.push_screen(picker, move)
        elif action == "merge":
            title = f"Merge “{code.name}” into…"
            self.push_screen(CodePickerScreen(title, others, allow_new=False), merge)

    def _jump(self, bookmark: Bookmark | None) -> None:
        if bookmark is None:
            return
        passage = (
            None if bookmark.orphaned else Passage(bookmark.turn, bookmark.start, bookmark.end)
        )
        self.post_message(OpenPassage(bookmark.source, passage))

    def action_compare_codes(self) -> None:
        """The comparison screen over every coded passage."""
        if self.store is None:
            return
        codes = [code.name for code, _ in tree(self.store.codes())]
        tables = [
            compare.by_interview(self.bookmarks, codes),
            compare.by_speaker(self.bookmarks, codes),
            compare.overlaps(self.bookmarks, codes),
        ]
        self.push_screen(CompareScreen(tables))

    def action_export_table(self) -> None:
        """Write the comparison screen's shown table as CSV: here, else in Documents."""
        screen = self.screen
        if not isinstance(screen, CompareScreen):
            return
        table = screen.shown()
        name = f"{table.name}.csv"
        if self.is_web:
            self.deliver_text(io.StringIO(table.to_csv()), save_filename=name)
            self.notify(name, title="Downloading", markup=False)
            return
        for folder in (Path.cwd(), Path(platformdirs.user_documents_dir())):
            try:
                (folder / name).write_text(table.to_csv(), encoding="utf-8", newline="")
            except OSError as error:
                failure = error
                continue
            self.notify(str(folder / name), title="Exported", markup=False)
            return
        self.notify(f"Export failed: {failure}", severity="error", markup=False)
