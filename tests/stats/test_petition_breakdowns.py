import pytest

from conclusions.stats import figures as stats
from conferences.models import Conference

pytestmark = pytest.mark.django_db


def test_petitions_by_issue_group_leave_out_merged_ones(world):
    rows = stats.petitions_by_issue_group(Conference.objects.filter(pk=world.conference.pk))
    assert rows == [("Việc làm", 4, 2), ("Sản phẩm OCOP", 3, 2)]


def test_petitions_by_site_and_by_channel(world):
    scope = Conference.objects.filter(pk=world.conference.pk)
    assert stats.petitions_by_site(scope) == [("Xã Đông", 3, 3), ("Huyện Một", 2, 1), ("Xã Tây", 2, 0)]
    assert stats.petitions_by_channel(scope) == [
        ("Phiếu, văn bản", 4, 2),
        ("Phát biểu tại hội nghị", 2, 1),
        ("Trang thông tin điện tử", 1, 1),
    ]


def test_sites_fold_into_the_unit_below_the_organiser(world):
    # Read from the province, every site of the district conference is inside "Huyện Một".
    scope = Conference.objects.filter(pk=world.conference.pk)
    assert stats.petitions_by_area(scope, world.province) == [("Huyện Một", 7, 4)]
    by_commune = {name: n for name, n, _ in stats.petitions_by_area(scope, world.district)}
    assert by_commune == {"Xã Đông": 3, "Xã Tây": 2, "Huyện Một": 2}


def test_totals_count_each_petition_once_however_many_answers_it_has(world):
    totals = stats.petition_totals(Conference.objects.filter(pk=world.conference.pk))
    assert totals == {"received": 7, "resolved": 4, "published": 1, "answered_live": 1}


def test_years_line_up_received_and_resolved(world):
    rows = stats.petitions_by_year(Conference.objects.filter(organising_unit=world.district))
    assert [(r["year"], r["received"], r["resolved"], r["conferences"]) for r in rows] == [
        (2023, 3, 2, 1),
        (2024, 7, 4, 1),
    ]
