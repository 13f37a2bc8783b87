"""Explicit state machines: every lifecycle names its allowed moves in one map and moves through one function."""

from collections.abc import Mapping

from django.utils.translation import gettext as _

from .errors import Refused


class IllegalTransition(Refused, ValueError):
    """Raised when a lifecycle is asked to make a move its map does not allow (a Refused; ValueError for callers
    that still catch it so)."""


def move(obj, *, field: str, target: str, allowed: Mapping[str, tuple[str, ...]]) -> str:
    """Set obj.<field> to target if the map allows it; return the previous state. The caller saves."""
    current = getattr(obj, field)
    if target not in allowed.get(current, ()):
        label = getattr(obj, f"get_{field}_display", lambda: current)()
        raise IllegalTransition(
            _("Không thể chuyển từ trạng thái “%(current)s” sang “%(target)s”.") % {"current": label, "target": target}
        )
    setattr(obj, field, target)
    return current
