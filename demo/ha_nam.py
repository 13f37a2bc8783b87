"""Hà Nam 2021 (seed 004): the conclusion of the Hà Nam Party secretary after the 2021 online dialogue, a
Party-style notice ("K/T CHÁNH VĂN PHÒNG", "Lưu VPTU.") with a 45-working-day task. Only the province unit is
created here (the whole map of the merged province loads with `manage.py load_units --province "Hà Nam"`, same
unit)."""

import re
from datetime import date

from conclusions.models import ConclusionNotice, Directive, NoticeAppendix, NoticeSection, NoticeState
from conferences.deadlines import DeadlineRule
from conferences.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    Conference,
    ConferenceForm,
    ConferenceLevel,
    ConferenceStatus,
)

from . import seeds
from .lifecycle import conference

UNTIL = date(2025, 6, 30)  # the province was merged into Ninh Bình on 1 July 2025
GROUPS = [
    "Lao động, việc làm",
    "Giáo dục, phát triển kỹ năng, thể chất, nâng cao đời sống văn hóa, tinh thần cho thanh thiếu nhi",
    "Công tác xây dựng tổ chức Đoàn, Hội; Đoàn tham gia xây dựng Đảng, xây dựng chính quyền",
]
TASK_45_DAYS = "Thời gian thực hiện chậm nhất sau 45 ngày làm việc"


def _party_paragraphs(text: str) -> list[str]:
    """Paragraphs of seed 004 with their bold and italic runs (the notice markup is the seed's own: **bold**,
    *italic*); dashes on consecutive lines stay separate paragraphs."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [seeds.keep_emphasis(line) for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            out.extend(lines)
            continue
        joined = " ".join(lines)
        if out and joined[:1].islower() and not out[-1].rstrip().endswith((".", ";", ":", "!", "?")):
            out[-1] = f"{out[-1]} {joined}"  # a paragraph the page break cut in two
        else:
            out.append(joined)
    return out


def _province_and_bodies() -> tuple[AdministrativeUnit, Agency]:
    province, _ = AdministrativeUnit.objects.update_or_create(
        source_key="legacy:tinhhanam",
        defaults={
            "name": "Hà Nam",
            "kind": "tinh",
            "tier": 1,
            "parent": None,
            "code": "35",
            "valid_from": None,
            "valid_to": UNTIL,
        },
    )
    party, _ = Agency.objects.update_or_create(
        code="tinh-uy-ha-nam",
        defaults={
            "name": "Tỉnh ủy Hà Nam",
            "short_name": "Tỉnh ủy Hà Nam",
            "abbreviation": "TU",
            "kind": AgencyKind.PARTY_BODY,
            "unit": province,
            "valid_to": UNTIL,
        },
    )
    Agency.objects.update_or_create(
        code="tinh-doan-ha-nam",
        defaults={
            "name": "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Hà Nam",
            "short_name": "Tỉnh đoàn Hà Nam",
            "abbreviation": "TĐ",
            "kind": AgencyKind.YOUTH_UNION,
            "unit": province,
            "valid_to": UNTIL,
        },
    )
    return province, party


def ha_nam_2021(actor) -> Conference:
    province, party = _province_and_bodies()
    head, _sep, tail = seeds.read(seeds.PARTY_NOTICE_HA_NAM).partition("Nơi nhận:")
    paras = _party_paragraphs(head)
    values = {
        "organising_unit": province,
        "organiser": party,
        "level": ConferenceLevel.PROVINCE,
        "year": 2021,
        "title": (
            "Hội nghị đối thoại trực tuyến giữa người đứng đầu cấp uỷ, chính quyền tỉnh Hà Nam với cán bộ Đoàn, "
            "Hội và đoàn viên, hội viên, thanh niên năm 2021"
        ),
        "theme": "",
        "chair_title": "Bí thư Tỉnh ủy",
        "form": ConferenceForm.ONLINE,
        "planned_date": date(2021, 11, 17),
        "held_on": date(2021, 11, 17),
        "provincial_attendees": next(p for p in paras if p.startswith("Ngày 17/11/2021")),
    }
    held = conference("ha-nam-2021", actor=actor, values=values, status=ConferenceStatus.HELD, issue_groups=GROUPS)
    if not ConclusionNotice.objects.filter(conference=held).exists():
        _party_notice(held, party, paras, tail)
    return held


def _signature(tail: str) -> list[str]:
    lines = [seeds.strip_markup(line) for line in tail.split("- Lưu VPTU.", 1)[1].splitlines() if line.strip()]
    return [line for line in lines if line]


def _party_notice(conference: Conference, party: Agency, paras: list[str], tail: str) -> None:
    """TODO(coordinator): the draft typed in from seed 004 is written directly (the notice services draft from the
    conference's data, not from a paper notice)."""
    recipients = [seeds.strip_markup(line)[1:].strip() for line in tail.splitlines() if line.strip().startswith("- ")]
    signature = _signature(tail)
    authority, _sp, authority_line = signature[0].partition(" ")
    opening_start = next(i for i, p in enumerate(paras) if p.startswith("Ngày 17/11/2021"))
    first_part = next(i for i, p in enumerate(paras) if re.match(r"^1\.\s", p))
    closing = next(i for i, p in enumerate(paras) if p.startswith("Văn phòng Tỉnh ủy thông báo"))
    notice = ConclusionNotice.objects.create(
        conference=conference,
        revision=1,
        style="party",
        issuing_agency=party,
        issuing_body_lines="TỈNH ỦY HÀ NAM\nVĂN PHÒNG",
        symbol="TB/VPTU",
        place="Hà Nam",
        title=(
            "Kết luận của Bí thư Tỉnh ủy\nTại Hội nghị đối thoại trực tuyến giữa người đứng đầu cấp uỷ, chính quyền "
            "tỉnh với cán bộ Đoàn, Hội và đoàn viên, hội viên, thanh niên năm 2021"
        ),
        legal_bases="",
        opening="\n".join(paras[opening_start:first_part]),
        closing_line=paras[closing],
        signature_authority=authority,
        signature_authority_line=authority_line.strip(),
        signer_title=signature[1],
        signer_name=signature[2],
        drafter_code="VPTU",
        recipients="\n".join(line for line in recipients if not line.startswith("Lưu")),
        state=NoticeState.DRAFT,
    )
    NoticeAppendix.objects.create(
        notice=notice,
        position=1,
        title="TỔNG HỢP CÁC CÂU HỎI, Ý KIẾN CỦA CÁN BỘ, ĐOÀN VIÊN, HỘI VIÊN, THANH NIÊN VÀ NỘI DUNG TRẢ LỜI",
    )
    _party_parts(notice, paras[first_part:closing])


def _party_parts(notice: ConclusionNotice, parts: list[str]) -> None:
    """Numbered parts become sections; the 45-working-day sentence becomes the task; the rest joins its part."""
    section = None
    for part in parts:
        numbered = re.match(r"^(\d)\.\s+(.*)$", part)
        if numbered:
            section = NoticeSection.objects.create(
                notice=notice, position=int(numbered.group(1)), heading="", body=numbered.group(2)
            )
        elif part.startswith(TASK_45_DAYS):
            Directive.objects.create(
                notice=notice,
                section=section,
                position=1,
                heading="",
                text=part,
                deadline_kind=DeadlineRule.WORKING_DAYS,
                deadline_days=45,
                due_explanation="45 ngày làm việc kể từ ngày ban hành (tính khi ban hành)",
            )
        else:
            section.body = f"{section.body}\n{part}"
            section.save(update_fields=["body"])
