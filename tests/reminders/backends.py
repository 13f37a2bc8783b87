"""Email backends for tests: one that fails a set number of times before it delivers to mail.outbox."""

import smtplib

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class FlakyBackend(BaseEmailBackend):
    failures_left = 0
    error: Exception = smtplib.SMTPServerDisconnected("Máy chủ thư ngắt kết nối")
    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).failures_left > 0:
            type(self).failures_left -= 1
            raise type(self).error
        mail.outbox.extend(messages)
        return len(messages)
