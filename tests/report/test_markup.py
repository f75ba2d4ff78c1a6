from liaison.report.document import BulletList, Paragraph, Span
from liaison.report.markup import link, name_token, parse, spans


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
    summary, action, sections = parse(markup, frozenset(), lambda _: None, str)
    assert [p.spans[0].text for p in summary] == ["Overview."]
    assert [p.spans[0].text for p in action] == ["For information."]
    assert [(s.number, s.title) for s in sections] == [("1", "Introduction"), ("2", "Initiatives")]
    first = sections[0].blocks[0]
    assert isinstance(first, Paragraph) and first.number == "1.1"
    assert first.spans == (Span("First paragraph continues."),)
    bullets = sections[1].blocks[1]
    assert isinstance(bullets, BulletList) and len(bullets.items) == 2
