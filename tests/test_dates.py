from datetime import date

import pytest

from liaison.dates import DateRange, PartialDate


@pytest.mark.parametrize(
    ("text", "precision", "label", "earliest", "latest"),
    [
        ("2017", "year", "2017", date(2017, 1, 1), date(2017, 12, 31)),
        ("2017-05", "month", "May 2017", date(2017, 5, 1), date(2017, 5, 31)),
        ("2016-02", "month", "February 2016", date(2016, 2, 1), date(2016, 2, 29)),
        ("2017-06-06", "day", "6 June 2017", date(2017, 6, 6), date(2017, 6, 6)),
    ],
)
def test_partial_dates_keep_their_precision(
    text: str, precision: str, label: str, earliest: date, latest: date
) -> None:
    value = PartialDate.parse(text)
    assert (value.precision, value.label(), str(value)) == (precision, label, text)
    assert (value.earliest(), value.latest()) == (earliest, latest)


@pytest.mark.parametrize("text", ["17", "2017-13", "2017-02-30", "May 2017", "2017/05", ""])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_ranges_single_open_and_overlapping() -> None:
    single = DateRange.parse("2017-05")
    assert single.is_single and str(single) == "2017-05"
    chair = DateRange.parse("2015/2017")
    assert (str(chair.start), str(chair.end), str(chair)) == ("2015", "2017", "2015/2017")
    open_ended = DateRange.parse("2016/")
    assert open_ended.end is None and open_ended.latest() is None and str(open_ended) == "2016/"
    period = DateRange.parse("2017-01/2018-04")
    assert period.overlaps(DateRange.parse("2017"))
    assert period.overlaps(open_ended)
    assert not period.overlaps(DateRange.parse("2018-05/2019"))


@pytest.mark.parametrize("text", ["2018/2017", "/", "2017-06-09/2017-06-06"])
def test_bad_ranges_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        DateRange.parse(text)
