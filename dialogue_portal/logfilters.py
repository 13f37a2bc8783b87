"""Log filters. Django logs a refused request (PermissionDenied, Http404) at WARNING with the exception attached, so
every 403 printed a full traceback: an attacker probing object URLs filled the log, and real errors drowned in it."""

import logging


class NoTracebackForClientErrors(logging.Filter):
    """Keep the one-line message of a 4xx response, drop its traceback; 5xx keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
