"""The core and the non-UI commands must never import Textual (or Rich)."""

from __future__ import annotations

import subprocess
import sys

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
