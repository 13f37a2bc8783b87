"""The follow-up of conclusion tasks shares the reminder tests' world (people, agencies, issued notices, tasks)."""

from tests.reminders.conftest import *  # noqa: F403
