"""Coding, mixed into ``ReaderApp``: the code picker on a passage and the Codes tab's actions.

Codebook edits are single short SQLite writes, done on the UI thread; every refusal
from the store (a cycle, a name taken) is one notification.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import App
from textual.widgets import TabbedContent

from reader.core.bookmarks import Bookmark, BookmarkError, BookmarkStore, Code, reading_order
from reader.core.export import write_new
from reader.core.library import CodedPlace, Library
from reader.core.model import Interview
from reader.ui.compare import Table, compare_tables
from reader.ui.messages import CodedSpan, OpenPassage, Passage
from reader.ui.reading_tools import write_here_or_in_documents
from reader.ui.screens.code_passages import CodePassagesScreen
from reader.ui.screens.code_picker import CodePickerScreen
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.confirm import ConfirmScreen
from reader.ui.screens.note import NoteScreen
from reader.ui.text import counted
from reader.ui.widgets.codes_panel import CodesPanel
from reader.ui.widgets.conversation_view import ConversationView

Target = tuple[Interview, int, str, int]
"""(interview, turn, quote, start in Turn.text): a passage to bookmark, cite or code."""


class Coding(App[None]):
    """Action ``code_passage`` (key ``C``) and the answers to :class:`CodesPanel` requests.

    Relies on ReaderApp's ``_store_or_warn``, ``_target`` and ``_show_bookmarks``, and on
    the panes' ``codes_panel`` and ``sidebar``.
    """

    store: BookmarkStore | None
    bookmarks: list[Bookmark]
    current: Interview | None
    library: Library
    view: ConversationView
    codes_panel: CodesPanel
    sidebar: TabbedContent
    _code_colors: dict[str, str] = {}  # noqa: RUF012 (replaced, never changed)
    """Each code's colour by its case-folded name."""
    _store_or_warn: Callable[[], BookmarkStore | None]
    _target: Callable[[], Target | None]
    _show_bookmarks: Callable[[list[Bookmark]], None]

    def _show_codes(self) -> None:
        """Refill the Codes tab from the store."""
        if self.store is None:
            return
        codes = self.store.codes()
        self._code_colors = {code.name.casefold(): code.color for code in codes}
        self.codes_panel.set_codes(codes, self.store.code_usage())
        self.sidebar.get_tab("codes-tab").label = f"Codes ({len(codes)})"

    def _code_passages(self, name: str) -> list[CodedPlace]:
        """Where the passages with the code ``name`` are, for ``code:`` in a search (run
        in the search's worker; the store has a connection per thread)."""
        store = self.store
        if store is None:
            raise ValueError("code: needs the bookmarks, which are not available")
        if all(code.name.casefold() != name.casefold() for code in store.codes()):
            raise ValueError(f"no code named “{name}” (the Codes tab lists them)")
        return store.coded_places(name)

    def _coded_spans(self, source: Path | None) -> list[CodedSpan]:
        """The coded passages of the file ``source``, with their codes' colours."""
        if source is None:
            return []
        here = source.resolve()
        return [
            CodedSpan(b.turn, b.start, b.end, b.codes, self._colors(b.codes))
            for b in self.bookmarks
            if b.codes and not b.orphaned and b.source == here
        ]

    def _colors(self, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self._code_colors.get(name.casefold(), "") for name in names)

    def _targets(self) -> list[Target]:
        """Each turn's part of the selection, or else the one passage ``_target`` gives."""
        selected = self.view.selected_parts()
        if selected and self.current is not None and self.focused is self.view:
            return [(self.current, turn, quote, start) for turn, quote, start, _end in selected]
        target = self._target()
        return [] if target is None else [target]

    def action_code_passage(self) -> None:
        """Pick (or create) a code for the selection, the current passage or the
        highlighted search hit."""
        targets = self._targets()
        store = self._store_or_warn() if targets else None
        if store is None:
            return
        quote = " … ".join(quote for _interview, _turn, quote, _start in targets)

        def chosen(name: str | None) -> None:
            if name and self._write(lambda s: self._code(s, targets, name)):
                self.view.action_cancel_selection()  # kept when it failed, to try again

        title = "Code this passage" if len(targets) == 1 else f"Code these {len(targets)} passages"
        self.push_screen(CodePickerScreen(title, store.codes(), quote=quote), chosen)

    def _code(self, store: BookmarkStore, targets: list[Target], name: str) -> str:
        """Give every passage the code, created if new: all of them, or none on failure."""
        store.code_passages(targets, name)
        passages = "" if len(targets) == 1 else f" on {len(targets)} passages"
        return f"Coded “{name}”{passages}"

    def _write(self, change: Callable[[BookmarkStore], object]) -> bool:
        """Apply one change to the store, say how it went, and show the result;
        whether it was made."""
        store = self._store_or_warn()
        if store is None:
            return False
        try:
            message = change(store)
        except BookmarkError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        if isinstance(message, str):
            self.notify(message, markup=False)
        self._show_bookmarks(store.list())
        return True

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
            passages = sorted(store.list(code=code.name), key=reading_order)
            self.push_screen(CodePassagesScreen(code, passages), self._jump)
        else:
            self._pick_other(store, code, message.action)

    def _ask_name(self, title: str, current: str, save: Callable[[str], object]) -> None:
        """Ask for a code's name, save it, and put the Codes tab's cursor on it."""

        def answered(name: str | None) -> None:
            if name:
                self._write(lambda _store: save(name))
                self.codes_panel.select(name.strip())

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

    def action_compare_codes(self) -> None:
        """Counts of coded passages per code and interview, speaker, and other code."""
        if self.store is None:
            self.notify("Bookmarks are not available", severity="error", markup=False)
            return
        loaded = {s.source.resolve() for s in self.library.summaries if s.source is not None}
        passages = [b for b in self.bookmarks if b.source in loaded]
        tables = compare_tables(self.store.codes(), passages)
        self.push_screen(CompareScreen(tables, self._save_table))

    def _save_table(self, table: Table) -> None:
        """A download in a browser, else a new file in the current folder (or Documents)."""
        text = table.to_csv()
        if self.is_web:
            self.deliver_text(io.StringIO(text), save_filename=table.name)
            self.notify(table.name, title="Downloading", markup=False)
            return
        try:
            path = write_here_or_in_documents(
                lambda folder: write_new(folder, table.name, text, newline="")
            )
        except OSError as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False)
            return
        self.notify(str(path), title="Saved", markup=False)

    def _jump(self, bookmark: Bookmark | None) -> None:
        if bookmark is None:
            return
        passage = (
            None if bookmark.orphaned else Passage(bookmark.turn, bookmark.start, bookmark.end)
        )
        self.post_message(OpenPassage(bookmark.source, passage))
