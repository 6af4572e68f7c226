"""The Textual-free core: model, loading, parsing, search and bookmarks."""
