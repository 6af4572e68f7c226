"""The app's widgets: interview list, conversation view, search sidebar, bookmarks."""
