"""Site-wide responses that are not about one story: robots.txt, news sitemap, health, errors
(CSRF refusals among them)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views import csrf
from django.views.decorators.http import require_safe

from nutgraf.web.comments import views as comments_views
from nutgraf.web.stories import selectors
from nutgraf.web.stories.views import site_url


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    base = site_url(request)
    lines = [
        "User-agent: *",
        "Disallow: /desk/",
        "Disallow: /search/",
        "",
        f"Sitemap: {base}{reverse('sitemap')}",
        f"Sitemap: {base}{reverse('news_sitemap')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """Google News sitemap: stories of the last two days, at most 1,000 in the file."""
    return render(
        request,
        "news_sitemap.xml",
        {
            "stories": selectors.news_sitemap_stories(days=2, limit=1000),
            "base": site_url(request),
            "publication": settings.SITE_NAME,
        },
        content_type="application/xml; charset=utf-8",
    )


def health(request: HttpRequest) -> HttpResponse:
    """200 and {"database": "ok", "broker": "ok"|"in-process"}; 503 with the failure otherwise."""
    from nutgraf.web.jobs.health import health_check, healthy

    report = health_check()
    response = JsonResponse(report, status=200 if healthy(report) else 503)
    response["Cache-Control"] = "no-store"
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", {"robots": "noindex"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the database may be what failed.
    html = loader.get_template("500.html").render({"site_name": settings.SITE_NAME})
    return HttpResponse(html, status=500)


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """An uploaded image (stories/images.py made every file here itself, as JPEG). Django's
    static `serve` refuses paths outside MEDIA_ROOT and answers If-Modified-Since; names are
    content hashes, so a file never changes and can be cached for a year."""
    from django.views.static import serve

    if not path.startswith("images/") or not path.endswith(".jpg"):
        raise Http404("No such file.")
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the desk's): the site's icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("stories/favicon.svg"))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A POST CsrfViewMiddleware refused (settings.CSRF_FAILURE_VIEW).

    Story pages are shared, so their comment and report forms carry no token until the page's
    script fetches this browser's own. A form sent without one (no script ran) comes back once,
    with the reader's text and a token: the refusal reasons that mean "no token yet" only,
    reached after the middleware's Origin and Referer checks passed. Everything else (another
    site's Origin, a wrong token) is refused as Django refuses it.
    """
    match = request.resolver_match
    if match is not None and reason in (REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING):
        if match.view_name == "comments:post":
            return comments_views.comment_form_again(request, **match.kwargs)
        if match.view_name == "comments:report":
            return comments_views.comment_report_again(request, **match.kwargs)
    return csrf.csrf_failure(request, reason=reason)
