"""A realistic :class:`Report` built by hand, shaped like the 2018 Council report.

Used by the renderer tests (and by anyone who needs a report without a database): sections as
in the seed, numbered paragraphs whose spans state records (some new since the previous period,
some with a URL), the initiatives as a bullet list, the networks as a two-column table, a small
figure drawn with matplotlib's object API, and an annex of sources.
"""

from __future__ import annotations

import functools
import io
import itertools

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure

from liaison.report.document import (
    Block,
    BulletList,
    Figure,
    Paragraph,
    Report,
    Section,
    Source,
    Span,
    Table,
    Text,
)

RECORD_URL = "https://liaison.example.org/records/{}"

SECTION_TITLES = (
    "Introduction",
    "The 2030 Agenda and the Sustainable Development Goals",
    "UN Governance and subsidiary mechanisms",
    "UN Summits and Conferences",
    "Inter-agency Coordination",
    "Key initiatives with other UN Funds, Programmes and Specialized Agencies",
    "Collaboration with the Joint Inspection Unit of the United Nations system (JIU)",
)

# Sentences in the seed's register: (text before, the record it states, text after).
STATEMENTS = (
    (
        "As a United Nations (UN) Specialized Agency, ITU collaborates with the UN system "
        "governance processes, subsidiary mechanisms and inter-agency coordination networks; ",
        "The ITU General Secretariat, assisted by its UN Liaison Office in New York",
        "itu-un-relations-coordination",
        ", coordinates ITU’s relations with the UN and ensures that its priorities are "
        "reflected in UN system-wide work, outputs and agenda setting.",
    ),
    (
        "2017 has been an important transitional period for the UN, with ",
        "the UN Secretary-General Mr António Guterres ushering in a new set of priorities",
        "unsg-reform-priorities-2017",
        " to ensure a more coherent, accountable and effective UN system – one that is "
        "‘fit for purpose’ to support the 2030 Agenda for Sustainable Development.",
    ),
    (
        "ITU continued to follow and provide inputs to ",
        "the High-level Political Forum (HLPF)",
        "hlpf-2017",
        ", by means of an ITU Council contribution, and enhanced its outreach with countries "
        "presenting their voluntary national reviews.",
    ),
    (
        "ITU ensured that its key activities are reflected in ",
        "ECOSOC/CSTD resolutions on Science, Technology & Innovation for Development",
        "cstd-resolution-sti",
        ", and in UNGA resolutions on ICTs for development (A/RES/72/200 and others).",
    ),
    (
        "ITU participated in and contributed to ",
        "the First UN World Data Forum (January 2017)",
        "un-world-data-forum-2017",
        ", among other major conferences, summits and high-level meetings.",
    ),
    (
        "During this period, ITU contributed actively to ",
        "the Chief Executives Board for Coordination (CEB)",
        "ceb",
        " and its subsidiary mechanisms (HLCM, HLCP, UNDG), which unite the executive heads "
        "of UN bodies twice a year under the chairmanship of the UN Secretary-General.",
    ),
    (
        "ITU continued to strengthen its relationship with UN organizations through ",
        "joint initiatives with FAO, ILO, UNESCO, UNICEF, UNIDO, UN Women and WHO",
        "joint-initiatives-2017",
        ", promoting ICTs as enabling tools for sustainable development.",
    ),
    (
        "Through the Inter-Sectoral Coordination Task Force (ISC-TF), ITU reviewed ",
        "the reports of the JIU’s 2016 and 2017 work plans",
        "jiu-review-2017",
        "; the acceptance and implementation rate of JIU recommendations <by ITU> has risen "
        "significantly in the past two years.",
    ),
)

INITIATIVES = (
    ("equals", "EQUALS: The Global Partnership for Gender Equality in the Digital Age", False),
    ("decent-jobs-youth", "Decent Jobs for Youth Campaign led by ILO and ITU", False),
    ("be-healthy-be-mobile", "Be He@lthy, Be Mobile: the WHO/ITU joint programme", False),
    ("broadband-commission", "Broadband Commission for Sustainable Development", False),
    ("ai-for-good-2018", "AI for Good Global Summit, with 20 UN sister agencies", True),
    ("e-waste-monitor-2017", "The Global E-waste Monitor 2017, with UNU and ISWA", True),
    ("figi", "Financial Inclusion Global Initiative (FIGI) by ITU and the World Bank", False),
    ("u4ssc", "United for Smart Sustainable Cities (U4SSC), coordinated with UNECE", False),
    ("smart-cables", "ITU/WMO/UNESCO-IOC Joint Task Force on SMART Cable Systems", True),
)

MANAGEMENT_NETWORKS = (
    "CEB Task Force on Addressing Sexual Harassment in the UN system",
    "Ethics Network of Multilateral Organizations (ENMO)",
    "Human Resources Network",
    "Finance and Budget Network",
    "Procurement Network",
    "Legal Network",
    "Inter-Agency Security Management Network (IASMN)",
    "UN Strategic Planning Network",
    "ICT Network (chaired by the ITU Secretary-General, 2015–2017)",
    "UN Information Security Special Interest Group (UNISSIG)",
    "UN Communications Group",
    "UN Governing Bodies Secretariat Group",
    "UN Representatives of Investigation Services (UN-RIS)",
    "International Annual Meeting on Language Arrangements, Documentation and Publications",
)

THEMATIC_NETWORKS = (
    "Executive Committee on Economic and Social Affairs (ECESA)",
    "Inter-Agency Network on Women and Gender Equality (IANWGE)",
    "Inter-Agency Network on Youth Development (IANYD)",
    "Inter-Agency Support Group on the Convention on the Rights of Persons with Disabilities",
    "Inter-agency Consultative Groups on LDCs/SIDS",
    "Inter-Agency Task Force on Africa",
    "Inter-Agency Task Team on Technology Bank",
    "Inter-Agency Task Teams of the Technology Facilitation Mechanism",
    "Financing for Development Task Force",
    "Inter-Agency Meeting on Outer Space Activities (UN-Space)",
    "UN Task Force on the Prevention and Control of NCDs",
    "Inter-Agency Standing Committee on Emergency Telecommunications",
    "UN Environment Management Group (EMG)",
    "Inter-Agency and Expert Group on SDG Indicators (IAEG-SDGs)",
    "UN Global Working Group on Big Data for Official Statistics",
    "Inter-Agency and Expert Group on Gender Statistics",
)

NETWORKS_HEADER = ("Management / Administrative", "Thematic")


def _slug(text: str) -> str:
    kept = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in kept.split("-") if part)[:60]


def _statement(index: int) -> Text:
    before, stated, record_id, after = STATEMENTS[index % len(STATEMENTS)]
    if index >= len(STATEMENTS):  # distinct records for the repeated statements of long reports
        record_id = f"{record_id}-{index // len(STATEMENTS)}"
    return (
        Span(before),
        Span(stated, record_id=record_id, new=index % 5 == 3),
        Span(after),
    )


@functools.cache
def figure_png() -> bytes:
    """A small bar chart (events by month) as PNG, drawn without pyplot."""
    figure = MplFigure(figsize=(6.4, 2.8), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    counts = [3, 1, 4, 2, 5, 6, 4, 1, 3, 5, 4, 2]
    axes.bar(months, counts, color="#4d4d4d")
    axes.set_ylabel("Events")
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def networks_table() -> Table:
    def cell(names: tuple[str, ...]) -> tuple[Text, ...]:
        return tuple((Span(name, record_id=_slug(name)),) for name in names)

    return Table(
        caption="UN inter-agency mechanisms and networks in which ITU participates",
        header=NETWORKS_HEADER,
        rows=((cell(MANAGEMENT_NETWORKS), cell(THEMATIC_NETWORKS)),),
    )


def sample_report(paragraphs: int = 40, with_figures: bool = True) -> Report:
    """A report of ``paragraphs`` numbered paragraphs spread over the seed's seven sections."""
    counter = itertools.count()
    per_section, extra = divmod(max(paragraphs, 0), len(SECTION_TITLES))
    sections: list[Section] = []
    for index, title in enumerate(SECTION_TITLES, start=1):
        count = per_section + (1 if index <= extra else 0)
        blocks: list[Block] = [
            Paragraph(spans=_statement(next(counter)), number=f"{index}.{n}")
            for n in range(1, count + 1)
        ]
        if index == 5:  # inter-agency coordination: the networks
            blocks.append(
                Paragraph(
                    spans=(
                        Span(
                            "ITU also participates actively in the work of various inter-agency "
                            "mechanisms and networks throughout the year. Among these:"
                        ),
                    )
                )
            )
            blocks.append(networks_table())
        if index == 6:  # key initiatives
            blocks.append(Paragraph(spans=(Span("During this period, key initiatives include:"),)))
            blocks.append(
                BulletList(
                    items=tuple(
                        (Span(text, record_id=record_id, new=new), Span(";"))
                        for record_id, text, new in INITIATIVES
                    )
                )
            )
            if with_figures:
                blocks.append(
                    Figure(
                        name="events-by-month",
                        caption="UN events attended by ITU, by month of the period",
                        png=figure_png(),
                        width_cm=14.0,
                    )
                )
        sections.append(Section(number=str(index), title=title, blocks=tuple(blocks)))

    record_ids = [
        span.record_id
        for section in sections
        for block in section.blocks
        if isinstance(block, Paragraph)
        for span in block.spans
        if span.record_id
    ]
    # Every record but every fourth has a page in the registry.
    record_urls = {rid: RECORD_URL.format(rid) for i, rid in enumerate(record_ids) if i % 4 != 1}
    record_urls.update({rid: RECORD_URL.format(rid) for rid, _, _ in INITIATIVES[:6]})
    record_urls.update({_slug(name): RECORD_URL.format(_slug(name)) for name in THEMATIC_NETWORKS})
    sources = (
        Source(
            number=1,
            citation="ITU Council, “Collaboration with the United Nations system”, "
            "Document C17/INF/10, 2017.",
            record_ids=tuple(record_ids[:3]),
            url="https://liaison.example.org/documents/c17-inf-10",
            paragraphs=("1.1", "2.1"),
        ),
        Source(
            number=2,
            citation="UN General Assembly, Resolution A/RES/72/200, “Information and "
            "communications technologies for sustainable development”, 2017.",
            record_ids=tuple(record_ids[3:5]),
            url="https://liaison.example.org/documents/a-res-72-200",
        ),
        Source(
            number=3,
            citation="ECOSOC, Resolution 2017/21, “Science, technology & innovation for "
            "development”.",
            record_ids=tuple(record_ids[5:6]),
        ),
        Source(
            number=4,
            citation="Joint Inspection Unit, “Review of management and administration in the "
            "International Telecommunication Union”, JIU/REP/2016/1.",
            record_ids=("jiu-review-2017",),
            url="https://liaison.example.org/documents/jiu-rep-2016-1",
            paragraphs=("7.1",),
        ),
        Source(
            number=5,
            citation="ITU UN Liaison Office, New York: mission reports, 2017–2018.",
            record_ids=tuple(r for r, *_ in INITIATIVES[:4]),
        ),
    )
    return Report(
        organization="International Telecommunication Union",
        title="Collaboration with the United Nations system",
        period="May 2017 – April 2018",
        date="6 April 2018",
        symbol="C18/INF/10",
        author="Report by the Secretary-General",
        purpose="For information",
        summary=(
            Paragraph(
                spans=(
                    Span(
                        "This report presents an overview of ITU’s activities and relationship "
                        "with the UN system since Council 2017."
                    ),
                )
            ),
        ),
        action_required=(
            Paragraph(spans=(Span("This report is transmitted to the Council for information."),)),
        ),
        sections=tuple(sections),
        sources=sources,
        record_urls=record_urls,
        session="Council 2018",
        venue="Geneva, 17–27 April 2018",
        languages="English only",
        references=("C08/INF/8", "C17/INF/10"),
        legend="An item in bold followed by “(new)” was not in the previous report, C17/INF/10.",
    )


def empty_report() -> Report:
    """The least a report can be: no summary, sections, figures or sources."""
    return Report(
        organization="International Telecommunication Union",
        title="Collaboration with the United Nations system",
        period="2018",
        date="1 January 2018",
        symbol=None,
        author="Report by the Secretary-General",
        purpose="",
        summary=(),
        action_required=(),
        sections=(),
    )
