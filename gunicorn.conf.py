"""gunicorn's settings for the portal (read from the working directory: `gunicorn dialogue_portal.wsgi`).

GUNICORN_BIND (default 0.0.0.0:8000 inside the container; docker-compose publishes it on the host's loopback only,
for the TLS proxy), GUNICORN_WORKERS (3), GUNICORN_TIMEOUT (60 s: no request parses an upload or lays out a large
notice any more, those run in tasks). The `Server: gunicorn` banner is dropped: it tells a prober which server and
which weaknesses to try, and nobody else needs it.
"""

import os

from gunicorn.http import wsgi

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# Headers are small: a request line or a header block longer than this is refused before Django sees it.
limit_request_line = 8190
limit_request_field_size = 8190
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# No control socket in $HOME: nothing uses it, and two servers on one machine (tests, the bench) would share it.
control_socket_disable = True

_default_headers = wsgi.Response.default_headers


def _without_server_banner(self):
    return [line for line in _default_headers(self) if not line.lower().startswith("server:")]


wsgi.Response.default_headers = _without_server_banner
