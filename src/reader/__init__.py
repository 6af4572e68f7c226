"""interview-reader: read, search and cite interview transcripts."""

__version__ = "0.1.0"
