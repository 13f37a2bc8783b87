from .permissions import membership_of, role_of


def portal(request):
    """Role and agency of the signed-in user, so the navigation shows each role its own work."""
    user = getattr(request, "user", None)
    membership = membership_of(user)
    return {
        "portal_role": role_of(user),
        "portal_membership": membership,
    }
