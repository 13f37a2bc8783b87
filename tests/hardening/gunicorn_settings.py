"""Production settings for a real gunicorn in tests, less the hashed static manifest (collectstatic takes 17 s)."""

from dialogue_portal.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
