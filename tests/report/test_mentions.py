from liaison.report.fact_types import Org
from liaison.report.markup import spans
from liaison.report.mentions import Mentions, takes_article

ORGS = {
    "ilo": Org("ilo", "International Labour Organization", "ILO", "specialized-agency"),
    "ceb": Org(
        "ceb",
        "United Nations System Chief Executives Board for Coordination",
        "CEB",
        "inter-agency-mechanism",
    ),
    "un": Org("un", "United Nations", "UN", "intergovernmental"),
    "legal": Org("legal", "Legal Network", None, "network"),
    "isc": Org("isc", "Inter-Sectoral Coordination Task Force", "ISC-TF", "internal-unit"),
}
ACRONYMS = {o.acronym: (o.id, o.name) for o in ORGS.values() if o.acronym}


def read(mentions: Mentions, text: str) -> str:
    return "".join(s.text for s in spans(mentions.tokens(text), worder=mentions.word))


def test_a_name_is_spelled_out_once_with_its_article() -> None:
    mentions = Mentions(ORGS, ACRONYMS)
    assert mentions.name("ilo") == "the International Labour Organization (ILO)"
    assert mentions.name("ilo") == "ILO"
    assert mentions.name("legal") == "the Legal Network"


def test_abbreviations_in_running_text_are_spelled_out_at_first_use() -> None:
    mentions = Mentions(ORGS, ACRONYMS)
    assert read(mentions, "ITU contributed to CEB and ILO.") == (
        "ITU contributed to the United Nations System Chief Executives Board for Coordination "
        "(CEB) and the International Labour Organization (ILO)."
    )
    assert read(mentions, "Again CEB, with ICTs.") == (
        "Again CEB, with information and communication technologies (ICTs)."
    )
    assert read(mentions, "More ICT work.") == "More ICT work."  # the plural shares its term


def test_a_modifier_or_a_determiner_takes_no_extra_article() -> None:
    mentions = Mentions(ORGS, ACRONYMS)
    assert read(mentions, "Across UN entities") == "Across United Nations (UN) entities"
    mentions = Mentions(ORGS, ACRONYMS)
    assert read(mentions, "the CEB meets") == (
        "the United Nations System Chief Executives Board for Coordination (CEB) meets"
    )


def test_quoted_titles_and_spelled_out_names_are_left_as_written() -> None:
    mentions = Mentions(ORGS, ACRONYMS)
    text = "The report “ICTs and the SDGs” came out."
    assert read(mentions, text) == text
    text = "Its Inter-Sectoral Coordination Task Force (ISC-TF) met; the ISC-TF reported."
    assert read(mentions, text) == text
    heading = Mentions(ORGS, ACRONYMS)
    heading.introduce("Collaboration with the Board (CEB)")
    assert read(heading, "CEB agreed.") == "CEB agreed."


def test_articles() -> None:
    assert takes_article("World Health Organization")
    assert takes_article("WSIS Forum") and takes_article("2030 Agenda for Sustainable Development")
    assert not takes_article("UNESCO") and not takes_article("UN Women")
    assert not takes_article(
        "EQUALS: The Global Partnership for Gender Equality in the Digital Age"
    )
