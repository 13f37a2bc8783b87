"""The portal's middleware: the language chosen in the footer, and request bodies refused by their size.

Language choice: Vietnamese unless the user picked another language in the footer.

Django's LocaleMiddleware also follows the browser's Accept-Language, so an office PC with an English Chrome would
get an English portal nobody asked for; here only the language cookie set by the footer's switcher counts.
"""

import logging

from django.conf import settings
from django.shortcuts import render
from django.utils import translation

log = logging.getLogger(__name__)


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestBodyLimitMiddleware:
    """Refuse a request whose body is larger than REQUEST_MAX_BYTES from its Content-Length, before anything reads
    it (CSRF and form parsing read the whole body). The proxy refuses larger bodies first (README: nginx
    client_max_body_size); this holds when the portal is reached without it. Django reads no body without a
    Content-Length, so a chunked upload without one arrives empty."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            log.warning(
                "request body of %s bytes refused (limit %s): %s", length, settings.REQUEST_MAX_BYTES, request.path
            )
            response = render(
                request,
                "request_too_large.html",
                {"size_mb": length / 1024 / 1024, "max_mb": settings.REQUEST_MAX_BYTES // 1024 // 1024},
                status=413,
            )
            response["Connection"] = "close"  # the unread body must not be taken for the next request
            return response
        return self.get_response(request)
