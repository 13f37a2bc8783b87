"""The notification list, its unread count, marking read, and the digest-only choice."""

import pytest
from django.urls import reverse

from conferences.models import AuditEvent, Membership, Notification
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _note(user, n, **kwargs):
    return Notification.objects.create(
        user=user,
        kind=kwargs.pop("kind", "reminder:overdue"),
        text=f"Kiến nghị số {n} quá hạn",
        dedupe_key=f"k:{n}",
        **kwargs,
    )


def test_the_list_shows_my_notifications_with_the_unread_count_and_not_others(client, world):
    _note(world.officer, 1)
    _note(world.officer, 2, url="/kien-nghi/1/")
    _note(world.finance_officer, 3)
    client.login(username=world.officer.username, password=PASSWORD)
    response = client.get(reverse("notifications:list"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kiến nghị số 1 quá hạn" in content and "Kiến nghị số 2 quá hạn" in content
    assert "Kiến nghị số 3" not in content
    assert "2 thông báo chưa đọc" in content
    assert 'data-testid="unread-count">2<' in content  # the bell in the navigation bar


def test_opening_a_notification_marks_it_read_and_goes_to_its_item(client, world):
    note = _note(world.officer, 1, url="/kien-nghi/1/")
    client.login(username=world.officer.username, password=PASSWORD)
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/kien-nghi/1/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_notification_never_redirects_off_site(client, world):
    note = _note(world.officer, 1, url="https://evil.example.com/")
    client.login(username=world.officer.username, password=PASSWORD)
    response = client.post(reverse("notifications:open", args=[note.pk]))
    assert response["Location"] == reverse("notifications:list")


def test_nobody_can_open_or_mark_someone_elses_notification(client, world):
    note = _note(world.finance_officer, 1)
    client.login(username=world.officer.username, password=PASSWORD)
    assert client.post(reverse("notifications:open", args=[note.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    note.refresh_from_db()
    assert note.read_at is None


def test_opening_requires_post(client, world):
    note = _note(world.officer, 1)
    client.login(username=world.officer.username, password=PASSWORD)
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 405
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read_clears_the_count(client, world):
    for n in range(3):
        _note(world.officer, n)
    client.login(username=world.officer.username, password=PASSWORD)
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Đã đánh dấu 3 thông báo là đã đọc." in response.content.decode()
    assert not Notification.objects.filter(user=world.officer, read_at__isnull=True).exists()


def test_the_unread_filter_shows_only_unread(client, world):
    from django.utils import timezone

    _note(world.officer, 1, read_at=timezone.now())
    _note(world.officer, 2)
    client.login(username=world.officer.username, password=PASSWORD)
    content = client.get(reverse("notifications:list") + "?chua-doc=1").content.decode()
    assert "Kiến nghị số 2" in content and "Kiến nghị số 1 " not in content


def test_an_officer_chooses_digest_only_and_it_is_audited(client, world):
    client.login(username=world.officer.username, password=PASSWORD)
    url = reverse("notifications:settings")
    assert client.get(url).status_code == 200
    response = client.post(url, {"digest_only": "on"}, follow=True)
    assert "Đã lưu cách nhận thư thông báo." in response.content.decode()
    membership = Membership.objects.get(user=world.officer)
    assert membership.digest_only is True
    assert AuditEvent.objects.filter(action="membership.digest_only", actor=world.officer).count() == 1
    client.post(url, {})
    membership.refresh_from_db()
    assert membership.digest_only is False


def test_a_user_without_a_role_cannot_choose_digest_only(client, world):
    user = UserFactory()
    client.login(username=user.username, password=PASSWORD)
    assert client.get(reverse("notifications:settings")).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, world):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("rows", [3, 60])
def test_the_list_takes_the_same_number_of_queries_for_few_and_many_rows(
    client, world, django_assert_num_queries, rows
):
    for n in range(rows):
        _note(world.officer, n)
    client.login(username=world.officer.username, password=PASSWORD)
    url = reverse("notifications:list")
    client.get(url)  # warm the session
    # session, user, membership and agency (navigation), unread count, page count, page rows
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
