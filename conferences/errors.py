"""One error family for everything a service refuses; views show the message, nothing has been written.

- `Refused`: the action is not allowed now (a rule, a state, bad input). The message says why, in Vietnamese.
- `Conflict`: someone else saved the same object since the form was opened (optimistic locking). `current` is the
  saved object, so a page can show both versions. Nothing of the user's edit was written.
- `IllegalTransition` (conferences.states) is a `Refused`: a lifecycle asked for a move its map does not allow.

Views catch `Refused` (and so `Conflict`) around the one service call and turn it into a form or page message.
"""


class Refused(Exception):
    """The service refused the action; `str(error)` is the message for the user."""

    def __init__(self, message: str = "", *, code: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)


class Conflict(Refused):
    """A concurrent edit was detected: the object changed since `version` was read. Nothing was overwritten."""

    def __init__(self, message: str = "", *, current=None, code: str = "conflict"):
        super().__init__(message, code=code)
        self.current = current
