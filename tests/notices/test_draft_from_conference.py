"""Starting the notice drafts it from the conference's data; everything stays editable."""

import pytest

from conclusions.models import RecipientPreset
from conclusions.notices.drafting import notice_draft_from_conference
from conferences.models import BridgePointKind
from tests.factories import BridgePointFactory, CommuneFactory, DistrictFactory

pytestmark = pytest.mark.django_db


def test_the_opening_is_drafted_from_date_chair_theme_attendance_sites_petitions_and_groups(world):
    world.conference.provincial_attendees = "Bí thư Tỉnh đoàn; đại diện lãnh đạo các sở, ban, ngành"
    world.conference.save()
    for _ in range(2):
        BridgePointFactory(conference=world.conference, kind=BridgePointKind.DISTRICT, unit=DistrictFactory())
    BridgePointFactory(conference=world.conference, kind=BridgePointKind.COMMUNE, unit=CommuneFactory())
    world.petition("Hỏi về vốn?", group=world.groups[0])
    world.petition("Hỏi về việc làm?", group=world.groups[1])
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    opening = notice.opening.splitlines()
    assert opening[0] == (
        "Ngày 26/3/2024, Chủ tịch UBND tỉnh đã chủ trì Hội nghị đối thoại với thanh niên tỉnh Thử Nghiệm năm 2024, "
        "với chủ đề “Thanh niên khởi nghiệp, lập nghiệp”;"
    )
    assert opening[1].startswith("Tham dự Hội nghị tại điểm cầu của tỉnh có Bí thư Tỉnh đoàn;")
    assert "Tại 2 điểm cầu cấp huyện và 1 điểm cầu cấp xã" in opening[1]
    assert opening[2].startswith("Hội nghị đã tiếp nhận 2 kiến nghị")
    assert "nhóm vấn đề về giải pháp, cơ chế hỗ trợ vốn; đào tạo nghề, việc làm" in opening[2]
    assert opening[2].endswith("(chi tiết tại Phụ lục đính kèm).")
    assert notice.title == (
        "Kết luận của Chủ tịch UBND tỉnh tại Hội nghị đối thoại với thanh niên tỉnh Thử Nghiệm năm 2024"
    )
    assert notice.legal_bases.startswith("Căn cứ Luật Thanh niên ngày 16/6/2020;")
    assert notice.issuing_body_lines == "ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM"
    assert notice.drafter_code == "SNV"


def test_sections_follow_seed_000_with_one_task_per_answering_agency(world):
    world.petition("Hỏi về vốn?")
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    assert [s.heading for s in notice.sections.order_by("position")] == [
        "Đối với đội ngũ thanh niên tỉnh",
        "Đối với các sở, ban, ngành, cơ quan liên quan",
    ]
    tasks = list(notice.directives.order_by("position").select_related("agency"))
    assert [t.agency for t in tasks] == [world.union, world.department, world.home_affairs]
    assert tasks[0].heading.startswith("Đề nghị Đoàn Thanh niên")


def test_recipients_come_from_the_organising_units_preset_when_there_is_one(world):
    RecipientPreset.objects.create(organising_unit=world.province, lines="Bộ Nội vụ;\nThường trực Tỉnh ủy;")
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    assert notice.recipients == "Bộ Nội vụ;\nThường trực Tỉnh ủy;"


def test_starting_twice_returns_the_same_draft(world):
    first = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    again = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    assert first.pk == again.pk
