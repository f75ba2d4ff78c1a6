"""A property-based fuzz of the JSON API from its OpenAPI schema, with the app in process.

Schemathesis makes requests to every operation from the published schema, valid ones and ones
the API must refuse, as an administrator on the demo registry; a server error, a status or a
content type the schema does not list, or a response body or header that breaks the schema
fails the test. ``python -m benchmarks.api_fuzz`` runs the same against a real server, longer.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode, checks

from tests.web.conftest import Site

#: Left out: revoking a token would revoke the one the fuzz signs in with (test_access covers it).
LEFT_OUT = {("DELETE", "/api/tokens/{token_id}")}
CASES = {GenerationMode.POSITIVE: 4, GenerationMode.NEGATIVE: 1}
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


def test_fuzzing_the_api_finds_no_server_error_and_nothing_outside_the_schema(
    site: Site,
) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", site.client.app)
    headers = site.as_role("admin")
    ran: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in LEFT_OUT:
            continue
        for mode, examples in CASES.items():
            try:
                _fuzz(operation, mode, examples, headers, ran)
            except Unsatisfiable:
                if mode is GenerationMode.POSITIVE:
                    raise  # no input is invalid (any text is an id, say): nothing to refuse
    assert len(ran) >= 150 and len(set(ran)) == 41


def _fuzz(
    operation: Any, mode: GenerationMode, examples: int, headers: dict[str, str], ran: list[str]
) -> None:
    """Call ``operation`` with ``examples`` generated inputs and check each answer."""
    negative = [checks.negative_data_rejection] if mode is GenerationMode.NEGATIVE else []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        ran.append(operation.label)
        case.call_and_validate(headers=headers, checks=CHECKS + negative)

    call()
