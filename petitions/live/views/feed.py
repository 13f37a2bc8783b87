"""GET /truc-tiep/<slug>/trang-thai/: the state feed every live page polls every few seconds (see feed.py).

Built for the poll that finds nothing new: the ETag comes from versions kept in Redis and who is asking from a
short-lived cache (per projector link, per session cookie), so a 304 costs no database query."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseNotModified
from django.views.decorators.http import require_GET

from .. import feed, versions


@require_GET
def state_feed(request, slug):
    token = request.GET.get("t", "")
    if token:
        scope = feed.screen_scope(slug, token)  # 404 when unknown or revoked
    else:
        scope = feed.remembered_scope(request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""), slug)
        if scope is None:
            if not request.session.get(SESSION_KEY):
                return redirect_to_login(request.get_full_path())
            scope = feed.user_scope(request, slug)  # 404 outside the user's area, 403 without a live role
    current = versions.read(scope.conference_id, scope.site_ids)
    etag = scope.etag(current)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(
            feed.body(scope, current, request.LANGUAGE_CODE), content_type="application/json; charset=utf-8"
        )
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["X-Live-Now"] = str(int(time.time() * 1000))  # clients set their timer's clock by it
    response["X-Live-Source"] = current.source
    return response
