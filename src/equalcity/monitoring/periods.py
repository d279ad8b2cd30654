"""Calendar quarters, the reporting period of the programme."""

from datetime import date, timedelta


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> date:
    nxt = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return nxt - timedelta(days=1)


def quarters_of(programme) -> list[tuple[int, int]]:
    """Every calendar quarter that overlaps the programme, in order."""
    out = []
    year, quarter = programme.starts_on.year, (programme.starts_on.month - 1) // 3 + 1
    while quarter_start(year, quarter) <= programme.ends_on:
        out.append((year, quarter))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return out


def report_due_on(year: int, quarter: int) -> date:
    """Partners' reports are due one month after the quarter closes."""
    return quarter_end(year, quarter) + timedelta(days=30)
