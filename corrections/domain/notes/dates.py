"""Dates the way a house writes them, from a small template."""

from __future__ import annotations

import datetime as dt
from string import Template

# AP style: months with more than five letters are abbreviated, "Sept." with four letters.
AP_MONTHS = (
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Placeholders a date format may use: "$mon $day, $year" gives "Dec. 6, 2021",
# "$day $month $year" gives "6 December 2021", "$year-$mm-$dd" gives "2021-12-06".
DATE_PLACEHOLDERS = frozenset({"mon", "month", "day", "dd", "mm", "year"})

AP_DATE = "$mon $day, $year"
DMY_DATE = "$day $month $year"


def format_date(template: str, date: dt.date) -> str:
    return Template(template).substitute(
        mon=AP_MONTHS[date.month - 1],
        month=MONTHS[date.month - 1],
        day=str(date.day),
        dd=f"{date.day:02d}",
        mm=f"{date.month:02d}",
        year=f"{date.year:04d}",
    )
