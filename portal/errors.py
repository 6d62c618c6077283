"""The portal's own error pages, in the reader's language, and JSON errors under /api/.

Django calls these for errors no view handled (urls.py names them); DRF calls
`api_exception_handler` for errors inside an API view.
"""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _page(request, template: str, status_code: int):
    try:
        return render(request, template, status=status_code)
    except Exception:  # the page itself depends on what broke: fall back to the bare one
        logger.exception("Error page %s could not be drawn", template)
        return defaults.server_error(request)


def _json(detail: str, status_code: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status_code)


def bad_request(request, exception=None):
    if _is_api(request):
        return _json(_("The request could not be understood."), 400)
    return _page(request, "400.html", 400)


def permission_denied(request, exception=None):
    if _is_api(request):
        return _json(_("You may not do this."), 403)
    return _page(request, "403.html", 403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return _json(_("Not found."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return _json(_("Something went wrong on our side. Please try again later."), 500)
    return _page(request, "500.html", 500)


def api_exception_handler(exc, context):
    """DRF's JSON errors, plus Django's validation errors as a 400 instead of a 500."""
    response = exception_handler(exc, context)
    if response is None and isinstance(exc, DjangoValidationError):
        return Response({"detail": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
    return response
