"""Home Affairs moves old district and commune accounts to the successor units' agencies: proposals from the
successor links, a dry run that changes nothing, then the move, audited (issue 15 item 5)."""

import pytest
from django.urls import reverse

from conferences.models import AuditEvent, Membership

pytestmark = pytest.mark.django_db


def _agency_of(user):
    return Membership.objects.get(user=user).agency


def test_the_page_proposes_successors_from_the_links(client, reform):
    client.force_login(reform.home_affairs)
    page = client.get(reverse("conferences:account_moves")).content.decode()
    rows = {row.split("</strong>", 1)[0]: row for row in page.split('data-label="Cơ quan, đơn vị cũ"><strong>')[1:]}
    # An old commune's union -> the union of the commune that succeeds it (AdministrativeUnit.successors).
    assert f'<option value="{reform.new_commune_union.pk}" selected>' in rows["Đoàn xã Tân Minh Cũ"]
    # A merged department -> its successor agency (Agency.successor).
    assert f'<option value="{reform.home_affairs_agency.pk}" selected>' in rows["Sở Lao động Cải Cách"]
    # An abolished district has no one successor: the new communes' and the province's unions are offered.
    district = rows["Huyện đoàn Tràng Định Cũ"]
    assert "selected>" not in district.split("</select>")[0].split("<option", 2)[2]
    assert reform.province_union.name in district and reform.new_commune_union.name in district


def test_the_dry_run_changes_nothing_and_the_move_is_audited(client, reform):
    client.force_login(reform.home_affairs)
    url = reverse("conferences:account_moves")
    choices = {
        f"move-{reform.old_commune_union.pk}": reform.new_commune_union.pk,
        f"move-{reform.district_union.pk}": reform.province_union.pk,
        f"move-{reform.labour.pk}": "",
    }
    preview = client.post(url, {**choices, "action": "preview"}).content.decode()
    assert "Xem trước: 2 tài khoản sẽ được chuyển" in preview
    assert _agency_of(reform.commune_user) == reform.old_commune_union
    assert not AuditEvent.objects.filter(action="membership.move").exists()

    response = client.post(url, {**choices, "action": "apply"}, follow=True)
    assert "Đã chuyển 2 tài khoản sang đơn vị kế thừa." in response.content.decode()
    assert _agency_of(reform.commune_user) == reform.new_commune_union
    assert _agency_of(reform.district_user) == reform.province_union
    assert _agency_of(reform.labour_officer) == reform.labour  # left as it was
    moved = AuditEvent.objects.filter(action="membership.move", actor=reform.home_affairs)
    assert moved.count() == 2
    assert {e.data["target_agency"] for e in moved} == {reform.new_commune_union.pk, reform.province_union.pk}


def test_a_moved_district_union_can_log_at_its_new_sites(client, reform):
    client.force_login(reform.home_affairs)
    client.post(
        reverse("conferences:account_moves"),
        {f"move-{reform.district_union.pk}": reform.new_commune_union.pk, "action": "apply"},
    )
    client.force_login(reform.district_user)
    assert client.get(reverse("petitions:create", args=[reform.conference.slug])).status_code == 200


def test_a_target_that_does_not_succeed_the_agency_is_refused(client, reform):
    client.force_login(reform.home_affairs)
    response = client.post(
        reverse("conferences:account_moves"),
        {f"move-{reform.old_commune_union.pk}": reform.labour.pk, "action": "apply"},
        follow=True,
    )
    assert "cơ quan đó không kế thừa nó" in response.content.decode()
    assert _agency_of(reform.commune_user) == reform.old_commune_union


def test_only_home_affairs_moves_accounts(client, reform):
    client.force_login(reform.district_user)
    response = client.get(reverse("conferences:account_moves"))
    assert response.status_code == 403
    assert "Chỉ Sở/Phòng Nội vụ chuyển tài khoản" in response.content.decode()
