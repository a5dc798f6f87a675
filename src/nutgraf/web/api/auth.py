"""Token authentication for the write endpoints: `Authorization: Bearer ngk_...`."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from nutgraf.web.api import services
from nutgraf.web.api.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return services.token_authenticate(raw=token)
