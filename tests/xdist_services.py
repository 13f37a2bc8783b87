"""Loaded with `-p tests.xdist_services` before Django reads its settings: under pytest-xdist every worker gets a
Redis database of its own, as pytest-django gives it a test database of its own, so one worker's Celery worker,
rate limits and live feed never see another's."""

import os
import re

_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
_url = os.environ.get("REDIS_URL", "")
if _worker.startswith("gw") and _url:
    match = re.match(r"^(rediss?://[^/]*)(?:/(\d+))?$", _url)
    if match:
        base = int(match.group(2) or 0)
        os.environ["REDIS_URL"] = f"{match.group(1)}/{(base + 8 + int(_worker[2:])) % 16}"
