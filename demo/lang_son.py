"""Lạng Sơn 2023 (seed 000: held, its conclusion notice drafted from the real notice) and Lạng Sơn 2024 (seed 001:
plan 45/KH-UBND, collecting petitions)."""

from datetime import date

from conclusions.models import (
    ConclusionNotice,
    Directive,
    NoticeAppendix,
    NoticeSection,
    NoticeState,
    RecipientPreset,
)
from conferences.deadlines import DeadlineRule
from conferences.models import AdministrativeUnit, Agency, Conference, ConferenceForm, ConferenceLevel, ConferenceStatus

from . import seeds
from .lifecycle import conference

GROUPS_2023 = [
    "Giải pháp, cơ chế hỗ trợ vốn",
    "Đào tạo nghề, hướng nghiệp, giải quyết việc làm",
    "Tiêu thụ sản phẩm, xây dựng thương hiệu trong lĩnh vực nông nghiệp, các mô hình sản phẩm OCOP",
    "Xây dựng nông thôn mới",
]

# Which agency owns each task of seed 000 and how its deadline is worded there.
DIRECTIVES_2023 = {
    "2.1": ("tinh-doan-lang-son", DeadlineRule.NONE),
    "2.2": ("so-khdt-lang-son", DeadlineRule.END_OF_YEAR),
    "2.3": ("so-nnptnt-lang-son", DeadlineRule.NEXT_CONFERENCE),
    "2.4": ("so-noi-vu-lang-son", DeadlineRule.NEXT_CONFERENCE),
    "2.5": (None, DeadlineRule.NONE),
}

PARTICIPANTS_2024 = (
    "a) Chủ trì đối thoại: Chủ tịch UBND tỉnh;\n"
    "b) Thường trực Tỉnh đoàn Lạng Sơn;\n"
    "c) Giám đốc các Sở: Nội vụ, Lao động - Thương binh và Xã hội, Giáo dục và Đào tạo và Thủ trưởng các "
    "cơ quan, đơn vị có liên quan;\n"
    "d) Đại diện lực lượng thanh niên công chức; thanh niên lực lượng vũ trang; thanh niên học sinh, sinh "
    "viên; tấm gương thanh niên tiêu biểu,... tại các điểm cầu cấp tỉnh, cấp huyện, cấp xã."
)


def lang_son_2023(units: dict[str, AdministrativeUnit], agencies: dict[str, Agency], actor) -> Conference:
    notice = seeds.parse_notice_2023()
    attendees = next(line for line in notice.opening.splitlines() if line.startswith("Tham dự"))
    values = {
        "organising_unit": units["province"],
        "organiser": agencies["ubnd-lang-son"],
        "level": ConferenceLevel.PROVINCE,
        "year": 2023,
        "title": "Hội nghị đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lạng Sơn năm 2023",
        "theme": "Thanh niên Lạng Sơn khởi nghiệp, lập nghiệp gắn với xây dựng nông thôn mới",
        "chair_name": "Hồ Tiến Thiệu",
        "chair_title": "Chủ tịch UBND tỉnh",
        "form": ConferenceForm.HYBRID,
        "planned_date": date(2023, 3, 23),
        "held_on": date(2023, 3, 23),
        "provincial_attendees": attendees,
    }
    held = conference(
        "lang-son-2023", actor=actor, values=values, status=ConferenceStatus.HELD, issue_groups=GROUPS_2023
    )
    # TODO(coordinator): the recipients preset and the draft notice typed in from seed 000 are written directly;
    # the notice services (conclusions.notices) draft from the conference's data, not from a paper notice.
    RecipientPreset.objects.update_or_create(
        organising_unit=units["province"], defaults={"lines": "\n".join(notice.recipients)}
    )
    if not ConclusionNotice.objects.filter(conference=held, revision=1).exists():
        _draft_2023(held, notice, agencies)
    return held


def _draft_2023(conference: Conference, notice: seeds.ParsedNotice, agencies: dict[str, Agency]) -> None:
    draft = ConclusionNotice.objects.create(
        conference=conference,
        revision=1,
        issuing_agency=agencies["ubnd-lang-son"],
        issuing_body_lines="ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN",
        place="Lạng Sơn",
        title=notice.title,
        legal_bases=notice.legal_bases,
        opening=notice.opening,
        closing_line=notice.closing_line,
        signature_authority=notice.authority,
        signature_authority_line=notice.authority_line,
        signer_title=notice.signer_title,
        signer_name=notice.signer_name,
        drafter_code=notice.drafter_code,
        recipients="\n".join(notice.recipients),
        state=NoticeState.DRAFT,
    )
    NoticeAppendix.objects.create(notice=draft, position=1)
    for position, section in enumerate(notice.sections, start=1):
        row = NoticeSection.objects.create(notice=draft, position=position, heading=section.heading, body=section.body)
        for d_pos, directive in enumerate(section.directives, start=1):
            agency_code, kind = DIRECTIVES_2023.get(directive.number, (None, DeadlineRule.NONE))
            Directive.objects.create(
                notice=draft,
                section=row,
                position=d_pos,
                heading=directive.heading,
                text=directive.text,
                agency=agencies.get(agency_code) if agency_code else None,
                deadline_kind=kind,
                due_date=date(2023, 12, 31) if kind == DeadlineRule.END_OF_YEAR else None,
            )


def lang_son_2024(units: dict[str, AdministrativeUnit], agencies: dict[str, Agency], actor) -> Conference:
    values = {
        "organising_unit": units["province"],
        "organiser": agencies["ubnd-lang-son"],
        "level": ConferenceLevel.PROVINCE,
        "year": 2024,
        "title": "Chương trình đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lạng Sơn năm 2024",
        "theme": "Cơ hội học tập, phát triển bản thân và việc làm của thanh niên Lạng Sơn trong tình hình mới",
        "chair_name": "Hồ Tiến Thiệu",
        "chair_title": "Chủ tịch UBND tỉnh",
        "form": ConferenceForm.HYBRID,
        "plan_number": "45/KH-UBND",
        "plan_date": date(2024, 2, 21),
        "plan_published_on": date(2024, 2, 21),
        "site_intake_deadline": date(2024, 3, 5),
        "union_intake_deadline": date(2024, 3, 10),
        "participants": PARTICIPANTS_2024,
    }
    return conference("lang-son-2024", actor=actor, values=values, status=ConferenceStatus.COLLECTING)
