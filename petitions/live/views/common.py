"""What the live views share: the way back after an action and running one service call."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from conferences.errors import Refused


def back(request, default: str):
    """Back to where the form was (the console with its filters), never to another site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


def perform(request, call, done: str = "") -> bool:
    """Run one service call; a refusal becomes the page's error message, nothing else happens."""
    try:
        call()
    except Refused as refusal:
        messages.error(request, str(refusal))
        return False
    if done:
        messages.success(request, done)
    return True
