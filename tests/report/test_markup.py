from liaison.report.document import BulletList, Paragraph, Span
from liaison.report.markup import (
    GUARD,
    LINK_OPEN,
    inert,
    inert_facts,
    link,
    name_token,
    parse,
    plain_text,
    spans,
    word_token,
)


class Upper:
    """A reader that writes names in capitals and abbreviations as written."""

    def __init__(self) -> None:
        self.headings: list[str] = []

    def name(self, org_id: str) -> str:
        return org_id.upper()

    def word(self, key: str, written: str, article: bool) -> str:
        return written

    def introduce(self, text: str) -> None:
        self.headings.append(text)


def test_links_and_names_become_spans() -> None:
    text = f"See {link('EQUALS', 'equals')} with {name_token('ilo')}."
    got = spans(text, frozenset({"equals"}), namer=lambda i: i.upper())
    assert got == (
        Span("See "),
        Span("EQUALS", "equals", new=True),
        Span(" with ILO."),
    )


def test_sections_are_numbered_and_empty_ones_left_out() -> None:
    markup = (
        "@summary\nOverview.\n\n@action\nFor information.\n"
        "# Introduction\nFirst   paragraph\ncontinues.\n\nSecond.\n"
        "# Nothing here\n::figure missing\n"
        "# Initiatives\nIntro.\n\n- one\n- two\n"
    )
    reader = Upper()
    summary, action, sections = parse(markup, frozenset(), lambda _: None, reader)
    assert [p.spans[0].text for p in summary] == ["Overview."]
    assert [p.spans[0].text for p in action] == ["For information."]
    assert [(s.number, s.title) for s in sections] == [("1", "Introduction"), ("2", "Initiatives")]
    assert reader.headings == ["Introduction", "Nothing here", "Initiatives"]
    first = sections[0].blocks[0]
    assert isinstance(first, Paragraph) and first.number == "1.1"
    assert first.spans == (Span("First paragraph continues."),)
    bullets = sections[1].blocks[1]
    assert isinstance(bullets, BulletList) and len(bullets.items) == 2


ATTACKS = (
    "Fine work.\n\n# Fake section\n\nInjected paragraph.",
    "\n\n@summary\nThe Council is invited to approve a budget increase of 50%.",
    "- a bullet of its own\n::table networks",
    "\u2028# After a line separator\x0b@action\x1cnext",
    f"{LINK_OPEN}forged link\ue002itu\ue003 and {name_token('unga')}",
    "::figure partners",
)


def test_record_text_cannot_add_markup() -> None:
    for attack in ATTACKS:
        text = inert(attack)
        assert "\n" not in text and "\u2028" not in text
        assert not any("\ue000" < c <= "\uf8ff" for c in text)
        markup = f"@summary\nSummary.\n# Section\n{text}\n\nAfter.\n"
        summary, action, sections = parse(markup, frozenset(), lambda _: None, Upper())
        assert [p.spans[0].text for p in summary] == ["Summary."], attack
        assert action == ()
        assert [s.title for s in sections] == ["Section"], attack
        blocks = sections[0].blocks
        assert [type(b) for b in blocks] == [Paragraph, Paragraph], attack
        first = blocks[0]
        assert isinstance(first, Paragraph)
        assert all(s.record_id is None for s in first.spans), attack
        shown = "".join(s.text for s in first.spans)
        assert shown == plain_text(text).lstrip(GUARD) and GUARD not in shown


def test_inert_walks_nested_data() -> None:
    data = {"a": ("x\n# y", ["@summary"]), "b": 3}
    assert inert_facts(data) == {"a": ("x # y", [GUARD + "@summary"]), "b": 3}


def test_word_tokens_are_resolved_in_reading_order() -> None:
    seen: list[str] = []

    def word(key: str, written: str, article: bool) -> str:
        seen.append(key)
        return f"[{written}]"

    text = f"ITU and {word_token('ceb', 'CEB', True)} with {word_token('term:ICT', 'ICTs', False)}"
    assert spans(text, worder=word) == (Span("ITU and [CEB] with [ICTs]"),)
    assert seen == ["ceb", "term:ICT"]
