"""Date expressions in a sentence, resolved against the article's date.

"on Monday" in an article dated Monday 2021-08-23 is that day; a weekday is the most recent such
day on or before the article date, or the next one for planned events. A month or a year alone
gives no day, so no date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kg.article import MONTH_RE, MONTHS

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
FULL_DATE = re.compile(
    rf"\b(?P<month>{MONTH_RE}) (?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:, (?P<year>\d{{4}}))?\b"
)
DAY_FIRST = re.compile(rf"\b(?P<day>\d{{1,2}}) (?P<month>{MONTH_RE})(?: (?P<year>\d{{4}}))?\b")
WEEKDAY = re.compile(r"\b(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
RELATIVE = re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight)\b", re.I)


@dataclass
class DateExpression:
    start: int  # character offset inside the sentence
    end: int
    value: date


def find_dates(text: str, article_date: date | None, planned: bool = False) -> list[DateExpression]:
    found: list[DateExpression] = []
    for pattern in (FULL_DATE, DAY_FIRST):
        for m in pattern.finditer(text):
            month = MONTHS.get(m.group("month").lower()[:3])
            if month is None:
                continue
            day = int(m.group("day"))
            year = int(m.group("year")) if m.group("year") else None
            if year is None:
                if article_date is None:
                    continue
                year = article_date.year
                try:
                    candidate = date(year, month, day)
                except ValueError:
                    continue
                if not planned and candidate > article_date + timedelta(days=2):
                    year -= 1  # "December 30" in an article of January 2 is last year's
            try:
                found.append(DateExpression(m.start(), m.end(), date(year, month, day)))
            except ValueError:
                continue
    if article_date is not None:
        for m in WEEKDAY.finditer(text):
            target = WEEKDAYS.index(m.group("weekday").lower())
            delta = (article_date.weekday() - target) % 7
            value = (
                article_date + timedelta(days=(7 - delta) % 7)
                if planned
                else article_date - timedelta(days=delta)
            )
            found.append(DateExpression(m.start(), m.end(), value))
        for m in RELATIVE.finditer(text):
            shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m.group("word").lower()]
            found.append(DateExpression(m.start(), m.end(), article_date + timedelta(days=shift)))
    return sorted(found, key=lambda d: d.start)
