"""API tokens in the desk: create one (shown once, then only its hash is kept) and revoke.

Thin: creating and revoking go through api.services. A token cannot be edited: revoke it and
make another.

Who may do what:
    make a token      add permission; the token is the maker's own. Only a superuser may make
                      one for another user (a token acts as its user: anyone who could pick
                      the user could act as the superuser).
    see tokens        view permission; a superuser sees every token, anyone else their own
    revoke tokens     change permission, declared on the action; again only their own unless
                      they are a superuser
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from nutgraf.web.api import services
from nutgraf.web.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    fields = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ApiToken]:
        tokens = super().get_queryset(request)
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None:  # a saved token is never edited, only revoked
            return ["name", "user", *self.readonly_fields]
        if not request.user.is_superuser:  # the maker's own token
            return ["user", *self.readonly_fields]
        return list(self.readonly_fields)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        return {"user": request.user.pk}

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            return
        chosen = obj.user if request.user.is_superuser and obj.user_id else None
        token, raw = services.token_create(name=obj.name, user=chosen or request.user)
        obj.pk, obj.prefix, obj.digest, obj.created_at, obj.user = (
            token.pk,
            token.prefix,
            token.digest,
            token.created_at,
            token.user,
        )
        messages.warning(
            request,
            f"The new token is {raw} — copy it now: it is not stored and will not be shown again.",
        )

    @admin.action(description="Revoke selected tokens", permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        # The list is already the user's own tokens unless they are a superuser (get_queryset).
        for token in queryset:
            services.token_revoke(token=token)
        messages.success(request, f"Revoked {queryset.count()} token(s).")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoked tokens stay, so the desk shows who had access when
