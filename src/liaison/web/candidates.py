"""The candidates ``liaison ingest`` kept, reviewed in the browser: ``/candidates`` (with its
``.json`` twin) lists them a page at a time, best score first, each beside the paragraph it was
read in with its span marked; editors accept or reject them one at a time, or accept in bulk every
waiting candidate over a score (``POST /candidates/decide``).

Accepting imports the candidate through the registry's validation (:mod:`liaison.ingest.review`):
a candidate the import refuses changes nothing, and the page comes back with the problem beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from liaison.errors import InvalidInput, InvalidRequest, Problem
from liaison.ingest.candidates import KINDS
from liaison.ingest.review import STATES, Decisions, candidate_page, decide, waiting
from liaison.model import StoredCandidate
from liaison.services.kind_columns import kind_key
from liaison.web.context import unit
from liaison.web.pages import form_fields, respond, twin
from liaison.web.review import score_field

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
#: Characters of the paragraph shown either side of the span before the rest is folded away.
CONTEXT = 280
#: The filters a decision carries back to the page it was made on.
KEPT = ("kind", "document", "min_score", "state", "offset")
#: How the import names the candidate it refuses (see ``liaison.ingest.review.promote``).
REFUSED = re.compile(r"^candidate (\d+) \(")


@dataclass(frozen=True)
class Choice:
    """What the page is asked for, checked."""

    kind: str | None
    document: str | None
    min_score: float | None
    state: str
    offset: int

    def query(self, **more: object) -> str:
        """The page's query string with these filters (and ``more``)."""
        items = {
            "kind": self.kind,
            "document": self.document,
            "min_score": self.min_score,
            "state": None if self.state == "suggested" else self.state,
            "offset": self.offset or None,
            **more,
        }
        return urlencode({k: v for k, v in items.items() if v is not None and v != ""})


@dataclass(frozen=True)
class Excerpt:
    """A paragraph cut in three around the candidate's span: each part is text, escaped on its
    own when shown (the paragraph is data, never markup)."""

    before: str
    span: str
    after: str
    #: Whether ``before`` or ``after`` were shortened (the whole paragraph is then offered).
    cut: bool = False


def _text(value: str | None) -> str | None:
    return (value.strip() or None) if value is not None else None


def _offset(text: str | None) -> int:
    try:
        return max(int(_text(text) or 0), 0)
    except ValueError:
        raise InvalidRequest(f"offset must be a whole number, not '{text}'") from None


def _choice(
    kind: str | None, document: str | None, min_score: str | None, state: str | None, offset: str
) -> Choice:
    kind, state = _text(kind), _text(state) or "suggested"
    if kind is not None and kind not in KINDS:
        raise InvalidRequest(f"kind: '{kind}' is not one of {', '.join(KINDS)}")
    if state not in STATES:
        raise InvalidRequest(f"state: '{state}' is not one of {', '.join(STATES)}")
    return Choice(
        kind, _text(document), score_field(min_score, "min_score"), state, _offset(offset)
    )


def document_name(document: str) -> str:
    """The file's name without its folders (``reports/c18-inf-4.docx`` → ``c18-inf-4.docx``)."""
    return re.split(r"[\\/]", document)[-1] or document


def excerpts(
    paragraph: str, start: int, end: int, context: int = CONTEXT
) -> tuple[Excerpt, Excerpt]:
    """The paragraph around the span (at most ``context`` characters either side, cut at a
    space), and the whole paragraph, each in three parts."""
    start = min(max(start, 0), len(paragraph))
    end = min(max(end, start), len(paragraph))
    before, span, after = paragraph[:start], paragraph[start:end], paragraph[end:]
    whole = Excerpt(before, span, after)
    short_before, short_after = before, after
    if len(before) > context:
        head = before[-context:]
        space = head.find(" ")
        short_before = "… " + (head[space + 1 :] if 0 <= space < context // 2 else head)
    if len(after) > context:
        tail = after[:context]
        space = tail.rfind(" ")
        short_after = (tail[:space] if space > context // 2 else tail) + " …"
    cut = short_before != before or short_after != after
    return Excerpt(short_before, span, short_after, cut), whole


def _entry(value: Any) -> str:
    """One value of a proposed field as text: a partner as ``org (role)``."""
    if isinstance(value, dict):
        if "org" in value:
            role = value.get("role")
            return f"{value['org']} ({role})" if role else str(value["org"])
        return ", ".join(f"{k}: {_entry(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_entry(v) for v in value)
    return "" if value is None else str(value)


def shown_fields(fields: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The proposed fields as (name, entries): a list gives one entry each."""
    return [
        (name, [_entry(v) for v in value] if isinstance(value, list) else [_entry(value)])
        for name, value in fields.items()
        if value not in (None, "", [], {})
    ]


def _item(c: StoredCandidate) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": c.kind,
        "key": c.key,
        "fields": c.fields,
        "matches": list(c.matches),
        "document": c.document,
        "document_name": document_name(c.document),
        "source_id": c.source_id,
        "locator": c.locator,
        "start": c.start,
        "end": c.end,
        "text": c.paragraph[c.start : c.end],
        "paragraph": c.paragraph,
        "score": c.score,
        "extractor": c.extractor,
        "state": c.state,
        "record_id": c.record_id,
        "decided_by": c.decided_by,
        "created_at": c.created_at,
    }


def _page(session: Session, choice: Choice) -> tuple[dict[str, Any], dict[str, Any]]:
    """The page's data (also its ``.json`` twin) and what only the HTML page shows."""
    found = candidate_page(
        session,
        kind=choice.kind,
        document=choice.document,
        min_score=choice.min_score,
        state=choice.state,
        limit=PAGE_SIZE,
        offset=choice.offset,
    )
    if not found.items and found.total and choice.offset:
        # Past the end (the last ones were just decided): the last page there is.
        last = (found.total - 1) // PAGE_SIZE * PAGE_SIZE
        choice = Choice(choice.kind, choice.document, choice.min_score, choice.state, last)
        return _page(session, choice)
    data = {
        "candidates": {
            "items": [_item(c) for c in found.items],
            "total": found.total,
            "offset": found.offset,
            "limit": found.limit,
            "by_kind": found.by_kind,
            "by_document": found.by_document,
        },
        "filters": {
            "kind": choice.kind,
            "document": choice.document,
            "min_score": choice.min_score,
            "state": choice.state,
        },
    }
    extra = {
        "choice": choice,
        "kinds": KINDS,
        "plural": {k: kind_key(k) or k for k in KINDS},
        "states": STATES,
        "document_name": document_name,
        "excerpts": {c.id: excerpts(c.paragraph, c.start, c.end) for c in found.items},
        "shown_fields": {c.id: shown_fields(c.fields) for c in found.items},
    }
    return data, extra


def done_message(done: Decisions) -> str:
    """``Accepted 2.``, ``Rejected 1.``, ``Accepted 3; 1 already so.``"""
    said = []
    if done.accepted or not (done.rejected or done.unchanged):
        said.append(f"accepted {done.accepted}")
    if done.rejected:
        said.append(f"rejected {done.rejected}")
    text = ", ".join(said) if said else "nothing changed"
    if done.unchanged:
        text += f"; {done.unchanged} already so"
    return text[:1].upper() + text[1:] + "."


@twin("/candidates", on=router)
def candidates_page(
    request: Request,
    as_json: bool,
    kind: str | None = None,
    document: str | None = None,
    min_score: str | None = None,
    state: str | None = None,
    offset: str = "0",
    accepted: int | None = None,
    rejected: int | None = None,
    unchanged: int | None = None,
) -> Response:
    with unit(request, "edit") as work:
        choice = _choice(kind, document, min_score, state, offset)
        data, extra = _page(work.session, choice)
    done = None
    if accepted is not None or rejected is not None or unchanged is not None:
        done = Decisions(accepted or 0, rejected or 0, unchanged or 0)
    data["done"] = None if done is None else done.__dict__
    extra["message"] = None if done is None else done_message(done)
    return respond(request, "candidates.html", data, as_json, **extra)


def _ids(values: list[str]) -> list[int]:
    try:
        return [int(v) for v in values if v.strip()]
    except ValueError:
        raise InvalidRequest("a candidate is named by its number") from None


@router.post("/candidates/decide")
async def decide_candidates(request: Request) -> Response:
    """Accept or reject the candidates named in ``candidate`` (``decision``: accept or reject),
    or accept every waiting one (of ``kind``, read in ``document``) scoring at least
    ``accept_above``; back to the page with its filters and what was done. A candidate the
    import refuses changes nothing: the page again (400) with the problem beside it."""
    from liaison.web.app import wants_json

    fields = await form_fields(request)

    def last(name: str) -> str | None:
        return _text(fields.get(name, [""])[-1])

    choice: Choice | None = None
    try:
        with unit(request, "edit", write=True, csrf=last("csrf_token")) as work:
            choice = _choice(last("kind"), last("document"), last("min_score"), last("state"),
                             last("offset") or "0")  # fmt: skip
            named, decision = _ids(fields.get("candidate", [])), last("decision")
            above = score_field(last("accept_above"), "accept at or above")
            if named and decision not in ("accept", "reject"):
                raise InvalidRequest("choose accept or reject")
            if not named and above is None:
                raise InvalidRequest("choose a candidate, or a score to accept at or above")
            accept, reject = (named, []) if decision == "accept" else ([], named)
            outcome = _decide(work.session, work.principal.actor, accept, reject, choice, above)
    except InvalidInput as refused:
        if wants_json(request) or choice is None:
            raise
        return _page_with_problem(request, choice, refused, last("csrf_token"))
    target = f"/candidates?{choice.query(**outcome.__dict__)}"
    return RedirectResponse(target, status_code=303)


def _decide(
    session: Session,
    actor: str,
    accept: list[int],
    reject: list[int],
    choice: Choice,
    above: float | None,
) -> Decisions:
    """The decision; in bulk, only of the kind and the document the page shows."""
    if above is None:
        return decide(session, actor, accept=accept, reject=reject)
    if choice.document is None:
        return decide(
            session, actor, accept=accept, reject=reject, kind=choice.kind, accept_above=above
        )
    named = {*accept, *reject}
    also = [
        c.id
        for c in waiting(session, kind=choice.kind, min_score=above)
        if c.document == choice.document and c.id not in named
    ]
    return decide(session, actor, accept=[*accept, *also], reject=reject)


def _page_with_problem(
    request: Request, choice: Choice, refused: InvalidInput, csrf: str | None
) -> Response:
    """The page as it was (nothing was changed), with what the import refused beside each
    candidate it names, and over the page (400)."""
    beside: dict[int, list[str]] = {}
    general: list[str] = []
    for p in refused.problems or [Problem("candidates", refused.message)]:
        said = (f"{p.field}: " if p.field else "") + p.message
        named = REFUSED.match(p.file)
        if named:
            beside.setdefault(int(named.group(1)), []).append(said)
        else:
            general.append(said)
    with unit(request, "edit", csrf=csrf) as work:  # read again, as the form came
        data, extra = _page(work.session, choice)
    shown = {item["id"] for item in data["candidates"]["items"]}
    general += [
        f"candidate {n}: {said}" for n, lines in beside.items() if n not in shown for said in lines
    ]
    context = {
        "principal": request.state.principal,
        **data,
        **extra,
        "done": None,
        "message": None,
        "refused": {"beside": beside, "general": general},
    }
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "candidates.html", context, 400)
