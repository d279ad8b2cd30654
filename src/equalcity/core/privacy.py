"""Privacy helpers every aggregate goes through.

Small cells can single a person out: a count of 2 Tigrinya-speaking survivors in one
city is an identification, not a statistic. Following the GBVIMS practice, every
count under the threshold is hidden before it is shown or exported, and so is any
total from which a hidden cell could be worked out again.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.utils.translation import gettext_lazy as _

SMALL_CELL_THRESHOLD = 5
SUPPRESSED_LABEL = _("fewer than 5")

K = TypeVar("K")


@dataclass(frozen=True)
class Cell:
    """One published count: either its value or the fact that it is hidden."""

    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return str(SUPPRESSED_LABEL) if self.value is None else str(self.value)


@dataclass(frozen=True)
class SuppressedCounts(Generic[K]):
    cells: dict[K, Cell]
    total: Cell

    def __getitem__(self, key: K) -> Cell:
        return self.cells[key]


def suppress_count(value: int, *, threshold: int = SMALL_CELL_THRESHOLD) -> Cell:
    """Hide a single count when it is above zero and under the threshold."""
    if value < 0:
        raise ValueError("a count cannot be negative")
    return Cell(None) if 0 < value < threshold else Cell(value)


def suppress_small_cells(
    counts: Mapping[K, int], *, threshold: int = SMALL_CELL_THRESHOLD
) -> SuppressedCounts[K]:
    """Hide every cell under the threshold, and enough others that none can be recomputed.

    Zero is shown as zero: it names nobody. When exactly one cell is hidden, the
    total would give it away, so the next-smallest visible cell is hidden too
    (secondary suppression); when the total itself is small it is hidden.
    """
    cells = {key: suppress_count(value, threshold=threshold) for key, value in counts.items()}
    hidden = [key for key, cell in cells.items() if cell.suppressed]
    if len(hidden) == 1:
        visible = sorted(
            (value, index, key)
            for index, (key, value) in enumerate(counts.items())
            if not cells[key].suppressed and value > 0
        )
        if visible:
            cells[visible[0][2]] = Cell(None)
    total = suppress_count(sum(counts.values()), threshold=threshold)
    return SuppressedCounts(cells=cells, total=total)
