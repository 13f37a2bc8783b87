"""Two clerks editing the same draft: the later save against an older version is refused, nothing is lost."""

import pytest
from django.urls import reverse

from conclusions.models import ConclusionNotice
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.forms import NoticeForm

pytestmark = pytest.mark.django_db


def _form_data(notice, **changes):
    form = NoticeForm(instance=notice)
    data = {name: form.initial.get(name) for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data["issue_date"] = ""
    for key in ("appendix_show_agency", "appendix_landscape"):
        if not data.get(key):
            data.pop(key, None)
    data.update(changes)
    return data


def test_a_stale_save_is_refused_with_a_vietnamese_message_and_the_typed_text_is_kept(client, world):
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    stale = _form_data(notice, title="Tiêu đề của người thứ hai")
    client.force_login(world.officer)
    url = reverse("conclusions:notice_edit", args=[notice.pk])
    first = client.post(url, _form_data(notice, title="Tiêu đề của người thứ nhất"))
    assert first.status_code == 302
    second = client.post(url, stale)
    assert second.status_code == 200
    body = second.content.decode()
    assert "đã được người khác sửa" in body
    assert "Tiêu đề của người thứ hai" in body  # still in the form
    assert ConclusionNotice.objects.get(pk=notice.pk).title == "Tiêu đề của người thứ nhất"


def test_a_bad_date_re_renders_the_form_with_its_error(client, world):
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    client.force_login(world.officer)
    response = client.post(
        reverse("conclusions:notice_edit", args=[notice.pk]), _form_data(notice, issue_date="31/02/2024")
    )
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()
    assert ConclusionNotice.objects.get(pk=notice.pk).lock_version == notice.lock_version
