from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conclusions.stats.report.body import report_body
from conclusions.stats.report.figures import build_yearly_report
from tests.stats.conftest import TODAY, add_answered_petitions

pytestmark = pytest.mark.django_db


def test_district_report_holds_its_conferences_petitions_and_tasks(world):
    report = build_yearly_report(unit=world.district, year=2024, today=TODAY)
    assert [c.title for c in report.conferences] == ["Hội nghị đối thoại Huyện Một năm 2024"]
    line = report.conferences[0]
    assert (line.received, line.resolved, line.notice_number, line.notice_date) == (
        7,
        4,
        "5/BC-UBND".replace("BC-UBND", "TB-UBND"),
        date(2024, 4, 5),
    )
    assert report.totals == {"received": 7, "resolved": 4, "published": 1, "answered_live": 1}
    assert report.by_group == [("Việc làm", 4, 2), ("Sản phẩm OCOP", 3, 2)]
    assert report.median_days == 5
    tasks = report.task_totals
    assert (tasks.done, tasks.open, tasks.overdue) == (1, 2, 1)


def test_what_carries_over_is_every_unfinished_task_and_unresolved_petition(world):
    report = build_yearly_report(unit=world.district, year=2024, today=TODAY)
    carried = {(c.agency, c.text, c.next_conference) for c in report.carry_over}
    assert carried == {
        ("Phòng Nông nghiệp", "Nhiệm vụ 2 của Phòng Nông nghiệp", False),
        ("Phòng Nông nghiệp", "Nhiệm vụ 3 của Phòng Nông nghiệp", False),
        ("Phòng Lao động", "Nhiệm vụ 4 của Phòng Lao động", True),
    }
    assert dict(report.unresolved_by_agency) == {"Phòng Nông nghiệp": 2, "Phòng Lao động": 1}


def test_a_province_report_folds_in_its_districts_and_other_years_stay_out(world):
    report = build_yearly_report(unit=world.province, year=2024, today=TODAY)
    assert len(report.conferences) == 2  # Huyện Một and Huyện Hai
    assert report.totals["received"] == 8
    assert build_yearly_report(unit=world.district, year=2023, today=TODAY).totals["received"] == 3


def test_a_district_report_leaves_out_the_other_district(world):
    report = build_yearly_report(unit=world.other_district, year=2024, today=TODAY)
    assert report.totals["received"] == 1
    assert report.by_agency == [] and report.tasks_by_agency == []


def test_conferences_not_held_yet_are_mentioned_but_not_counted(world):
    world.conference_2023.status = "planning"
    world.conference_2023.save()
    report = build_yearly_report(unit=world.district, year=2023, today=TODAY)
    assert report.conferences == [] and report.planned == 1
    texts = [p.text for p in report_body(report)]
    assert "Năm 2023, trên địa bàn huyện Một chưa tổ chức hội nghị đối thoại với thanh niên." in texts


def test_the_report_goes_to_the_superior_committee_and_names_the_chair(world):
    report = build_yearly_report(unit=world.district, year=2024, today=TODAY)
    assert report.recipients[0] == "UBND tỉnh Thử (b/c);"
    assert report.recipients[-1] == "Huyện đoàn Một;"
    assert report.signer_name == "Nguyễn Văn Chủ"
    assert report.is_draft


def test_building_the_report_costs_the_same_queries_for_few_and_many_petitions(world):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            build_yearly_report(unit=world.district, year=2024, today=TODAY)
        return len(ctx)

    count()
    few = count()
    add_answered_petitions(world, 60)
    assert count() == few
