"""One definition of "answered" and "on time" for every figure of a year (issue 15 item 4).

Answered: Home Affairs approved the answer (a petition: every part of it). On time: answered, and the agency sent
that answer on or before its due date. A petition answered in two parts counts once a year; an answer still in
review is not answered yet ("Chờ duyệt"), however early it was sent.
"""

from datetime import date

import pytest
from django.urls import reverse

from conclusions.stats import figures as stats
from conclusions.stats.report.body import report_body
from conclusions.stats.report.figures import build_yearly_report
from conferences.models import Conference
from petitions.models import AnswerState, PetitionStatus
from tests.factories import PetitionFactory, SubQuestionFactory
from tests.stats.conftest import TODAY, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2025(world):
    """2025 in Huyện Một: a petition answered in two parts by two agencies on time, and one whose answer was sent on
    time but waits for Home Affairs' review."""
    conference = Conference.objects.create(
        slug="huyen-mot-2025",
        organising_unit=world.district,
        level="district",
        year=2025,
        title="Hội nghị đối thoại Huyện Một năm 2025",
        status="concluded",
        held_on=date(2025, 3, 26),
        planned_date=date(2025, 3, 26),
    )
    two_parts = PetitionFactory(conference=conference, number=1, status=PetitionStatus.ANSWERED)
    for position, agency in ((1, world.agency_a), (2, world.agency_b)):
        part = SubQuestionFactory(petition=two_parts, position=position)
        assignment = assign(
            two_parts,
            agency,
            assigned=date(2025, 3, 3),
            due=date(2025, 3, 14),
            sent=date(2025, 3, 10),
            state=AnswerState.APPROVED,
        )
        assignment.sub_question = part
        assignment.save()
    in_review = PetitionFactory(conference=conference, number=2, status=PetitionStatus.FORWARDED)
    assign(in_review, world.agency_a, assigned=date(2025, 3, 3), due=date(2025, 3, 14), sent=date(2025, 3, 7))
    return conference


def _year_row(panels, key, year):
    panel = next(p for p in panels if p.key == key)
    return dict(zip(panel.columns, next(r for r in panel.rows if r[0] == str(year)), strict=True))


def test_answered_petitions_of_a_year_are_exactly_the_on_time_late_and_undated_ones(client, world, year_2025):
    client.force_login(world.users["home_affairs"])
    response = client.get(reverse("conclusions:stats_overview"), {"don_vi": world.district.pk})
    panels = response.context["panels"]
    petitions = _year_row(panels, "theo-nam", 2025)
    answers = _year_row(panels, "tra-loi-theo-nam", 2025)
    assert petitions["Đã có trả lời"] == 1
    assert (answers["Đúng hạn"], answers["Trễ hạn"], answers["Chờ duyệt"]) == (1, 0, 1)
    # And the same for the other year with answers: the two tables never contradict each other. (2023's fixture
    # petitions carry a status and no answer at all, which the services never produce.)
    district = Conference.objects.filter(organising_unit=world.district)
    timeliness = {int(t.label): t.answered for t in stats.answer_timeliness(district, today=TODAY, by="year")}
    resolved = {row["year"]: row["resolved"] for row in stats.petitions_by_year(district)}
    assert timeliness == {2024: resolved[2024], 2025: resolved[2025]} == {2024: 4, 2025: 1}


def test_an_answer_in_review_is_neither_on_time_nor_overdue_for_its_agency(world, year_2025):
    rows = {r.label: r for r in stats.answer_timeliness(Conference.objects.filter(pk=year_2025.pk), today=TODAY)}
    a = rows["Phòng Nông nghiệp"]
    assert (a.on_time, a.late, a.waiting, a.overdue, a.pending) == (1, 0, 1, 0, 0)


def test_the_yearly_report_counts_answered_petitions_the_same_way(world, year_2025):
    report = build_yearly_report(unit=world.district, year=2025, today=TODAY)
    assert report.totals["resolved"] == 1
    assert (report.answered.on_time, report.answered.late, report.answered.no_deadline) == (1, 0, 0)
    # Per agency each answered its part of petition 1 on time; Agriculture's other answer waits for review.
    by_agency = {a.label: (a.on_time, a.waiting) for a in report.by_agency}
    assert by_agency == {"Phòng Nông nghiệp": (1, 1), "Phòng Lao động": (1, 0)}
    text = " ".join(part.text for part in report_body(report))
    assert "đã được trả lời, giải quyết: 01 (đạt 50%; đúng hạn 01, trễ hạn 0, không giao hạn 0)" in text
