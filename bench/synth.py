"""Deterministic synthetic transcripts built from the bundled seeds' vocabulary.

A word-bigram chain trained on the seeds' spoken text writes the sentences, so the
distractors share the seeds' words and phrases (the hard case for a search). Each
interview also gets its own invented names, so the vocabulary grows with the corpus
the way a real library's does. The layout follows the seeds: a header block, then
``QUESTION:`` / ``SECRETARY NAME:`` turns (or ``Question:`` / ``First Last:``).

    .venv/bin/python bench/synth.py OUT_DIR [--interviews N | --case NAME] [--seed S]
        [--suffix .md]

The named cases are the sizes the benchmarks report: ``library`` (5,000 interviews,
35 MB, the figures of issue 15) and ``archive`` (50,000 interviews, 360 MB, a few
minutes to write).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data"
_LABEL = re.compile(r"^([A-Z][A-Za-z .]{1,40}):\s+", re.MULTILINE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SYLLABLES = "ka ri to mel an sar vek lo du nai zem or pa tis gra hol bek ul sen"
_OUTLETS = "Tribune|Herald|Radio Free Steppe|Channel 7|Daily Courier|TV Evening|Gazette"
_ROLES = "Secretary of State|Foreign Minister|Assistant Secretary|Special Envoy|Ambassador"
_PLACES = "Astana|Moscow|Almaty|Geneva|Vienna|Washington|Tashkent|Bishkek|Brussels"
CASES = {"small": 1000, "library": 5000, "archive": 50_000}
"""Named corpus sizes (interviews)."""
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


class Chain:
    """A word-bigram chain over the seeds' spoken sentences, kept from copying them.

    One step in four picks any seed word instead of a successor, and a sentence that
    repeats five consecutive words of a seed is written again, so distractors share
    the seeds' vocabulary and short phrases but never quote them.
    """

    def __init__(self, texts: list[str]) -> None:
        self.starts: list[str] = []
        self.words: list[str] = []
        self.following: dict[str, list[str]] = {}
        self.quoted: set[tuple[str, ...]] = set()
        for text in texts:
            for paragraph in text.split("\n"):
                if not _LABEL.match(paragraph) or len(paragraph) < 40:
                    continue
                spoken = _LABEL.sub("", paragraph)
                for sentence in _SENTENCE.split(spoken):
                    self._learn(sentence.split())

    def _learn(self, words: list[str]) -> None:
        if len(words) < 4:
            return
        self.starts.append(words[0])
        self.words.extend(words)
        for current, following in zip(words, words[1:], strict=False):
            self.following.setdefault(current, []).append(following)
        self.quoted.update(_five_grams(words))

    def sentence(self, rng: random.Random, names: list[str]) -> str:
        """One sentence of 4 to 40 words, proper names sometimes swapped for ``names``."""
        for _ in range(50):
            words = self._walk(rng)
            if self.quoted.isdisjoint(_five_grams(words)):
                break
        return " ".join(_rename(word, rng, names) for word in words)

    def _walk(self, rng: random.Random) -> list[str]:
        words = [rng.choice(self.starts)]
        while len(words) < 40:
            if words[-1][-1] in ".?!" and len(words) >= 4:
                break
            options = self.following.get(words[-1])
            if not options or rng.random() < 0.25:
                options = self.words
            words.append(rng.choice(options))
        if words[-1][-1] not in ".?!":
            words[-1] = words[-1].rstrip(",;:–") + "."
        return words


def _five_grams(words: list[str]) -> set[tuple[str, ...]]:
    folded = [word.strip('.,?!;:“”"()').casefold() for word in words]
    return {tuple(folded[i : i + 5]) for i in range(len(folded) - 4)}


def _rename(word: str, rng: random.Random, names: list[str]) -> str:
    if word[:1].isupper() and word[1:].islower() and len(word) > 3 and rng.random() < 0.3:
        tail = word[len(word.rstrip(".,?!;:")) :]
        return rng.choice(names) + tail
    return word


def _name(rng: random.Random) -> str:
    syllables = _SYLLABLES.split()
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).capitalize()


def interview_text(chain: Chain, rng: random.Random) -> str:
    """One transcript in the seeds' layout."""
    names = [_name(rng) for _ in range(20)]
    first, last = names[0], names[1]
    role = rng.choice(_ROLES.split("|"))
    kerry_style = rng.random() < 0.5
    question = "QUESTION" if kerry_style else "Question"
    answer = f"{role.split()[0].upper()} {last.upper()}" if kerry_style else f"{first} {last}"
    date = f"{_MONTHS[rng.randrange(12)]} {rng.randint(1, 28)}, {rng.randint(1995, 2024)}"
    lines = [
        f"Interview With {names[2]} {names[3]} of {rng.choice(_OUTLETS.split('|'))}",
        "",
        f"{first} {last}",
        role,
        f"{rng.choice(_PLACES.split('|'))}",
        date,
        "",
    ]
    for _ in range(rng.randint(6, 16)):
        asked = " ".join(chain.sentence(rng, names) for _ in range(rng.randint(1, 3)))
        lines += [f"{question}: {asked}", ""]
        paragraphs = [
            " ".join(chain.sentence(rng, names) for _ in range(rng.randint(1, 5)))
            for _ in range(rng.choice((1, 1, 1, 2, 2, 3)))
        ]
        lines += [f"{answer}: {paragraphs[0]}", ""]
        for paragraph in paragraphs[1:]:
            lines += [paragraph, ""]
    return "\n".join(lines)


def generate(count: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` for ``count`` interviews; the same seed gives the same corpus."""
    chain = Chain([path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))])
    for index in range(count):
        rng = random.Random(f"{seed}/{index}")
        yield f"synthetic_{index:05d}.txt", interview_text(chain, rng)


def write_corpus(folder: Path, count: int, seed: int = 1, suffix: str = ".txt") -> int:
    """Write ``count`` interviews into ``folder`` (in subfolders of 500), as files named
    with ``suffix``; return bytes written."""
    total = 0
    for index, (name, text) in enumerate(generate(count, seed)):
        target = folder / f"part{index // 500:03d}" / Path(name).with_suffix(suffix)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        target.write_bytes(data)
        total += len(data)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the transcripts into")
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--interviews", type=int, default=CASES["small"])
    sizes.add_argument("--case", choices=CASES, help="a named size: " + ", ".join(CASES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--suffix", default=".txt", help="of the files: .txt, or .md")
    args = parser.parse_args(argv)
    count = CASES[args.case] if args.case else args.interviews
    size = write_corpus(args.out, count, args.seed, args.suffix)
    print(f"{count} interviews, {size / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
