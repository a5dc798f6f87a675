"""Schema-driven fuzzing: schemathesis reads the OpenAPI document the live server serves and
sends requests generated from it to every operation, on gunicorn at 127.0.0.1 with a fresh
SQLite database holding the sample stories.

Each response must not be a 5xx and must conform to the document (status code, content type,
headers, body schema). The number of requests per operation is bounded (max_examples) so the run
stays within a few minutes on two cores; the count actually sent is written to
var/api-fuzz.json and printed at the end of the session.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.api.live import ROOT, LiveSite, live_site

pytestmark = pytest.mark.slow

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Reads are cheap; each write runs the engine (a brief, or a brief stored as a story).
READ_EXAMPLES = 100
WRITE_EXAMPLES = 25
SENT: Counter[str] = Counter()
STATUSES: Counter[str] = Counter()
REPORT = ROOT / "var" / "api-fuzz.json"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    rates = {
        "NUTGRAF_API_READ_RATE": "1000000/60",
        "NUTGRAF_API_BRIEF_RATE": "1000000/60",
        "NUTGRAF_API_WRITE_RATE": "1000000/60",
    }
    with live_site(tmp_path_factory.mktemp("api-fuzz"), **rates) as site:
        yield site
        log = site.log.read_text(errors="replace")
        assert "Traceback" not in log, log[-4000:]
        REPORT.parent.mkdir(exist_ok=True)
        REPORT.write_text(
            json.dumps(
                {"requests": sum(SENT.values()), "per_operation": SENT, "statuses": STATUSES},
                indent=2,
                sort_keys=True,
            )
        )


@pytest.fixture(scope="module")
def api_schema(live: LiveSite) -> Any:
    return schemathesis.openapi.from_url(f"{live.url}/api/v1/openapi.json")


# Every operation of the API, each fuzzed with positive (valid) and negative (invalid) data.
OPERATIONS = [
    ("POST", "/api/v1/briefs"),
    ("GET", "/api/v1/stories"),
    ("GET", "/api/v1/stories/{story_id}"),
    ("GET", "/api/v1/stories/{story_id}/articles"),
    ("GET", "/api/v1/articles/{article_id}"),
    ("GET", "/api/v1/entities/{entity_id}"),
    ("GET", "/api/v1/search"),
    ("GET", "/api/v1/coverages"),
    ("GET", "/api/v1/coverages/{coverage_id}"),
    ("GET", "/api/v1/stories/{story_id}/coverage"),
    ("POST", "/api/v1/articles"),
    ("GET", "/api/v1/submissions/{submission_id}"),
]
FUZZ: dict[str, Any] = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "phases": [Phase.explicit, Phase.generate],
    "suppress_health_check": list(HealthCheck),
}


def test_the_document_lists_exactly_these_operations(api_schema: Any) -> None:
    served = {
        (result.ok().method.upper(), result.ok().path) for result in api_schema.get_all_operations()
    }
    assert served == set(OPERATIONS)


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda m: m.value)
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=lambda x: x)
def test_operation_conforms(
    method: str, path: str, mode: GenerationMode, live: LiveSite, api_schema: Any
) -> None:
    operation = api_schema[path][method]
    examples = WRITE_EXAMPLES if method == "POST" else READ_EXAMPLES
    auth = {"Authorization": f"Bearer {live.token}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, **FUZZ)
    def send(case: Any) -> None:
        response = case.call(base_url=live.url, headers=auth)
        SENT[f"{method} {path}"] += 1
        STATUSES[str(response.status_code)] += 1
        case.validate_response(response, checks=CHECKS)

    send()


def test_fuzzing_reached_every_operation() -> None:
    """Runs after the fuzzing above (pytest keeps file order): each operation got requests."""
    assert set(SENT) == {f"{m} {p}" for m, p in OPERATIONS}
    print(f"\napi fuzzing: {sum(SENT.values())} requests; {dict(SENT)}; statuses {dict(STATUSES)}")
