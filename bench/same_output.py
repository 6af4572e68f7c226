"""Whether a parser change changes what it reads: ``reader parse --json``, saved and compared.

For speed work, where every output must stay the same. ``save`` writes the JSON of
every transcript in ``data/``, ``tests/realworld``, ``../shared/realworld`` and
``tests/data`` (any format the loader reads), and of ``--texts`` texts derived from
the plain-text ones (a window of lines, sometimes with lines of another file
appended, sometimes altered: blank lines dropped or doubled, form feeds, margin line
numbers, indents, capitals, an aside), each parsed as .txt, .md or with no name;
``compare`` parses them all again and prints how many differ, and which. Run
``save`` with one version of the code and ``compare`` with the other:

    PYTHONPATH=OLD/src .venv/bin/python bench/same_output.py save /tmp/before
    PYTHONPATH=src .venv/bin/python bench/same_output.py compare /tmp/before
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from reader.core.loader import is_supported, load_interview
from reader.core.model import LoadError
from reader.core.parsing import parse_text

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (
    ROOT / "data",
    ROOT / "tests" / "realworld",
    ROOT.parent / "shared" / "realworld",
    ROOT / "tests" / "data",
)
NOT_TRANSCRIPTS = frozenset({"SOURCES.md", "README.md"})
TEXT_SUFFIXES = frozenset({".txt", ".md"})


def transcripts() -> list[Path]:
    return sorted(
        path
        for folder in FOLDERS
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file() and is_supported(path) and path.name not in NOT_TRANSCRIPTS
    )


def file_outputs(paths: list[Path]) -> Iterator[tuple[str, str]]:
    """Each file's name and its parse as JSON (or its one-line error)."""
    for path in paths:
        try:
            found: object = load_interview(path).to_json()
        except LoadError as exc:
            found = {"error": str(exc)}
        yield str(path.relative_to(ROOT.parent)), json.dumps(found, ensure_ascii=False)


def alter(lines: list[str], rng: random.Random) -> list[str]:
    """One of the ways a real file differs from another, or none."""
    changes: list[Callable[[], list[str]]] = [
        lambda: [line for line in lines if line.strip()],
        lambda: [half for line in lines for half in (line, "")],
        lambda: [("\f" if i % rng.randint(20, 60) == 0 else "") + s for i, s in enumerate(lines)],
        lambda: [f"{i % 25 + 1:>2}  {line}" for i, line in enumerate(lines)],
        lambda: ["    " + line if rng.random() < 0.3 else line for line in lines],
        lambda: [line.upper() if rng.random() < 0.2 else line for line in lines],
        lambda: [line + (" [laughs]" if rng.random() < 0.3 else "") for line in lines],
        lambda: lines,
    ]
    return rng.choice(changes)()


def derived_outputs(paths: list[Path], count: int, seed: int) -> Iterator[tuple[str, str]]:
    """The parses of ``count`` texts derived from the plain-text transcripts."""
    rng = random.Random(seed)
    texts = [p.read_text("utf-8", errors="replace") for p in paths if p.suffix in TEXT_SUFFIXES]
    for index in range(count):
        lines = rng.choice(texts).split("\n")
        start = rng.randrange(len(lines))
        part = lines if rng.random() < 0.25 else lines[start : start + rng.randint(1, 300)]
        if rng.random() < 0.3:
            other = rng.choice(texts).split("\n")
            start = rng.randrange(len(other))
            part = part + other[start : start + rng.randint(1, 100)]
        suffix = rng.choice([".txt", ".md", None])
        source = Path(f"derived{suffix}") if suffix else None
        interview = parse_text("\n".join(alter(part, rng)), source)
        yield f"derived text {index}", json.dumps(interview.to_json(), ensure_ascii=False)


def outputs(texts: int, seed: int) -> dict[str, str]:
    paths = transcripts()
    return dict([*file_outputs(paths), *derived_outputs(paths, texts, seed)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "compare"))
    parser.add_argument("folder", type=Path, help="where the saved outputs are")
    parser.add_argument("--texts", type=int, default=1500, help="derived texts (save)")
    parser.add_argument("--seed", type=int, default=7, help="of the derived texts (save)")
    args = parser.parse_args()
    saved = args.folder / "outputs.json"
    if args.action == "save":
        args.folder.mkdir(parents=True, exist_ok=True)
        settings = {"texts": args.texts, "seed": args.seed}
        found = outputs(args.texts, args.seed)
        saved.write_text(json.dumps({"settings": settings, "outputs": found}), "utf-8")
        print(f"saved {len(found)} parses ({args.texts} of derived texts) to {saved}")
        return 0
    before = json.loads(saved.read_text("utf-8"))
    now = outputs(**before["settings"])
    old = before["outputs"]
    changed = sorted(name for name in old.keys() | now.keys() if old.get(name) != now.get(name))
    print(f"{len(old.keys() & now.keys())} parses compared, {len(changed)} differ")
    for name in changed[:20]:
        print(f"  {name}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
