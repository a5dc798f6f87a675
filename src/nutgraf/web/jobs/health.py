"""What /healthz reports: the database answers, and the broker does when jobs use one."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError, connection


def health_check() -> dict[str, str]:
    """{"database": ..., "broker": ...}, each "ok", "in-process" or the failure in words."""
    report = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        report["database"] = "ok"
    except DatabaseError as error:
        report["database"] = f"unreachable: {error}".strip()[:200]
    report["broker"] = _broker()
    return report


def _broker() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "in-process"
    from kombu.connection import Connection

    try:
        with Connection(url, connect_timeout=2, transport_options={"max_retries": 0}) as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001 - any failure to connect is "unhealthy", in words
        return f"unreachable: {type(error).__name__}"
    return "ok"


def healthy(report: dict[str, str]) -> bool:
    return all(value in ("ok", "in-process") for value in report.values())
