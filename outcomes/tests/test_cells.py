"""Small cells: what exports and printed reports show instead of a count of 1 to 4."""

from django.utils import translation

from outcomes.cells import suppressed, suppressed_share


def test_counts_from_one_to_four_become_the_marker():
    assert [suppressed(count) for count in (1, 2, 3, 4)] == ["fewer than 5"] * 4


def test_zero_and_counts_of_five_or_more_are_shown():
    assert [suppressed(count) for count in (0, 5, 6, 120)] == [0, 5, 6, 120]


def test_the_threshold_can_be_raised():
    assert suppressed(9, threshold=11) == "fewer than 11"
    assert suppressed(11, threshold=11) == 11


def test_the_marker_speaks_spanish():
    with translation.override("es"):
        assert suppressed(3) == "menos de 5"


def test_a_share_is_shown_when_every_count_behind_it_is_large_enough():
    assert suppressed_share(10, 17) == 58.8
    assert suppressed_share(0, 12) == 0.0
    assert suppressed_share(0, 0) is None


def test_a_share_is_hidden_when_its_numerator_denominator_or_the_rest_is_small():
    assert suppressed_share(3, 40) == "fewer than 5"
    assert suppressed_share(0, 4) == "fewer than 5"
    # 6 of 8 says that 2 children did not.
    assert suppressed_share(6, 8) == "fewer than 5"
