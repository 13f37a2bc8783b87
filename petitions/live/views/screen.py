"""The big screen at every site: read-only, large type, opened by the conference's projector link (no login on a
shared screen) or by a signed-in console user / operator. Shows nothing private."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse

from conferences.permissions import conference_for

from ..feed import public_state
from ..permissions import can_view_live_screen, channel_for_token


def screen(request, slug):
    token = request.GET.get("t", "")
    if token:
        conference = channel_for_token(slug, token).conference  # 404 when unknown or revoked
    elif not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    else:
        conference = conference_for(request.user, slug, may=can_view_live_screen)
    feed_url = reverse("live:feed", kwargs={"slug": slug})
    response = render(
        request,
        "live/screen.html",
        {
            "conference": conference,
            "state": public_state(conference.pk),
            "feed_url": f"{feed_url}?t={token}" if token else feed_url,
            "refresh_url": request.get_full_path(),
        },
    )
    # The link is the key to the screen: never sent on to another site, never indexed.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
