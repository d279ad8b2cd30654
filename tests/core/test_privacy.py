import pytest
from django.utils import translation

from equalcity.core.privacy import suppress_count, suppress_small_cells


def test_counts_under_five_are_hidden_and_zero_is_shown():
    assert suppress_count(0).value == 0
    assert suppress_count(1).suppressed
    assert suppress_count(4).suppressed
    assert suppress_count(5).value == 5


def test_a_single_hidden_cell_cannot_be_recomputed_from_the_total():
    # given counts where only one cell is small
    result = suppress_small_cells({"Brussels": 40, "Rome": 12, "Turku": 3})
    # then the small cell and the next-smallest are hidden, the total shown
    assert result["Turku"].suppressed
    assert result["Rome"].suppressed
    assert result["Brussels"].value == 40
    assert result.total.value == 55


def test_two_hidden_cells_need_no_secondary_suppression():
    result = suppress_small_cells({"a": 2, "b": 3, "c": 30})
    assert result["a"].suppressed and result["b"].suppressed
    assert result["c"].value == 30


def test_a_small_total_is_hidden():
    result = suppress_small_cells({"a": 1, "b": 2})
    assert result.total.suppressed
    with translation.override("en"):
        assert str(result.total) == "fewer than 5"
    with translation.override("fr"):
        assert str(result.total) != "fewer than 5"


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        suppress_count(-1)
