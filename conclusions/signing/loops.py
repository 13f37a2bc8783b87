"""pyHanko's synchronous functions run `asyncio.run()`, which refuses to start where the thread already runs an
event loop (an ASGI server, a browser driver in tests). There they are called in a short-lived worker thread."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def call(function, /, *args, **kwargs):
    """`function(*args, **kwargs)`, in this thread unless it runs an event loop (no database access inside)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
