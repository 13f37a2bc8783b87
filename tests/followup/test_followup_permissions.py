"""Who may see and change conclusion tasks: roles x tasks of their own and of other agencies/units.
Every refusal is checked for its side effect: nothing written."""

import io
from datetime import date

import pytest
from django.urls import reverse

from conclusions.models import DirectiveProgress, DirectiveStatus
from conferences.models import AgencyKind, Role
from tests.factories import PASSWORD, AgencyFactory, UnitFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def outsider_home_affairs(world):
    """Home Affairs of another province: must not even see our tasks."""
    other = UnitFactory(name="Cao Bằng")
    return make_user(Role.HOME_AFFAIRS, AgencyFactory(name="Sở Nội vụ Cao Bằng", unit=other))


@pytest.fixture
def directive(world, task):
    return task(world.labour, date(2024, 12, 31))


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("officer", 200),
        ("officer2", 200),
        ("finance_officer", 404),
        ("union_staff", 404),
        ("home_affairs", 200),
        ("leader", 200),
        ("outsider", 404),
    ],
)
def test_who_can_open_a_task(client, world, directive, outsider_home_affairs, who, status):
    user = outsider_home_affairs if who == "outsider" else getattr(world, who)
    _login(client, user)
    assert client.get(reverse("conclusions:directive_detail", args=[directive.pk])).status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 302), ("finance_officer", 404), ("home_affairs", 403), ("leader", 403), ("outsider", 404)],
)
def test_only_the_owner_agency_posts_progress(client, world, directive, outsider_home_affairs, who, status):
    user = outsider_home_affairs if who == "outsider" else getattr(world, who)
    _login(client, user)
    response = client.post(
        reverse("conclusions:directive_report", args=[directive.pk]), {"text": "Đang triển khai.", "percent": "30"}
    )
    assert response.status_code == status
    assert DirectiveProgress.objects.count() == (1 if status == 302 else 0)


@pytest.mark.parametrize(
    ("who", "status"),
    [("home_affairs", 302), ("officer", 403), ("leader", 403), ("finance_officer", 404), ("outsider", 404)],
)
def test_only_home_affairs_of_the_conference_changes_the_owner(
    client, world, directive, outsider_home_affairs, who, status
):
    user = outsider_home_affairs if who == "outsider" else getattr(world, who)
    _login(client, user)
    response = client.post(
        reverse("conclusions:directive_owner", args=[directive.pk]),
        {"agency": world.finance.pk, "expected_agency": world.labour.pk},
    )
    assert response.status_code == status
    directive.refresh_from_db()
    assert directive.agency == (world.finance if status == 302 else world.labour)


@pytest.mark.parametrize(("who", "status"), [("home_affairs", 302), ("officer", 403), ("leader", 403)])
def test_only_home_affairs_accepts_completion(client, world, directive, who, status):
    from conclusions.followup.services import directive_report_progress

    report = directive_report_progress(
        directive=directive, text="Đã hoàn thành.", percent=100, reports_completion=True, actor=world.officer
    )
    _login(client, getattr(world, who))
    response = client.post(
        reverse("conclusions:directive_review", args=[directive.pk]),
        {"decision": "accept", "comment": "", "report_id": report.pk},
    )
    assert response.status_code == status
    directive.refresh_from_db()
    assert directive.status == (DirectiveStatus.DONE if status == 302 else DirectiveStatus.REPORTED_DONE)


def test_the_owner_officer_reports_with_an_attachment_and_others_cannot_download_it(client, world, directive):
    _login(client, world.officer)
    pdf = io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    pdf.name = "bao-cao-tien-do.pdf"
    response = client.post(
        reverse("conclusions:directive_report", args=[directive.pk]),
        {"text": "Đã tổ chức tập huấn.", "percent": "50", "attachment": pdf},
    )
    assert response.status_code == 302
    report = DirectiveProgress.objects.get()
    url = reverse("conclusions:progress_attachment", args=[report.pk])
    assert client.get(url).status_code == 200
    _login(client, world.finance_officer)
    assert client.get(url).status_code == 404


def test_a_disguised_file_is_refused_with_a_message_and_nothing_is_saved(client, world, directive):
    _login(client, world.officer)
    fake = io.BytesIO(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    fake.name = "bao-cao.pdf"
    response = client.post(
        reverse("conclusions:directive_report", args=[directive.pk]),
        {"text": "Báo cáo kèm tệp.", "percent": "50", "attachment": fake},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "không phải PDF" in content
    assert "Báo cáo kèm tệp." in content  # what was typed is kept
    assert not DirectiveProgress.objects.exists()


def test_a_bad_percentage_re_renders_the_form_with_a_vietnamese_message(client, world, directive):
    _login(client, world.officer)
    response = client.post(
        reverse("conclusions:directive_report", args=[directive.pk]), {"text": "Đang làm.", "percent": "150"}
    )
    assert response.status_code == 400
    assert "Tỷ lệ hoàn thành phải từ 0 đến 100%." in response.content.decode()
    assert not DirectiveProgress.objects.exists()


def test_the_task_list_shows_an_officer_only_the_tasks_of_their_agency(client, world, task):
    mine = task(world.labour, date(2024, 12, 31), text="Nhiệm vụ của Sở Lao động")
    task(world.finance, date(2024, 12, 31), text="Nhiệm vụ của Sở Tài chính")
    _login(client, world.officer)
    content = client.get(reverse("conclusions:directives")).content.decode()
    assert "Nhiệm vụ của Sở Lao động" in content and "Nhiệm vụ của Sở Tài chính" not in content
    _login(client, world.home_affairs)
    content = client.get(reverse("conclusions:directives")).content.decode()
    assert "Nhiệm vụ của Sở Lao động" in content and "Nhiệm vụ của Sở Tài chính" in content
    assert mine.pk


def test_a_youth_union_owning_a_task_reports_on_it(client, world, task):
    directive = task(world.provincial_union, date(2024, 12, 31))
    assert world.provincial_union.kind == AgencyKind.YOUTH_UNION
    _login(client, world.union_staff)
    response = client.post(
        reverse("conclusions:directive_report", args=[directive.pk]), {"text": "Đã tổ chức diễn đàn.", "percent": "60"}
    )
    assert response.status_code == 302
    directive.refresh_from_db()
    assert directive.progress_percent == 60


@pytest.mark.parametrize("count", [2, 40])
def test_the_task_list_takes_the_same_number_of_queries_for_few_and_many(
    client, world, task, django_assert_num_queries, count
):
    for n in range(count):
        task(world.labour if n % 2 else world.finance, date(2024, 12, 1 + n % 28))
    _login(client, world.home_affairs)
    url = reverse("conclusions:directives")
    client.get(url)
    # session, user, membership, agency, unit (scope), page count, unread count, page rows
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_a_task_of_a_merged_agency_offers_its_successor_as_the_new_owner(client, world, task):
    merged = AgencyFactory(
        name="Sở Kế hoạch và Đầu tư", unit=world.province, valid_to=date(2025, 3, 1), successor=world.finance
    )
    directive = task(merged, date(2023, 12, 31))
    _login(client, world.home_affairs)
    response = client.get(reverse("conclusions:directive_detail", args=[directive.pk]))
    content = response.content.decode()
    assert "đã ngừng hoạt động từ 01/03/2025" in content
    assert response.context["owner_form"].initial["agency"] == world.finance.pk
    assert world.finance in response.context["owner_form"].fields["agency"].queryset
    assert merged not in response.context["owner_form"].fields["agency"].queryset
