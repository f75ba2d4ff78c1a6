"""The JIU's rules on plain data: worked examples computed by hand, and properties checked by
Hypothesis over generated histories."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.dates import PartialDate
from liaison.jiu.rules import Rates, Recommendation, Update, rates, standing, trend


def u(org: str, on: str, acceptance: str | None = None, implementation: str | None = None,
      position: int = 0) -> Update:  # fmt: skip
    day = PartialDate.parse(on)
    return Update(org, on, day.earliest(), day.latest(), acceptance, implementation, None, position)


def rec(rid: str, report: str, issued: int, number: int, addressee: str | None,
        *updates: Update) -> Recommendation:  # fmt: skip
    return Recommendation(rid, report, number, report.upper(), None, issued, addressee, None,
                          None, tuple(updates))  # fmt: skip


LO, EH = "legislative-organ", "executive-head"
# Three reports (2012, 2016, 2017), two organizations; the figures below are worked by hand.
HISTORY = [
    rec("a", "r2012", 2012, 1, LO,
        u("itu", "2013-05", "accepted"), u("itu", "2015-03", None, "in-progress"),
        u("itu", "2018-02-10", None, "implemented"), u("unesco", "2013", "not-accepted")),
    rec("b", "r2012", 2012, 2, EH, u("itu", "2013-05", "accepted")),
    rec("c", "r2016", 2016, 1, EH,
        u("itu", "2016-06", "under-consideration"), u("itu", "2017-03", "accepted"),
        u("itu", "2017-11", None, "in-progress")),
    rec("d", "r2016", 2016, 2, LO, u("itu", "2016-06", "not-relevant")),
    rec("e", "r2017", 2017, 1, EH,
        u("itu", "2017-09", "not-accepted"), u("itu", "2018-06", "accepted")),
    rec("f", "r2017", 2017, 2, LO, Update("itu", "2018-03", date(2018, 3, 1),
                                          date(2018, 3, 31), None, None, "Received.")),
    rec("g", "r2017", 2017, 3, None, u("unesco", "2017", "accepted", "implemented")),
]  # fmt: skip

APRIL_2018 = date(2018, 4, 30)


def figures(found: Rates) -> dict[str, object]:
    return found.as_dict()


def test_rates_as_at_april_2018() -> None:
    (itu,) = rates(HISTORY, "itu", APRIL_2018)
    # a implemented; b accepted with nothing stated (not started, issued 2012: 6 years before,
    # long-outstanding); c accepted, in progress; d not relevant; e not accepted (its acceptance
    # of June 2018 is after the date); f addressed, no acceptance yet; g is UNESCO's only.
    assert figures(itu) == {
        "group": "all", "addressed": 5, "accepted": 3, "not_accepted": 1,
        "under_consideration": 0, "not_relevant": 1, "implemented": 1, "in_progress": 1,
        "not_started": 1, "pending": 2, "long_outstanding": 1,
        "acceptance_rate": 3 / 5, "implementation_rate": 1 / 3,
    }  # fmt: skip


def test_as_at_dates_between_updates() -> None:
    (end_2017,) = rates(HISTORY, "itu", date(2017, 12, 31))
    # a is still in progress and f has no update yet; a and b are 5 years old: long-outstanding.
    assert (end_2017.addressed, end_2017.accepted, end_2017.implemented) == (4, 3, 0)
    assert (end_2017.in_progress, end_2017.not_started, end_2017.pending) == (2, 1, 3)
    assert end_2017.long_outstanding == 2
    assert end_2017.implementation_rate == 0.0
    (end_2016,) = rates(HISTORY, "itu", date(2016, 12, 31))
    # c is under consideration then (accepted only in March 2017); 4 years: not long-outstanding.
    assert (end_2016.addressed, end_2016.accepted, end_2016.under_consideration) == (3, 2, 1)
    assert (end_2016.pending, end_2016.long_outstanding) == (2, 0)
    assert end_2016.acceptance_rate == pytest.approx(2 / 3)
    (before,) = rates(HISTORY, "itu", date(2013, 4, 30))
    assert before.addressed == 0 and before.acceptance_rate is None


def test_acceptance_changes_over_time() -> None:
    assert standing(HISTORY[4], "itu", APRIL_2018).acceptance == "not-accepted"  # type: ignore[union-attr]
    assert standing(HISTORY[4], "itu", date(2018, 6, 30)).acceptance == "accepted"  # type: ignore[union-attr]
    (later,) = rates(HISTORY, "itu", date(2018, 6, 30))
    assert (later.accepted, later.not_accepted, later.not_started) == (4, 0, 2)


def test_the_window_of_issue_years_and_its_boundary() -> None:
    (two,) = rates(HISTORY, "itu", APRIL_2018, window=2)  # 2017-2018: e and f
    assert (two.addressed, two.accepted, two.acceptance_rate, two.implementation_rate) == (
        2, 0, 0.0, None,
    )  # fmt: skip
    (three,) = rates(HISTORY, "itu", APRIL_2018, window=3)  # 2016-2018: c, d, e, f
    assert (three.addressed, three.accepted, three.not_relevant, three.pending) == (3, 1, 1, 1)
    (seven,) = rates(HISTORY, "itu", APRIL_2018, window=7)  # 2012-2018: everything
    (six,) = rates(HISTORY, "itu", APRIL_2018, window=6)  # 2013-2018: not the 2012 report
    assert seven.addressed == 5 and six.addressed == 3


def test_split_by_addressee_report_and_year() -> None:
    by_addressee = {r.group: r for r in rates(HISTORY, "itu", APRIL_2018, by="addressee")}
    assert list(by_addressee) == [LO, EH]  # the vocabulary's order; no empty group
    lo, eh = by_addressee[LO], by_addressee[EH]
    assert (lo.addressed, lo.accepted, lo.implemented, lo.not_relevant) == (2, 1, 1, 1)
    assert (eh.addressed, eh.accepted, eh.not_accepted, eh.pending, eh.long_outstanding) == (
        3, 2, 1, 2, 1,
    )  # fmt: skip
    unesco = {r.group: r.addressed for r in rates(HISTORY, "unesco", APRIL_2018, by="addressee")}
    assert unesco == {LO: 1, "unspecified": 1}
    by_report = [(r.group, r.addressed) for r in rates(HISTORY, "itu", APRIL_2018, by="report")]
    assert by_report == [("R2012", 2), ("R2016", 1), ("R2017", 2)]
    by_year = [(r.group, r.accepted) for r in rates(HISTORY, "itu", APRIL_2018, by="year")]
    assert by_year == [("2012", 2), ("2016", 1), ("2017", 0)]


def test_several_organizations_are_counted_apart() -> None:
    (unesco,) = rates(HISTORY, "unesco", APRIL_2018)
    assert (unesco.addressed, unesco.accepted, unesco.implemented) == (2, 1, 1)
    assert (unesco.acceptance_rate, unesco.implementation_rate) == (0.5, 1.0)
    (nobody,) = rates(HISTORY, "wipo", APRIL_2018)
    assert nobody.addressed == 0 and nobody.acceptance_rate is None


def test_precision_and_ties_of_dates() -> None:
    year_only = rec("h", "r", 2018, 1, None, u("itu", "2018", "accepted"))
    assert standing(year_only, "itu", APRIL_2018) is None  # "2018" may be after April
    assert standing(year_only, "itu", date(2018, 12, 31)) is not None
    tie = rec("i", "r", 2018, 1, None,
              u("itu", "2018-03-01", "accepted", position=1),
              u("itu", "2018-03-01", "not-accepted", position=0))  # fmt: skip
    assert standing(tie, "itu").acceptance == "accepted"  # type: ignore[union-attr]
    late_entry = rec("j", "r", 2018, 1, None,
                     u("itu", "2018-05", "accepted", position=0),
                     u("itu", "2018-02", "under-consideration", position=1))  # fmt: skip
    assert standing(late_entry, "itu").acceptance == "accepted"  # type: ignore[union-attr]
    assert standing(late_entry, "itu", APRIL_2018).acceptance == "under-consideration"  # type: ignore[union-attr]


def test_trend_by_year() -> None:
    found = trend(HISTORY, "itu", 2015, 2018, until=APRIL_2018)
    assert [r.group for r in found] == ["2015", "2016", "2017", "2018"]
    assert [r.accepted for r in found] == [2, 2, 3, 3]
    assert [r.implemented for r in found] == [0, 0, 0, 1]
    assert found[-1].as_dict() == {
        **rates(HISTORY, "itu", APRIL_2018)[0].as_dict(),
        "group": "2018",
    }


# --- properties -----------------------------------------------------------------------------
ORGS = ("itu", "unesco")
ACCEPTANCE = (None, "accepted", "not-accepted", "under-consideration", "not-relevant")
IMPLEMENTATION = (None, "not-started", "in-progress", "implemented")


ANY_ORG = st.sampled_from(ORGS)


@st.composite
def updates(draw: st.DrawFn, org: st.SearchStrategy[str] = ANY_ORG) -> Update:
    day = draw(st.dates(date(2008, 1, 1), date(2020, 12, 31)))
    precision = draw(st.sampled_from(("day", "month", "year")))
    on = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]
    return u(
        draw(org),
        on,
        draw(st.sampled_from(ACCEPTANCE)),
        draw(st.sampled_from(IMPLEMENTATION)),
        position=draw(st.integers(0, 50)),
    )


@st.composite
def histories(draw: st.DrawFn) -> list[Recommendation]:
    count = draw(st.integers(0, 12))
    return [
        rec(
            f"r{i}",
            f"rep{draw(st.integers(2005, 2020))}",
            draw(st.integers(2005, 2020)),
            i + 1,
            draw(st.sampled_from((LO, EH, None))),
            *draw(st.lists(updates(), max_size=5)),
        )
        for i in range(count)
    ]


as_at_days = st.dates(date(2008, 1, 1), date(2021, 12, 31))


@settings(max_examples=200, deadline=None)
@given(histories(), as_at_days, st.sampled_from((None, "addressee", "report", "year")),
       st.sampled_from((None, 1, 3, 8)))  # fmt: skip
def test_rates_are_fractions_and_counts_add_up(
    history: list[Recommendation], as_at: date, by: str | None, window: int | None
) -> None:
    for group in rates(history, "itu", as_at, by=by, window=window):
        for rate in (group.acceptance_rate, group.implementation_rate):
            assert rate is None or 0 <= rate <= 1
        assert group.implemented + group.in_progress + group.not_started == group.accepted
        assert group.pending == group.accepted - group.implemented
        assert group.long_outstanding <= group.pending
        assert group.accepted + group.not_accepted + group.under_consideration <= group.addressed


@settings(max_examples=200, deadline=None)
@given(histories(), as_at_days)
def test_not_relevant_is_never_counted(history: list[Recommendation], as_at: date) -> None:
    (found,) = rates(history, "itu", as_at)
    states = [s for r in history if (s := standing(r, "itu", as_at)) is not None]
    assert found.not_relevant == sum(s.acceptance == "not-relevant" for s in states)
    assert found.addressed == len(states) - found.not_relevant
    # Marking every not-relevant recommendation's report as another year changes nothing else.
    relevant = [r for r in history if (s := standing(r, "itu", as_at)) is None
                or s.acceptance != "not-relevant"]  # fmt: skip
    (without,) = rates(relevant, "itu", as_at)
    assert {**found.as_dict(), "not_relevant": 0} == without.as_dict()


@settings(max_examples=200, deadline=None)
@given(histories(), as_at_days, st.integers(1, 2000))
def test_a_later_date_keeps_what_was_implemented_unless_a_later_status_says_otherwise(
    history: list[Recommendation], as_at: date, days: int
) -> None:
    later = as_at + timedelta(days=days)
    for recommendation in history:
        before = standing(recommendation, "itu", as_at)
        if before is None or not before.implemented:
            continue
        after = standing(recommendation, "itu", later)
        assert after is not None
        stated_since = [
            x for x in recommendation.updates
            if x.organization == "itu" and as_at < x.latest <= later
            and (x.acceptance or x.implementation)
        ]  # fmt: skip
        assert after.implemented or stated_since


@settings(max_examples=200, deadline=None)
@given(histories(), as_at_days, st.lists(updates(st.just("wipo")), min_size=1, max_size=8),
       st.sampled_from((None, "addressee", "report", "year")))  # fmt: skip
def test_another_organizations_status_changes_nothing(
    history: list[Recommendation], as_at: date, extra: list[Update], by: str | None
) -> None:
    before = [r.as_dict() for r in rates(history, "itu", as_at, by=by)]
    touched = [
        Recommendation(r.id, r.report, r.number, r.report_symbol, r.report_title, r.issued,
                       r.addressee, r.scope, r.text, (*r.updates, *extra))
        for r in history
    ]  # fmt: skip
    assert [r.as_dict() for r in rates(touched, "itu", as_at, by=by)] == before


def test_the_readme_worked_example() -> None:
    history = [
        rec("1", "r", 2012, 1, None, u("itu", "2013-05", "accepted"),
            u("itu", "2015-03", None, "in-progress"), u("itu", "2018-02-10", None, "implemented")),
        rec("2", "r", 2012, 2, None, u("itu", "2013-05", "accepted")),
        rec("3", "r", 2012, 3, None, u("itu", "2016-06", "not-relevant")),
    ]  # fmt: skip
    (april,) = rates(history, "itu", APRIL_2018)
    assert (april.addressed, april.accepted, april.acceptance_rate) == (2, 2, 1.0)
    assert (april.implemented, april.implementation_rate) == (1, 0.5)
    assert (april.pending, april.long_outstanding) == (1, 1)
    (december,) = rates(history, "itu", date(2017, 12, 31))
    assert (december.implemented, december.pending) == (0, 2)
    assert rates(history, "itu", APRIL_2018, window=6)[0].addressed == 0
