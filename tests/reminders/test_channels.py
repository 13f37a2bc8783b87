"""Text messages through the outbox: the SMS/Zalo provider interface, its settings (SMS_URL, ZALO_URL) and what a
provider's answer means for the row (sent, retried, failed for good)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from conferences.models import EmailState, MessageChannel, OutgoingEmail
from conferences.notifications import channels, outbox

pytestmark = pytest.mark.django_db


class Gateway(BaseHTTPRequestHandler):
    replies: list = []
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers.get("Authorization"), json.loads(body)))
        status = type(self).replies.pop(0) if type(self).replies else 200
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    Gateway.replies, Gateway.received = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_URL = f"http://s3cret-token@127.0.0.1:{server.server_address[1]}/send"
    yield Gateway
    server.shutdown()
    server.server_close()


def _text_row(key="sms:1", channel=MessageChannel.SMS, text="Câu hỏi của bạn đã có trả lời được công bố."):
    rendered = outbox.Rendered(subject="", text=channels.text_for(channel, text), html="")
    row, _created = outbox.enqueue(
        kind="question_answered", dedupe_key=key, rendered=rendered, channel=channel, to_phone="0912345678", send=False
    )
    return row


def test_an_sms_goes_to_the_gateway_without_diacritics_with_its_token(gateway):
    row = _text_row()
    assert row.recipient is None and row.to_email == "" and row.address == "0912345678"
    assert outbox.deliver(row.pk) == EmailState.SENT
    [(auth, body)] = gateway.received
    assert auth == "Bearer s3cret-token"
    assert body["to"] == "0912345678" and body["channel"] == "sms"
    assert body["text"] == "Cau hoi cua ban da co tra loi duoc cong bo."
    assert body["reference"].startswith(f"<outbox.{row.pk}.")


def test_a_gateway_error_is_retried_and_a_refusal_fails_for_good(gateway):
    gateway.replies = [503]
    row = _text_row()
    with pytest.raises(outbox.RetryLater):
        outbox.deliver(row.pk)
    assert OutgoingEmail.objects.get(pk=row.pk).state == EmailState.PENDING
    gateway.replies = [400]
    refused = _text_row(key="sms:2")
    assert outbox.deliver(refused.pk) == EmailState.FAILED
    assert "400" in OutgoingEmail.objects.get(pk=refused.pk).last_error


def test_zalo_keeps_the_vietnamese_text_and_a_fake_provider_records_it(settings):
    settings.ZALO_URL = "fake://zalo-test"
    provider = channels.provider_for(MessageChannel.ZALO)
    provider.reset()
    row = _text_row(key="zalo:1", channel=MessageChannel.ZALO)
    assert outbox.deliver(row.pk) == EmailState.SENT
    assert provider.sent[-1].text == "Câu hỏi của bạn đã có trả lời được công bố."


def test_a_channel_that_is_off_is_not_offered_and_its_rows_wait(settings):
    settings.SMS_URL = ""
    settings.ZALO_URL = ""
    assert channels.enabled_channels() == [MessageChannel.EMAIL]
    row = _text_row(key="sms:off")
    with pytest.raises(outbox.RetryLater):
        outbox.deliver(row.pk)  # configured later, the row still goes (the window is a day)
    assert OutgoingEmail.objects.get(pk=row.pk).state == EmailState.PENDING


def test_a_long_sms_is_cut_to_three_segments():
    text = channels.text_for(MessageChannel.SMS, "Nội dung " * 100)
    assert len(text) == channels.SMS_MAX_CHARS and text.endswith("...") and text.isascii()


def test_a_text_message_needs_a_phone_number():
    with pytest.raises(ValueError):
        outbox.enqueue(
            kind="x", dedupe_key="x", rendered=outbox.Rendered("", "t", ""), channel=MessageChannel.SMS, send=False
        )
