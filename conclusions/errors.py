"""What the conclusions services refuse, as the one error family of the portal (conferences.errors).

Views catch `Refused` around the one service call and show `str(error)`; `Conflict` (someone else changed the object
since the page was opened) is a `Refused` too, so it reaches the user the same way with its own message.
"""

from conferences.errors import Conflict, Refused


class NoticeError(Refused):
    """A notice action that cannot be done (state, missing data, a wrong section); the message is Vietnamese."""


class FollowupError(Refused):
    """A refused follow-up action (empty report, finished task, missing comment)."""


class FollowupConflict(Conflict):
    """Someone else changed the task (owner, status, a newer report) since the page was loaded; nothing written."""


__all__ = ["Conflict", "FollowupConflict", "FollowupError", "NoticeError", "Refused"]
