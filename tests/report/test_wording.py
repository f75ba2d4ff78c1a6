from liaison.dates import DateRange
from liaison.report.wording import (
    date_label,
    join_and,
    lower_first,
    months_label,
    period_label,
    plural,
)


def test_lists_are_joined_as_english_writes_them() -> None:
    assert join_and([]) == ""
    assert join_and(["FAO"]) == "FAO"
    assert join_and(["FAO", "ILO"]) == "FAO and ILO"
    assert join_and(["FAO", "ILO", "WHO"]) == "FAO, ILO and WHO"
    assert join_and(["a", "", "b"], "or") == "a or b"


def test_dates_keep_their_precision() -> None:
    assert date_label(DateRange.parse("2017-05")) == "May 2017"
    assert date_label(DateRange.parse("2017-06-06/2017-06-09")) == "6–9 June 2017"
    assert date_label(DateRange.parse("2015/2017")) == "2015–2017"
    assert date_label(DateRange.parse("2016/")) == "since 2016"
    assert date_label(DateRange.parse("2017-01/2018-04")) == "January 2017 – April 2018"


def test_months_of_several_sessions() -> None:
    dates = [DateRange.parse(d) for d in ("2017-06", "2017-01", "2017-03-27/2017-04-07")]
    assert months_label(dates) == "January, March and June 2017"
    assert months_label([DateRange.parse("2017-12"), DateRange.parse("2018-01")]) == (
        "December 2017 and January 2018"
    )


def test_periods_labels_and_plurals() -> None:
    assert period_label(DateRange.parse("2017-01/2018-04")) == "January 2017 to April 2018"
    assert period_label(DateRange.parse("2018")) == "2018"
    assert lower_first("Digital skills") == "digital skills"
    assert lower_first("Internet of Things") == "Internet of Things"
    assert lower_first("LDCs, LLDCs and SIDS") == "LDCs, LLDCs and SIDS"
    assert plural("chairmanship", 2) == "chairmanships"
    assert plural("lead role", 3) == "lead roles"
    assert plural("observer status", 2) == "observer status"
    assert plural("membership", 1) == "membership"
