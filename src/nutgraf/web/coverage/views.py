from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nutgraf.web.coverage import pages, selectors, services


def coverage_detail(request: HttpRequest, slug: str) -> HttpResponse:
    coverage = selectors.coverage_get_for_reader(slug=slug)
    if coverage is not None and coverage.refresh_at and coverage.refresh_at <= timezone.now():
        services.coverage_merge(coverage=coverage)  # a scheduled member has come out since
        coverage = selectors.coverage_get_for_reader(slug=slug)
    if coverage is None:
        raise Http404("No coverage by that name.")
    page = pages.coverage_page(coverage=coverage, members=coverage.visible_members)
    return render(request, "coverage/coverage.html", {"page": page})
