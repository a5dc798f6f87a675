"""Posting, linking to and reporting comments. Thin: limits, form, then a service.

The email field is a sensitive POST parameter and posting's local variables are sensitive
(those of the functions it calls too): Django's error reports print them as stars.
"""

from __future__ import annotations

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST, require_safe

from nutgraf.web.comments import selectors, services
from nutgraf.web.comments.forms import CommentForm, browser_binding, form_token, token_read
from nutgraf.web.comments.models import Comment, CommentReport
from nutgraf.web.limits.clients import client_address
from nutgraf.web.limits.services import Rate, limit_hit
from nutgraf.web.stories.models import url_for

MINE_COOKIE = "nutgraf_comments"
MINE_SALT = "nutgraf.comments.mine"
MINE_KEPT = 20
MINE_MAX_AGE = 30 * 24 * 3600


def mine_from(request: HttpRequest) -> frozenset[int]:
    """Ids of the comments this browser posted (a signed cookie: it cannot claim others')."""
    raw = request.get_signed_cookie(MINE_COOKIE, default="", salt=MINE_SALT, max_age=MINE_MAX_AGE)
    raw = raw or ""
    return frozenset(int(part) for part in raw.split(",") if part.isdigit())


def _remember(response: HttpResponse, request: HttpRequest, comment_id: int) -> None:
    ids = [i for i in sorted(mine_from(request)) if i != comment_id][-(MINE_KEPT - 1) :]
    response.set_signed_cookie(
        MINE_COOKIE,
        ",".join(str(i) for i in [*ids, comment_id]),
        salt=MINE_SALT,
        max_age=MINE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _too_many(request: HttpRequest, retry_after: int, what: str) -> HttpResponse:
    response = render(
        request,
        "comments/limited.html",
        {"retry_after": retry_after, "what": what, "robots": "noindex"},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def _permalink_target(comment: Comment, slug: str) -> str:
    page = selectors.comment_page_number(comment=comment)
    query = f"?cpage={page}" if page > 1 else ""
    return f"{url_for('stories:detail', slug)}{query}#{comment.anchor}"


SCRIPTLESS_FORM = (
    "One more step, since this page's script did not run: check your comment below and send "
    "it again. Nothing was saved yet."
)
STALE_FORM = (
    "This form had expired, or was not the one this page showed your browser, so nothing was "
    "saved. Your comment is still below: send it again."
)
USED_FORM = (
    "This form was already used to send a comment, so nothing was saved this time. Your "
    "comment is still below: send it again if it is a new one."
)


def _fast_form(seconds: float) -> str:
    return (
        f"The form came back {max(seconds, 0):.0f} seconds after it was shown, too quickly for "
        "a person to have written it, so nothing was saved. Your comment is still below: check "
        "it and send it again."
    )


def _refusal(request: HttpRequest, *, token: str, story_id: int) -> str:
    """Why the form's token is refused, in words for the reader; "" when it is good (and is
    now used up)."""
    ticket = token_read(token=token, story_id=story_id, binding=browser_binding(request))
    if ticket is None:
        return STALE_FORM
    if ticket.seconds < settings.COMMENT_MIN_SECONDS:
        return _fast_form(ticket.seconds)
    if not services.form_token_spend(nonce=ticket.nonce):
        return USED_FORM
    return ""


def _form_again(request: HttpRequest, story_id: int) -> CommentForm:
    """The reader's form as they sent it, with a fresh token: nothing they wrote is lost."""
    data = request.POST.copy()
    data["ts"] = form_token(story_id=story_id, binding=browser_binding(request))
    form = CommentForm(data)
    form.is_valid()
    return form


@sensitive_post_parameters("email")
@sensitive_variables()
@require_POST
def comment_post(request: HttpRequest, slug: str) -> HttpResponse:
    story = selectors.story_open_for_comments(slug=slug)
    if story is None:
        raise Http404("No story by that name.")
    address = client_address(request)
    decision = limit_hit(scope="comment", address=address, rate=Rate.parse(settings.COMMENT_RATE))
    if not decision.allowed:
        return _too_many(request, decision.retry_after, "comments")
    form = CommentForm(request.POST)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        error = _refusal(request, token=data["ts"], story_id=story.id)
        if error:
            form = _form_again(request, story.id)
    if form.is_valid() and not error:
        try:
            comment = services.comment_create(
                story=story,
                data=services.CommentInput(
                    text=data["comment"],
                    name=data["name"],
                    email=data["email"],
                    website=data["website"],
                    parent_id=data["parent"],
                    trap=data["subject"],
                ),
                client_address=address,
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except services.CommentRefusedError as refused:
            error = str(refused)
            form = _form_again(request, story.id)  # its token is used up
        else:
            # Pending and spam alike show their author "awaiting moderation": a spammer
            # learns nothing about which rule caught them.
            response = HttpResponseRedirect(
                f"{story.get_absolute_url()}#{comment.anchor}"
                if comment.status != Comment.Status.APPROVED
                else _permalink_target(comment, story.slug),
                status=303,
            )
            _remember(response, request, comment.id)
            return response
    return render(
        request,
        "comments/form_page.html",
        {"story": story, "form": form, "error": error, "robots": "noindex"},
        status=400,
    )


@sensitive_post_parameters("email")
@sensitive_variables()
def comment_form_again(request: HttpRequest, slug: str) -> HttpResponse:
    """A comment sent without the tokens the page's script fetches: the form once more, with
    the text kept and this browser's tokens in it (nutgraf.web.views.csrf_failure)."""
    story = selectors.story_open_for_comments(slug=slug)
    if story is None:
        raise Http404("No story by that name.")
    response = render(
        request,
        "comments/form_page.html",
        {
            "story": story,
            "form": _form_again(request, story.id),
            "error": SCRIPTLESS_FORM,
            "robots": "noindex",
        },
        status=400,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def comment_tokens(request: HttpRequest, slug: str) -> HttpResponse:
    """This browser's own tokens for the comment forms of a story page: the CSRF token and a
    one-use form token bound to the browser (forms.form_token). The page is shared by every
    reader; this answer is for one and never kept (comments/static/comments/comments.js)."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
        return HttpResponseForbidden("Asked for by another site.")
    story = selectors.story_open_for_comments(slug=slug)
    if story is None:
        raise Http404("No story by that name.")
    response = JsonResponse(
        {
            "csrfmiddlewaretoken": get_token(request),
            "ts": form_token(story_id=story.id, binding=browser_binding(request)),
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def comment_permalink(request: HttpRequest, pk: int) -> HttpResponse:
    comment = selectors.comment_get_public(pk=pk)
    if comment is None:
        raise Http404("No such comment.")
    slug = selectors.story_slug(story_id=comment.story_id)
    return HttpResponseRedirect(_permalink_target(comment, slug))


@require_POST
def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A reader reports a comment: with a reason and the confirming button (`confirm`), the
    report is kept and the reader goes back to the comment on the story, which thanks them;
    without them, a page asks for both (the story's own form asks in place)."""
    comment = selectors.comment_get_public(pk=pk)
    if comment is None:
        raise Http404("No such comment.")
    address = client_address(request)
    decision = limit_hit(scope="report", address=address, rate=Rate.parse(settings.REPORT_RATE))
    if not decision.allowed:
        return _too_many(request, decision.retry_after, "reports")
    reason = str(request.POST.get("reason", ""))
    slug = selectors.story_slug(story_id=comment.story_id)
    if reason not in CommentReport.Reason.values or request.POST.get("confirm") != "yes":
        missing = "reason" in request.POST or "confirm" in request.POST
        return _report_page(request, comment=comment, slug=slug, missing=missing)
    services.comment_report(comment=comment, client_address=address, reason=reason)
    target = _permalink_target(comment, slug)
    path, _, anchor = target.partition("#")
    joiner = "&" if "?" in path else "?"
    return HttpResponseRedirect(f"{path}{joiner}reported={comment.id}#{anchor}", status=303)


def _report_page(
    request: HttpRequest, *, comment: Comment, slug: str, missing: bool
) -> HttpResponse:
    return render(
        request,
        "comments/report.html",
        {
            "comment": comment,
            "reasons": CommentReport.Reason.choices,
            "missing": missing,
            "back": _permalink_target(comment, slug),
            "robots": "noindex",
        },
    )


def comment_report_again(request: HttpRequest, pk: int) -> HttpResponse:
    """A report sent without the page's tokens: the page that asks for a reason and a
    confirmation, with this browser's token in its form (nutgraf.web.views.csrf_failure)."""
    comment = selectors.comment_get_public(pk=pk)
    if comment is None:
        raise Http404("No such comment.")
    slug = selectors.story_slug(story_id=comment.story_id)
    return _report_page(request, comment=comment, slug=slug, missing=False)
