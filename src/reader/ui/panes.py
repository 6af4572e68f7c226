"""Moving between the panes and the sidebar's tabs, mixed into ``ReaderApp``.

The panes are the interview list, the conversation and the sidebar (Search, Bookmarks,
Codes); on a narrow screen the sidebar folds away until asked for.
"""

from __future__ import annotations

from textual.app import App
from textual.widget import Widget
from textual.widgets import Input, TabbedContent

from reader.ui.widgets.bookmarks_panel import BookmarksPanel
from reader.ui.widgets.codes_panel import CodesPanel
from reader.ui.widgets.conversation_view import ConversationView
from reader.ui.widgets.interview_list import InterviewList, InterviewOptions
from reader.ui.widgets.search_sidebar import SearchSidebar

SIDEBAR_TABS = ("search-tab", "bookmarks-tab", "codes-tab")
"""The sidebar's tabs, in the order ``t`` goes through them."""


class Panes(App[None]):
    """Actions ``cycle_pane``, ``toggle_sidebar``, ``focus_search``, ``switch_tab``,
    ``show_bookmarks``, ``show_codes`` and ``leave``; the panes' typed accessors."""

    view: ConversationView

    @property
    def interview_list(self) -> InterviewList:
        return self.query_one(InterviewList)

    @property
    def search_sidebar(self) -> SearchSidebar:
        return self.query_one(SearchSidebar)

    @property
    def bookmarks_panel(self) -> BookmarksPanel:
        return self.query_one(BookmarksPanel)

    @property
    def codes_panel(self) -> CodesPanel:
        return self.query_one(CodesPanel)

    @property
    def sidebar(self) -> TabbedContent:
        return self.query_one("#sidebar", TabbedContent)

    def _panes(self) -> list[Widget]:
        panes: list[Widget] = []
        if self.interview_list.display:
            panes.append(self.query_one(InterviewOptions))
        panes.append(self.view)
        if self.sidebar.display:
            if self.sidebar.active == "bookmarks-tab":
                panes.append(self.bookmarks_panel)
            elif self.sidebar.active == "codes-tab":
                panes.append(self.codes_panel)
            else:
                panes.append(self.query_one("#search-input", Input))
        return panes

    def action_cycle_pane(self, direction: int) -> None:
        """Move focus to the next (1) or previous (-1) pane."""
        if len(self.screen_stack) > 1:
            (self.screen.focus_next if direction > 0 else self.screen.focus_previous)()
            return
        panes = self._panes()
        focused = self.focused
        current = next(
            (i for i, pane in enumerate(panes) if focused and focused in (pane, *pane.ancestors)),
            None,
        )
        if current is None:
            current = next(
                (i for i, p in enumerate(panes) if focused and p.parent in focused.ancestors), -1
            )
        panes[(current + direction) % len(panes)].focus()

    def _set_sidebar(self, shown: bool) -> None:
        main = self.screen_stack[0]
        main.set_class(shown, "-sidebar-open")
        main.set_class(not shown, "-sidebar-closed")

    def action_toggle_sidebar(self) -> None:
        shown = not self.sidebar.display
        self._set_sidebar(shown)
        if not shown and self.focused and self.sidebar in self.focused.ancestors:
            self.view.focus()

    def action_focus_search(self) -> None:
        self._set_sidebar(True)
        self.sidebar.active = "search-tab"
        self.query_one("#search-input", Input).focus()

    def action_show_bookmarks(self) -> None:
        """Open the Bookmarks tab in the sidebar, focused."""
        self._show_tab("bookmarks-tab")

    def action_show_codes(self) -> None:
        """Open the Codes tab in the sidebar, focused."""
        self._show_tab("codes-tab")

    def action_switch_tab(self) -> None:
        """The sidebar's next tab (Search, Bookmarks, Codes, and round), shown and focused;
        a hidden sidebar left on Bookmarks or Codes reopens there (``/`` opens Search)."""
        active = self.sidebar.active or SIDEBAR_TABS[0]
        if self.sidebar.display or active == SIDEBAR_TABS[0]:
            active = SIDEBAR_TABS[(SIDEBAR_TABS.index(active) + 1) % len(SIDEBAR_TABS)]
        self._show_tab(active)

    def _show_tab(self, tab: str) -> None:
        """Show the sidebar on this tab and focus it: on Search its results, since the
        search box would take the next ``t`` as text."""
        self._set_sidebar(True)
        self.sidebar.active = tab
        if tab == "bookmarks-tab":
            self.bookmarks_panel.focus()
        elif tab == "codes-tab":
            self.codes_panel.focus()
        else:
            self.search_sidebar.results.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``escape`` is offered only where it leads somewhere."""
        if action == "leave":
            focused = self.focused
            return focused is not None and (
                focused.id == "list-filter" or self.sidebar in focused.ancestors
            )
        return True

    def action_leave(self) -> None:
        """``escape``: from the sidebar or the list filter back to the conversation."""
        focused = self.focused
        if focused is not None and focused.id == "list-filter":
            self.query_one(InterviewOptions).focus()
        elif focused is not None and self.sidebar in focused.ancestors:
            self.view.focus()
