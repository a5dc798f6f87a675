"""The endpoints under /api/v1/. Thin: parse, call a selector or service, shape the answer.

Every GET answer goes through conditional.conditional_json (ETag, Last-Modified, 304).
Answers are built as the schemas' models and dumped, so what is sent is what the OpenAPI
document promises; the brief of POST /briefs is the one exception, sent byte for byte as the
engine's to_dict() so that it equals the CLI's output.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Path, Query, Router

from nutgraf.web.api import briefs, selectors, services
from nutgraf.web.api.auth import TokenAuth
from nutgraf.web.api.conditional import conditional_json, json_bytes
from nutgraf.web.api.cursors import cursor_decode, cursor_encode
from nutgraf.web.api.errors import ApiError, error_response
from nutgraf.web.api.schemas import (
    MAX_ID,
    ArticleDetailOut,
    ArticleIn,
    ArticlePage,
    BriefIn,
    BriefOut,
    CoverageDetailOut,
    CoveragePage,
    CoverageQuery,
    EntityOut,
    ErrorOut,
    IngestOut,
    SearchQuery,
    StoryDetailOut,
    StoryPage,
    StoryQuery,
    SubmissionOut,
)
from nutgraf.web.coverage import selectors as coverage_selectors
from nutgraf.web.coverage.models import Coverage
from nutgraf.web.jobs.errors import JobQueueDown
from nutgraf.web.jobs.models import Submission
from nutgraf.web.jobs.services import jobs_use_workers
from nutgraf.web.limits.counters import slot_give_back, slot_take
from nutgraf.web.stories.models import SourceDocument, Story
from nutgraf.web.stories.views import site_url

router = Router()

READ_ERRORS = dict.fromkeys((400, 404, 422, 429, 500), ErrorOut)
WRITE_ERRORS = dict.fromkeys((400, 413, 415, 422, 429, 500), ErrorOut)
BRIEF_ERRORS = {**WRITE_ERRORS, 503: ErrorOut}
BRIEF_POOL = "api-briefs"
BUSY_RETRY_SECONDS = 5
ID = Path(..., ge=1, le=MAX_ID, description="The numeric id.", examples=[1, 2])


def _utc(value: datetime | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        if timezone.is_naive(value):
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ApiError(422, f"{name}: the date is out of range.") from None


def _filters(params: StoryQuery) -> selectors.StoryFilters:
    return selectors.StoryFilters(
        category=params.category,
        entity=params.entity,
        since=_utc(params.since, "since"),
        until=_utc(params.until, "until"),
    )


def _story(story: Story, base: str) -> dict[str, Any]:
    return {
        "id": story.id,
        "slug": story.slug,
        "url": base + story.get_absolute_url(),
        "headline": story.headline,
        "summary": story.summary,
        "description": story.description,
        "byline": story.byline,
        "image_url": story.image_url or None,
        "category": {
            "id": story.category.id,
            "name": story.category.name,
            "slug": story.category.slug,
        },
        "published_at": story.published_at,
        "updated_at": story.updated_at,
        "reading_minutes": story.reading_minutes,
    }


def _article(article: SourceDocument, story_ids: list[int]) -> dict[str, Any]:
    return {
        "id": article.id,
        "url": article.url or None,
        "site_name": article.site_name,
        "author": article.author,
        "published": article.published or None,
        "story_ids": story_ids,
    }


def _dump(schema: Any, value: Any) -> Any:
    return schema.model_validate(value).model_dump(mode="json")


# --- briefs -----------------------------------------------------------------------------------


def _editor(request: HttpRequest) -> bool:
    """True when the request carries a live editor's token (its briefs skip the shared pool)."""
    auth = request.headers.get("Authorization", "")
    if not auth.lower().startswith("bearer "):
        return False
    return services.token_authenticate(raw=auth[7:].strip()) is not None


@router.post(
    "/briefs",
    response={200: BriefOut, **BRIEF_ERRORS},
    tags=["briefs"],
    summary="Make a brief of text, HTML or a URL (not stored)",
)
def brief_create(request: HttpRequest, data: BriefIn) -> HttpResponse:
    """One brief, within the engine's character limit (413) and a time budget (503
    too_slow). Briefs without a token share a pool of NUTGRAF_API_BRIEF_CONCURRENCY places
    across every web process (503 busy when all are taken), so anonymous callers can never
    hold every worker."""
    seconds = float(settings.API_BRIEF_SECONDS)
    held = None
    if not _editor(request):
        # The lease outlives the budget by a stage's worth: a process killed mid-brief frees
        # its place when the lease runs out.
        held = slot_take(
            pool=BRIEF_POOL, size=int(settings.API_BRIEF_CONCURRENCY), seconds=seconds + 30
        )
        if held is None:
            response = error_response(
                503,
                "Every place for briefs without a token is taken; try again in a few seconds.",
                code="busy",
            )
            response["Retry-After"] = str(BUSY_RETRY_SECONDS)
            return response
    try:
        brief = briefs.brief_compose(
            text=data.text,
            html=data.html,
            url=data.url,
            text_format=data.format,
            name=data.name,
            points=data.points,
            time_budget=seconds,
        )
    finally:
        if held is not None:
            slot_give_back(handle=held)
    return HttpResponse(json_bytes(brief), content_type="application/json")


# --- stories ----------------------------------------------------------------------------------


@router.get(
    "/stories",
    response={200: StoryPage, 304: None, **READ_ERRORS},
    tags=["stories"],
    summary="Published stories, newest first",
)
def story_list(request: HttpRequest, params: Query[StoryQuery]) -> HttpResponse:
    after = None
    if params.cursor:
        value = cursor_decode(params.cursor, kind="stories")
        after = (datetime.fromisoformat(value["p"]), int(value["i"]))
    stories, last = selectors.story_page(filters=_filters(params), after=after, limit=params.limit)
    base = site_url(request)
    page = {
        "items": [_story(s, base) for s in stories],
        "next_cursor": cursor_encode({"k": "stories", "p": last[0].isoformat(), "i": last[1]})
        if last
        else None,
    }
    return conditional_json(
        request, _dump(StoryPage, page), last_modified=selectors.content_last_modified()
    )


@router.get(
    "/stories/{story_id}",
    response={200: StoryDetailOut, 304: None, **READ_ERRORS},
    tags=["stories"],
    summary="One published story with its brief",
)
def story_detail(request: HttpRequest, story_id: int = ID) -> HttpResponse:
    story = selectors.story_get_public(story_id=story_id)
    if story is None:
        raise ApiError(404, f"There is no published story {story_id}.")
    detail = {
        **_story(story, site_url(request)),
        "tags": [{"name": t.name, "slug": t.slug} for t in story.tags.all()],
        "entities": [
            {
                "id": link.entity.id,
                "name": link.entity.name,
                "kind": link.entity.kind,
                "roles": [str(r) for r in link.roles],
                "mentions": link.mentions,
            }
            for link in story.entity_list
        ],
        "article_ids": [story.source_id],
        "brief": story.brief,
    }
    changed = max(d for d in (story.modified_at, story.published_at, story.updated_at) if d)
    return conditional_json(request, _dump(StoryDetailOut, detail), last_modified=changed)


@router.get(
    "/stories/{story_id}/articles",
    response={200: ArticlePage, 304: None, **READ_ERRORS},
    tags=["articles"],
    summary="The source articles a published story was made from",
)
def story_articles(request: HttpRequest, story_id: int = ID) -> HttpResponse:
    story = selectors.story_get_public(story_id=story_id)
    if story is None:
        raise ApiError(404, f"There is no published story {story_id}.")
    items = [_article(a, ids) for a, ids in selectors.story_articles(story=story)]
    page = {"items": items, "next_cursor": None}
    changed = max(d for d in (story.modified_at, story.published_at) if d)
    return conditional_json(request, _dump(ArticlePage, page), last_modified=changed)


@router.get(
    "/articles/{article_id}",
    response={200: ArticleDetailOut, 304: None, **READ_ERRORS},
    tags=["articles"],
    summary="One source article, with the text its stories cite",
)
def article_detail(request: HttpRequest, article_id: int = ID) -> HttpResponse:
    found = selectors.article_get_public(article_id=article_id)
    if found is None:
        raise ApiError(404, f"There is no published article {article_id}.")
    article, story_ids, newest = found
    detail = {**_article(article, story_ids), "text": newest.body_text}
    changed = max(d for d in (newest.modified_at, newest.published_at) if d)
    return conditional_json(request, _dump(ArticleDetailOut, detail), last_modified=changed)


@router.get(
    "/entities/{entity_id}",
    response={200: EntityOut, 304: None, **READ_ERRORS},
    tags=["entities"],
    summary="A person, organisation, place or group named in published stories",
)
def entity_detail(request: HttpRequest, entity_id: int = ID) -> HttpResponse:
    entity = selectors.entity_get_public(entity_id=entity_id)
    if entity is None:
        raise ApiError(404, f"No published story names an entity {entity_id}.")
    detail = {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "slug": entity.slug,
        "url": site_url(request) + entity.get_absolute_url(),
        "story_count": entity.story_count,
    }
    return conditional_json(
        request, _dump(EntityOut, detail), last_modified=selectors.content_last_modified()
    )


@router.get(
    "/search",
    response={200: StoryPage, 304: None, **READ_ERRORS},
    tags=["stories"],
    summary="Full-text search of published stories, best match first",
)
def story_search(request: HttpRequest, params: Query[SearchQuery]) -> HttpResponse:
    offset = 0
    if params.cursor:
        value = cursor_decode(params.cursor, kind="search")
        if value.get("q") != params.q:
            raise ApiError(400, "The cursor belongs to another search.", code="bad_cursor")
        offset = int(value["o"])
    stories, next_offset = selectors.story_search_page(
        text=params.q, filters=_filters(params), offset=offset, limit=params.limit
    )
    base = site_url(request)
    page = {
        "items": [_story(s, base) for s in stories],
        "next_cursor": cursor_encode({"k": "search", "q": params.q, "o": next_offset})
        if next_offset is not None
        else None,
    }
    return conditional_json(
        request, _dump(StoryPage, page), last_modified=selectors.content_last_modified()
    )


# --- coverage ---------------------------------------------------------------------------------


def _coverage(coverage: Coverage, base: str) -> dict[str, Any]:
    return {
        "id": coverage.id,
        "slug": coverage.slug,
        "url": base + coverage.get_absolute_url(),
        "title": coverage.title,
        "counts": {
            "articles": coverage.articles,
            "outlets": coverage.outlets,
            "independent": coverage.independent,
            "text": coverage.counts_text,
        },
        "first_published": coverage.first_published or None,
        "last_published": coverage.last_published or None,
        "updated_at": coverage.updated_at,
    }


def _coverage_detail(request: HttpRequest, coverage_id: int) -> HttpResponse:
    coverage = coverage_selectors.coverage_get_public(coverage_id=coverage_id)
    if coverage is None:
        raise ApiError(404, f"There is no published coverage {coverage_id}.")
    base = site_url(request)
    members = [
        {
            "story_id": m.story.id,
            "story_url": base + m.story.get_absolute_url(),
            "headline": m.story.headline,
            "outlet": m.outlet,
            "role": m.role,
            "follows_story_id": m.follows_id,
            "copied": m.copied,
            "covered": m.covered,
            "added": [str(a.get("text", "")) for a in m.added or ()],
        }
        for m in coverage.visible_members
    ]
    detail = {**_coverage(coverage, base), "members": members, "brief": coverage.brief}
    return conditional_json(
        request, _dump(CoverageDetailOut, detail), last_modified=coverage.updated_at
    )


@router.get(
    "/coverages",
    response={200: CoveragePage, 304: None, **READ_ERRORS},
    tags=["coverage"],
    summary="Coverages: one event told by several outlets, most recently updated first",
)
def coverage_list(request: HttpRequest, params: Query[CoverageQuery]) -> HttpResponse:
    after = None
    if params.cursor:
        value = cursor_decode(params.cursor, kind="coverages")
        after = (datetime.fromisoformat(value["u"]), int(value["i"]))
    filters = coverage_selectors.CoverageFilters(
        category=params.category,
        entity=params.entity,
        since=_utc(params.since, "since"),
        until=_utc(params.until, "until"),
    )
    coverages, last = coverage_selectors.coverage_page(
        filters=filters, after=after, limit=params.limit
    )
    base = site_url(request)
    page = {
        "items": [_coverage(c, base) for c in coverages],
        "next_cursor": cursor_encode({"k": "coverages", "u": last[0].isoformat(), "i": last[1]})
        if last
        else None,
    }
    changed = max((c.updated_at for c in coverages), default=selectors.content_last_modified())
    return conditional_json(request, _dump(CoveragePage, page), last_modified=changed)


@router.get(
    "/coverages/{coverage_id}",
    response={200: CoverageDetailOut, 304: None, **READ_ERRORS},
    tags=["coverage"],
    summary="One coverage: its merged brief, its stories' roles and the counts",
)
def coverage_detail(request: HttpRequest, coverage_id: int = ID) -> HttpResponse:
    return _coverage_detail(request, coverage_id)


@router.get(
    "/stories/{story_id}/coverage",
    response={200: CoverageDetailOut, 304: None, **READ_ERRORS},
    tags=["coverage"],
    summary="The coverage a published story belongs to",
)
def story_coverage(request: HttpRequest, story_id: int = ID) -> HttpResponse:
    if selectors.story_get_public(story_id=story_id) is None:
        raise ApiError(404, f"There is no published story {story_id}.")
    coverage_id = coverage_selectors.coverage_id_of_story(story_id=story_id)
    if coverage_id is None:
        raise ApiError(404, f"The story {story_id} is in no published coverage.")
    return _coverage_detail(request, coverage_id)


# --- writes -----------------------------------------------------------------------------------


@router.post(
    "/articles",
    auth=TokenAuth(),
    response={
        201: IngestOut,
        202: SubmissionOut,
        401: ErrorOut,
        403: ErrorOut,
        503: ErrorOut,
        **WRITE_ERRORS,
    },
    tags=["articles"],
    summary="Ingest an article as a draft story (editors' token)",
    description=(
        "Without workers the story is made at once (201). With Celery workers an article not "
        "seen before is queued (202, `Location` is the submission to follow); one already "
        "made into a story, by any path, is that story (201). 503 when the job queue is down."
    ),
)
def article_create(request: HttpRequest, data: ArticleIn) -> HttpResponse:
    token = request.auth  # type: ignore[attr-defined]
    if not token.user.has_perm("stories.add_story"):
        raise ApiError(403, "This token's editor may not add stories.")
    if data.publish and not token.user.has_perm("stories.change_story"):
        # Publishing is a change of what readers see, as in the desk (desk/admin.py).
        raise ApiError(403, "This token's editor may add stories but not publish them.")
    given = {
        "editor": token.user,
        "text": data.text,
        "html": data.html,
        "url": data.url,
        "text_format": data.format,
        "name": data.name,
        "publish": data.publish,
    }
    if not jobs_use_workers():
        return _ingested(services.article_ingest(**given))
    try:
        made = services.article_submit(**given)
    except JobQueueDown:
        raise ApiError(503, "The job queue is not answering; try again in a minute.") from None
    if isinstance(made, Story):
        return _ingested(made)
    response = HttpResponse(
        json_bytes(_submission(made)), content_type="application/json", status=202
    )
    response["Location"] = f"/api/v1/submissions/{made.id}"
    return response


def _ingested(story: Story) -> HttpResponse:
    body = IngestOut(
        story_id=story.id,
        slug=story.slug,
        status=story.status,
        headline=story.headline,
        review_flags=len(story.review_flags),
    )
    response = HttpResponse(
        json_bytes(body.model_dump(mode="json")), content_type="application/json", status=201
    )
    if story.is_visible:
        response["Location"] = f"/api/v1/stories/{story.id}"
    return response


def _submission(submission: Submission) -> dict[str, Any]:
    story = submission.story
    return _dump(
        SubmissionOut,
        {
            "id": str(submission.id),
            "status": submission.status,
            "url": f"/api/v1/submissions/{submission.id}",
            "story_id": story.id if story else None,
            "slug": story.slug if story else None,
            "headline": story.headline if story else None,
            "story_status": story.status if story else None,
            "error": submission.error or None,
        },
    )


@router.get(
    "/submissions/{submission_id}",
    auth=TokenAuth(),
    response={200: SubmissionOut, 401: ErrorOut, **READ_ERRORS},
    tags=["articles"],
    summary="An article queued by POST /articles: queued, done (with its story) or failed",
)
def submission_detail(request: HttpRequest, submission_id: str) -> HttpResponse:
    try:
        submission = Submission.objects.select_related("story").filter(id=submission_id).first()
    except ValidationError:  # not a UUID
        submission = None
    if submission is None:
        raise ApiError(404, "There is no such submission.")
    response = HttpResponse(json_bytes(_submission(submission)), content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response
