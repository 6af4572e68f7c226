"""The core and the non-UI commands must never import Textual (or Rich)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHECK = """
import importlib, pkgutil, sys
import reader.core
from reader import cli
for info in pkgutil.walk_packages(reader.core.__path__, "reader.core."):
    importlib.import_module(info.name)
for name, module in cli.SUBCOMMANDS.items():
    if name not in cli.UI_SUBCOMMANDS:
        importlib.import_module(module)
leaked = sorted(m for m in sys.modules if m.split(".")[0] in {"textual", "rich"})
print(",".join(leaked))
"""


def test_core_and_cli_commands_do_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


WARM_SEARCH = """
import sys
from reader.cli import main
status = main(["search", "harbour", sys.argv[1]])
print(status, ",".join(sorted(m for m in sys.modules if m in set(sys.argv[2:]))))
"""
NOT_FOR_A_WARM_SEARCH = (
    "json",
    "subprocess",
    "textwrap",
    "reader.core.bookmarks",
    "reader.core.workers",
    "reader.core.parsing",
    "reader.core.formats",
)
"""What a search served from the cache does not need: its start-up is most of its time."""


def test_a_search_from_a_warm_cache_imports_no_parser_store_or_workers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("QUESTION: And the harbour?\n\nMINISTER SMITH: It reopens.\n")
    env = {**os.environ, "READER_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-c", WARM_SEARCH, str(corpus), *NOT_FOR_A_WARM_SEARCH]
    cold = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    assert cold.stdout.splitlines()[-1].split()[0] == "0"  # it found the passage
    assert "reader.core.parsing" in cold.stdout.splitlines()[-1]  # (a cold one parses)
    warm = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    assert warm.stdout.splitlines()[-1] == "0 "
