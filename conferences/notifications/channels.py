"""How an outbox row leaves the portal: by email (Django's mail backend, EMAIL_URL) or by text message (SMS, Zalo)
through a provider chosen in the settings. The outbox (outbox.py) decides when and how often; this module only sends
one row and says whether a failure may pass (transient) or will not (permanent).

Text providers are configured like EMAIL_URL, one URL per channel (README, "Text messages"):

- ``SMS_URL`` / ``ZALO_URL`` empty: the channel is off (the question form does not offer it);
- ``console://``: the message is written to the log (development; the default for SMS when DEBUG is on);
- ``fake://`` or ``fake:///path/file.jsonl``: kept in memory (and appended to the file, so a test can read what a
  worker process sent); ``FakeProvider.fail_next`` makes the next sends fail (tests only);
- ``https://TOKEN@gateway.example/send``: an HTTP gateway. The portal POSTs JSON ``{"channel", "to", "text",
  "reference"}`` with ``Authorization: Bearer TOKEN``; 2xx is sent, 408/429/5xx and network errors are retried,
  other 4xx fail for good. An SMS brandname or Zalo ZNS contract is bridged by a small gateway speaking this.

SMS text is sent without diacritics (GSM 7-bit: 160 characters a segment instead of 70 for Unicode, and what
Vietnamese brandname SMS usually requires); Zalo keeps the Vietnamese text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from ..models import TEXT_CHANNELS, MessageChannel, OutgoingEmail

log = logging.getLogger(__name__)

SMS_MAX_CHARS = 480  # three GSM segments: enough for a code or a link with a sentence around it


class ChannelError(Exception):
    """A text provider could not take the message. `permanent`: retrying will not help (a bad number, refused)."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


# 1. Email ----------------------------------------------------------------------------------------------------------


def message_id(row: OutgoingEmail) -> str:
    """Derived from the row, so a duplicate after a worker crash is recognisable by mail servers and clients."""
    domain = urlparse(settings.SITE_URL).hostname or "localhost"
    digest = hashlib.sha256(row.dedupe_key.encode()).hexdigest()[:16]
    return f"<outbox.{row.pk}.{digest}@{domain}>"


def build_email(row: OutgoingEmail, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_email],
        headers={"Message-ID": message_id(row), "X-Portal-Outbox": str(row.pk)},
        connection=connection,
    )
    if row.body_html:
        message.attach_alternative(row.body_html, "text/html")
    return message


def send_email(row: OutgoingEmail) -> None:
    with get_connection(fail_silently=False) as connection:
        build_email(row, connection).send()


# 2. Text messages --------------------------------------------------------------------------------------------------


class TextProvider:
    """The interface of a text-message provider: send one message or raise ChannelError."""

    def send(self, *, channel: str, to: str, text: str, reference: str) -> None:
        raise NotImplementedError


class ConsoleProvider(TextProvider):
    def send(self, *, channel, to, text, reference):
        log.warning("%s to %s [%s]: %s", channel.upper(), to, reference, text)


@dataclass
class SentText:
    channel: str
    to: str
    text: str
    reference: str


@dataclass
class FakeProvider(TextProvider):
    """For tests: keeps what it sends; `fail_next` transient failures (or `fail_permanently`) come first."""

    path: Path | None = None
    sent: list[SentText] = field(default_factory=list)
    fail_next: int = 0
    fail_permanently: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def send(self, *, channel, to, text, reference):
        with self.lock:
            if self.fail_next > 0:
                self.fail_next -= 1
                raise ChannelError("fake provider: temporary failure", permanent=self.fail_permanently)
            message = SentText(channel, to, text, reference)
            self.sent.append(message)
        if self.path is not None:
            with open(self.path, "a", encoding="utf-8") as out:
                out.write(json.dumps(message.__dict__, ensure_ascii=False) + "\n")

    def reset(self) -> None:
        with self.lock:
            self.sent.clear()
            self.fail_next = 0
            self.fail_permanently = False


@dataclass
class HttpProvider(TextProvider):
    url: str
    token: str
    timeout: float = 10.0

    def send(self, *, channel, to, text, reference):
        body = json.dumps({"channel": channel, "to": to, "text": text, "reference": reference}).encode()
        request = urllib.request.Request(self.url, data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
                response.read(1024)
        except urllib.error.HTTPError as exc:
            permanent = 400 <= exc.code < 500 and exc.code not in (408, 429)
            raise ChannelError(f"gateway replied {exc.code}", permanent=permanent) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise ChannelError(f"gateway unreachable: {exc}") from exc


_fakes: dict[str, FakeProvider] = {}


def _provider_from_url(url: str) -> TextProvider | None:
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme == "console":
        return ConsoleProvider()
    if parsed.scheme == "fake":
        # One instance per URL in a process, so a test reads what the code under test sent.
        if url not in _fakes:
            _fakes[url] = FakeProvider(path=Path(parsed.path) if parsed.path not in ("", "/") else None)
        return _fakes[url]
    if parsed.scheme in ("http", "https"):
        token = parsed.username or ""
        netloc = parsed.hostname or ""
        if parsed.port:
            netloc = f"{netloc}:{parsed.port}"
        clean = parsed._replace(netloc=netloc).geturl()
        return HttpProvider(url=clean, token=token, timeout=float(getattr(settings, "TEXT_GATEWAY_TIMEOUT", 10)))
    raise ValueError(f"unknown text provider URL scheme: {parsed.scheme!r}")


def provider_for(channel: str) -> TextProvider | None:
    """The configured provider of a text channel (None when the channel is off)."""
    url = {MessageChannel.SMS: "SMS_URL", MessageChannel.ZALO: "ZALO_URL"}.get(channel)
    return _provider_from_url(getattr(settings, url, "")) if url else None


def enabled_channels() -> list[str]:
    """Channels a person may choose: email always, a text channel when its provider is configured."""
    return [MessageChannel.EMAIL, *(c for c in TEXT_CHANNELS if provider_for(c) is not None)]


def unaccented(text: str) -> str:
    """'Câu hỏi đã được trả lời' -> 'Cau hoi da duoc tra loi' (case kept; đ/Đ -> d/D)."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def text_for(channel: str, text: str) -> str:
    """What a text channel carries: SMS without diacritics and at most SMS_MAX_CHARS; Zalo as written."""
    text = " ".join(text.split())
    if channel == MessageChannel.SMS:
        text = unaccented(text)
        if len(text) > SMS_MAX_CHARS:
            text = text[: SMS_MAX_CHARS - 3] + "..."  # GSM 7-bit has no ellipsis character
    return text


def send_text(row: OutgoingEmail) -> None:
    provider = provider_for(row.channel)
    if provider is None:
        raise ChannelError(f"channel {row.channel} is not configured", permanent=False)
    if not row.to_phone:
        raise ChannelError("no phone number", permanent=True)
    provider.send(channel=row.channel, to=row.to_phone, text=row.body_text, reference=message_id(row))


# 3. One row --------------------------------------------------------------------------------------------------------


def send(row: OutgoingEmail) -> None:
    """Hand one outbox row to its channel. Raises an SMTP/network error or ChannelError when it did not go."""
    if row.channel in TEXT_CHANNELS:
        send_text(row)
    else:
        send_email(row)
