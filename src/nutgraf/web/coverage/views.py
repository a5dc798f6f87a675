from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from nutgraf.web.coverage import pages, selectors, services
from nutgraf.web.stories.views import site_url


def coverage_detail(request: HttpRequest, slug: str) -> HttpResponse:
    coverage = selectors.coverage_get_for_reader(slug=slug)
    if coverage is not None and coverage.refresh_at and coverage.refresh_at <= timezone.now():
        services.coverage_merge(coverage=coverage)  # a scheduled member has come out since
        coverage = selectors.coverage_get_for_reader(slug=slug)
    if coverage is None:
        raise Http404("No coverage by that name.")
    page = pages.coverage_page(coverage=coverage, members=coverage.visible_members)
    return render(request, "coverage/coverage.html", {"page": page})


@require_safe
def coverage_index(request: HttpRequest) -> HttpResponse:
    """Every story covered by several outlets, most recently updated first, 20 a page."""
    page = Paginator(selectors.coverage_list_for_readers(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "coverage/index.html",
        {"page_obj": page, "canonical": site_url(request) + reverse("coverage:index")},
    )
