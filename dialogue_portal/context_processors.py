"""The one context processor: what the signed-in user may do, as booleans templates read (`can.log_petitions`).

Templates never compare role strings: each app's permissions module answers `capabilities(user)` with cheap
booleans (no query beyond the user's membership), and this merges them.
"""

from django.utils.functional import SimpleLazyObject

from conclusions.permissions import capabilities as conclusion_capabilities
from conferences.permissions import capabilities as conference_capabilities
from conferences.permissions import membership_of
from petitions.permissions import capabilities as petition_capabilities
from petitions.questions.permissions import capabilities as question_capabilities


def _capabilities(user) -> dict[str, bool]:
    return {
        **conference_capabilities(user),
        **petition_capabilities(user),
        **question_capabilities(user),
        **conclusion_capabilities(user),
    }


def portal(request):
    user = getattr(request, "user", None)
    return {
        "portal_membership": SimpleLazyObject(lambda: membership_of(user)),
        "can": SimpleLazyObject(lambda: _capabilities(user)),
    }
