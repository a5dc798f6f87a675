"""Headers under production settings: HSTS over HTTPS, a redirect from plain HTTP, and a CSP
without inline script on public pages and the desk alike (Django's deploy checks: see
tests/web/test_security.py, which runs `check --deploy --fail-level WARNING`)."""

from __future__ import annotations

from django.test import Client


def _production(settings) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True


def test_https_pages_carry_hsts_and_the_policy(db, settings) -> None:
    _production(settings)
    for url in ("/", "/desk/login/", "/no-such-page/"):
        response = Client().get(url, secure=True)
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        ), url
        csp = response["Content-Security-Policy"]
        script = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
        assert script.split() == ["script-src", "'self'"], url  # no inline, no eval
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_plain_http_is_redirected_to_https(db, settings) -> None:
    _production(settings)
    response = Client().get("/", secure=False)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
