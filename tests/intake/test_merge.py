import pytest
from django.urls import reverse

from conferences.models import AuditEvent
from petitions.models import AssignmentStatus, PetitionStatus
from tests.factories import AgencyFactory, AssignmentFactory, PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trio(world):
    kept = PetitionFactory(
        conference=world.conference,
        number=1,
        bridge_point=world.sites["Tân Minh"],
        submitting_unit="Bí thư Đoàn xã Tân Minh",
        content="Đề nghị hỗ trợ vốn vay khởi nghiệp cho thanh niên",
    )
    twin = PetitionFactory(
        conference=world.conference,
        number=2,
        bridge_point=world.sites["Hợp Thành"],
        submitting_unit="Đoàn xã Hợp Thành",
        content="Đề nghị hỗ trợ vay vốn để thanh niên khởi nghiệp",
    )
    third = PetitionFactory(
        conference=world.conference,
        number=3,
        bridge_point=world.sites["Đội Cấn"],
        submitting_unit="Chi đoàn thôn Bản Mới",
        content="Thanh niên cần vốn vay khởi nghiệp",
    )
    return kept, twin, third


def _merge(client, duplicate, into):
    return client.post(reverse("petitions:merge", args=[duplicate.pk]), {"into": into.number}, follow=True)


def test_the_duplicate_keeps_its_link_and_the_kept_petition_lists_every_unit(client, world, trio):
    kept, twin, third = trio
    client.force_login(world.home_affairs)
    _merge(client, twin, kept)
    _merge(client, third, kept)
    twin.refresh_from_db()
    assert twin.status == PetitionStatus.MERGED and twin.duplicate_of == kept and twin.number == 2
    kept.refresh_from_db()
    assert kept.submitting_units == ["Bí thư Đoàn xã Tân Minh", "Đoàn xã Hợp Thành", "Chi đoàn thôn Bản Mới"]
    page = client.get(kept.get_absolute_url()).content.decode()
    assert "Các đơn vị kiến nghị" in page and "Đoàn xã Hợp Thành" in page and "Chi đoàn thôn Bản Mới" in page
    assert "đã được gộp vào kiến nghị số 1" in client.get(twin.get_absolute_url()).content.decode()
    assert AuditEvent.objects.filter(action="petition.merge").count() == 4  # one row on each side, twice


def test_merged_petitions_leave_the_default_list_but_can_be_listed(client, world, trio):
    kept, twin, _ = trio
    client.force_login(world.home_affairs)
    _merge(client, twin, kept)
    url = reverse("petitions:list", args=[world.conference.slug])
    assert twin not in client.get(url).context["page"].object_list
    assert list(client.get(url, {"status": "merged"}).context["page"].object_list) == [twin]


def test_merging_into_a_merged_petition_or_itself_is_refused(client, world, trio):
    kept, twin, third = trio
    client.force_login(world.home_affairs)
    _merge(client, twin, kept)
    response = _merge(client, third, twin)
    assert "đã được gộp vào kiến nghị khác" in response.content.decode()
    response = _merge(client, kept, kept)
    assert "chính nó" in response.content.decode()
    third.refresh_from_db()
    kept.refresh_from_db()
    assert third.status == kept.status == PetitionStatus.RECEIVED


def test_a_duplicate_with_an_open_assignment_is_not_merged(client, world, trio):
    kept, twin, _ = trio
    AssignmentFactory(petition=twin, lead_agency=AgencyFactory(), status=AssignmentStatus.ACTIVE)
    client.force_login(world.home_affairs)
    response = _merge(client, twin, kept)
    assert "thu hồi phân công trước khi gộp" in response.content.decode()
    twin.refresh_from_db()
    assert twin.status == PetitionStatus.RECEIVED and twin.duplicate_of is None


def test_merging_a_petition_that_had_duplicates_moves_them_to_the_kept_one(client, world, trio):
    kept, twin, third = trio
    client.force_login(world.home_affairs)
    _merge(client, third, twin)
    _merge(client, twin, kept)
    third.refresh_from_db()
    assert third.duplicate_of == kept
    assert kept.submitting_units == ["Bí thư Đoàn xã Tân Minh", "Đoàn xã Hợp Thành", "Chi đoàn thôn Bản Mới"]


def test_a_merge_can_be_undone(client, world, trio):
    kept, twin, _ = trio
    client.force_login(world.home_affairs)
    _merge(client, twin, kept)
    client.post(reverse("petitions:unmerge", args=[twin.pk]))
    twin.refresh_from_db()
    assert twin.status == PetitionStatus.RECEIVED and twin.duplicate_of is None


def test_home_affairs_sees_similar_petitions_with_a_merge_button_on_the_page(client, world, trio):
    kept, twin, _ = trio
    client.force_login(world.home_affairs)
    content = client.get(twin.get_absolute_url()).content.decode()
    assert "Kiến nghị tương tự (có thể trùng)" in content and "Gộp vào số 1" in content
    client.force_login(world.other_union)
    assert "Gộp vào số" not in client.get(twin.get_absolute_url()).content.decode()
