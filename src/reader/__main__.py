"""``python -m reader`` is the ``reader`` command."""

from reader.cli import main

raise SystemExit(main())
