"""Synthetic articles of the genre, for benchmarks and tests: seeded, so the same call gives the
same corpus. Names and events are invented; states, demonyms and capitals come from the lexicon.

    python -m bench.synthetic 10000 > corpus.jsonl
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta

from kg.lexicon import load_lexicon

FIRST = [
    "Alexander",
    "Maria",
    "Chen",
    "Amina",
    "Jonas",
    "Priya",
    "Kwame",
    "Elena",
    "Tariq",
    "Sofia",
    "Kenji",
    "Leila",
]
LAST = [
    "Petrov",
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Moreau",
    "Tanaka",
    "Kowalski",
    "Mensah",
    "Varga",
    "Rahimi",
    "Costa",
    "Nakamura",
    "Ibrahim",
    "Novak",
    "Silva",
    "Berger",
]
POSTS = [
    "Foreign Minister",
    "Defense Minister",
    "Prime Minister",
    "Deputy Foreign Minister",
    "Trade Minister",
]
KINDS = [
    ("held talks with", "talks"),
    ("met", "meeting"),
    ("had a telephone conversation with", "phone_call"),
    ("signed a memorandum of understanding with", "agreement"),
]
TYPES = [
    "military",
    "economic",
    "trade",
    "energy",
    "education",
    "cultural",
    "health",
    "transport",
    "scientific",
    "humanitarian",
    "agricultural",
    "nuclear",
    "space",
    "security",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _states(rng: random.Random):
    lexicon = load_lexicon()
    usable = [
        s
        for _, s in sorted(lexicon.states.items())
        if s.demonyms and s.capitals and " " not in s.demonyms[0] and len(s.name.split()) == 1
    ]
    return rng.sample(usable, 2)


def article(index: int, seed: int = 7) -> dict:
    rng = random.Random(seed * 1_000_003 + index)
    a, b = _states(rng)
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 1800))
    name_a = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    name_b = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    post = rng.choice(POSTS)
    phrase, _ = rng.choice(KINDS)
    t1, t2 = rng.sample(TYPES, 2)
    weekday = WEEKDAYS[day.weekday()]
    text = (
        f"{a.capitals[0].upper()}, {day.strftime('%B')} {day.day}. /TASS/. {a.demonyms[0]} {post} {name_a} "
        f"{phrase} {b.demonyms[0]} counterpart {name_b} on {weekday}.\n\n"
        f"The two sides agreed to expand {t1} and {t2} cooperation, the {a.demonyms[0]} {post.split()[0]} "
        f"Ministry said.\n\n"
        f'"{b.name} is our reliable partner," {name_a.split()[-1]} said.\n'
    )
    return {"id": f"synthetic-{seed}-{index}", "date": day.isoformat(), "source": "synthetic", "text": text}


def corpus(count: int, seed: int = 7) -> list[dict]:
    return [article(i, seed) for i in range(count)]


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    for item in corpus(n):
        print(json.dumps(item, ensure_ascii=False))
