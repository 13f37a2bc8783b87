"""Demo data built from the real documents: Lạng Sơn 2023 (seed 000), Lạng Sơn 2024 (seed 001),
Tràng Định 2024 (seed 003), Hà Nam 2021 (seed 004, a Party-style conclusion). Idempotent: every row is found by
its natural key before it is written."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from conclusions.models import ConclusionNotice, Directive, NoticeSection, NoticeState, RecipientPreset
from conclusions.notices.drafting import DEFAULT_RECIPIENTS, default_directives, draft_opening
from conclusions.notices.issuing import notice_store_files
from conferences.deadlines import DeadlineRule
from conferences.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    Conference,
    ConferenceForm,
    ConferenceLevel,
    ConferenceStatus,
    IssueGroup,
    Membership,
    Role,
)
from conferences.services import bridge_points_generate, issue_groups_create_defaults
from conferences.text import fold
from conferences.units import load_province_units
from petitions.models import Answer, AnswerRevision, AnswerState, Channel, Petition, PetitionStatus, SubQuestion

from . import seeds

DEMO_PASSWORD = "DoiThoai@2024"
REFORM_DAY = date(2025, 3, 1)  # departments merged on 1 March 2025 (Resolution 1659/NQ-UBTVQH15 era)


@dataclass
class DemoUser:
    username: str
    full_name: str
    agency: str
    role: str
    is_head: bool = False
    job_title: str = ""


DEMO_USERS = [
    DemoUser("doan_tinh", "Nguyễn Thu Hà", "tinh-doan-lang-son", Role.YOUTH_UNION, job_title="Cán bộ Tỉnh đoàn"),
    DemoUser(
        "doan_trangdinh", "Hoàng Văn Minh", "huyen-doan-trang-dinh", Role.YOUTH_UNION, job_title="Phó Bí thư Huyện đoàn"
    ),
    DemoUser("doan_caoloc", "Lý Thị Mai", "huyen-doan-cao-loc", Role.YOUTH_UNION, job_title="Cán bộ Huyện đoàn"),
    DemoUser("doan_tanminh", "Nông Văn Tú", "doan-xa-tan-minh", Role.YOUTH_UNION, job_title="Bí thư Đoàn xã"),
    DemoUser("noivu_tinh", "Trần Thị Lan", "so-noi-vu-lang-son", Role.HOME_AFFAIRS, job_title="Chuyên viên Sở Nội vụ"),
    DemoUser(
        "noivu_trangdinh",
        "Đàm Văn Quang",
        "phong-noi-vu-trang-dinh",
        Role.HOME_AFFAIRS,
        job_title="Chuyên viên Phòng Nội vụ",
    ),
    DemoUser(
        "canbo_noivu", "Vi Thị Hồng", "so-noi-vu-lang-son", Role.AGENCY_OFFICER, job_title="Chuyên viên phòng Công chức"
    ),
    DemoUser(
        "canbo_laodong",
        "Hoàng Thị Thu",
        "so-ldtbxh-lang-son",
        Role.AGENCY_OFFICER,
        job_title="Chuyên viên phòng Việc làm",
    ),
    DemoUser(
        "canbo_nongnghiep", "Lương Văn Đức", "phong-nnptnt-trang-dinh", Role.AGENCY_OFFICER, job_title="Chuyên viên"
    ),
    DemoUser(
        "truongphong_nongnghiep",
        "Chu Văn Bình",
        "phong-nnptnt-trang-dinh",
        Role.AGENCY_OFFICER,
        is_head=True,
        job_title="Trưởng phòng",
    ),
    DemoUser("lanhdao", "Hồ Tiến Thiệu", "ubnd-lang-son", Role.LEADER, job_title="Chủ tịch UBND tỉnh"),
]


def _units() -> dict[str, AdministrativeUnit]:
    load_province_units("Lạng Sơn")
    province = AdministrativeUnit.objects.get(source_key="province:tinhlangson")
    legacy = AdministrativeUnit.objects.filter(path__startswith=province.path, valid_to__isnull=False)
    return {
        "province": province,
        "trang_dinh": legacy.get(tier=2, name="Tràng Định"),
        "cao_loc": legacy.get(tier=2, name="Cao Lộc"),
        "tan_minh": legacy.get(tier=3, name="Tân Minh", parent__name="Tràng Định"),
    }


def _agencies(units) -> dict[str, Agency]:
    p, td, cl, tm = units["province"], units["trang_dinh"], units["cao_loc"], units["tan_minh"]
    rows = [
        # code, name, short, abbreviation, kind, unit, valid_to, successor code
        (
            "ubnd-lang-son",
            "Ủy ban nhân dân tỉnh Lạng Sơn",
            "UBND tỉnh Lạng Sơn",
            "UBND",
            AgencyKind.PEOPLES_COMMITTEE,
            p,
            None,
            None,
        ),
        (
            "vp-ubnd-lang-son",
            "Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn",
            "Văn phòng UBND tỉnh",
            "VP",
            AgencyKind.DEPARTMENT,
            p,
            None,
            None,
        ),
        (
            "tinh-doan-lang-son",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Lạng Sơn",
            "Tỉnh đoàn Lạng Sơn",
            "TĐ",
            AgencyKind.YOUTH_UNION,
            p,
            None,
            None,
        ),
        ("so-noi-vu-lang-son", "Sở Nội vụ tỉnh Lạng Sơn", "Sở Nội vụ", "SNV", AgencyKind.DEPARTMENT, p, None, None),
        (
            "so-tai-chinh-lang-son",
            "Sở Tài chính tỉnh Lạng Sơn",
            "Sở Tài chính",
            "STC",
            AgencyKind.DEPARTMENT,
            p,
            None,
            None,
        ),
        (
            "so-nnmt-lang-son",
            "Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn",
            "Sở Nông nghiệp và Môi trường",
            "SNNMT",
            AgencyKind.DEPARTMENT,
            p,
            None,
            None,
        ),
        (
            "so-ldtbxh-lang-son",
            "Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn",
            "Sở Lao động - Thương binh và Xã hội",
            "SLĐTBXH",
            AgencyKind.DEPARTMENT,
            p,
            REFORM_DAY,
            "so-noi-vu-lang-son",
        ),
        (
            "so-khdt-lang-son",
            "Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn",
            "Sở Kế hoạch và Đầu tư",
            "SKHĐT",
            AgencyKind.DEPARTMENT,
            p,
            REFORM_DAY,
            "so-tai-chinh-lang-son",
        ),
        (
            "so-nnptnt-lang-son",
            "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lạng Sơn",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "SNNPTNT",
            AgencyKind.DEPARTMENT,
            p,
            REFORM_DAY,
            "so-nnmt-lang-son",
        ),
        (
            "so-gddt-lang-son",
            "Sở Giáo dục và Đào tạo tỉnh Lạng Sơn",
            "Sở Giáo dục và Đào tạo",
            "SGDĐT",
            AgencyKind.DEPARTMENT,
            p,
            None,
            None,
        ),
        (
            "nhcsxh-lang-son",
            "Chi nhánh Ngân hàng Chính sách xã hội tỉnh Lạng Sơn",
            "Chi nhánh NHCSXH tỉnh",
            "NHCSXH",
            AgencyKind.OTHER,
            p,
            None,
            None,
        ),
        (
            "ubnd-trang-dinh",
            "Ủy ban nhân dân huyện Tràng Định",
            "UBND huyện Tràng Định",
            "UBND",
            AgencyKind.PEOPLES_COMMITTEE,
            td,
            date(2025, 6, 30),
            None,
        ),
        (
            "huyen-doan-trang-dinh",
            "Huyện đoàn Tràng Định",
            "Huyện đoàn Tràng Định",
            "HĐ",
            AgencyKind.YOUTH_UNION,
            td,
            date(2025, 6, 30),
            None,
        ),
        (
            "phong-noi-vu-trang-dinh",
            "Phòng Nội vụ huyện Tràng Định",
            "Phòng Nội vụ",
            "PNV",
            AgencyKind.DEPARTMENT,
            td,
            date(2025, 6, 30),
            None,
        ),
        (
            "phong-nnptnt-trang-dinh",
            "Phòng Nông nghiệp và Phát triển nông thôn huyện Tràng Định",
            "Phòng Nông nghiệp và PTNT",
            "PNN",
            AgencyKind.DEPARTMENT,
            td,
            date(2025, 6, 30),
            None,
        ),
        (
            "phong-kt-ht-trang-dinh",
            "Phòng Kinh tế và Hạ tầng huyện Tràng Định",
            "Phòng Kinh tế và Hạ tầng",
            "PKTHT",
            AgencyKind.DEPARTMENT,
            td,
            date(2025, 6, 30),
            None,
        ),
        (
            "huyen-doan-cao-loc",
            "Huyện đoàn Cao Lộc",
            "Huyện đoàn Cao Lộc",
            "HĐ",
            AgencyKind.YOUTH_UNION,
            cl,
            date(2025, 6, 30),
            None,
        ),
        (
            "doan-xa-tan-minh",
            "Đoàn xã Tân Minh",
            "Đoàn xã Tân Minh",
            "ĐX",
            AgencyKind.YOUTH_UNION,
            tm,
            date(2025, 6, 30),
            None,
        ),
    ]
    agencies: dict[str, Agency] = {}
    for code, name, short, abbr, kind, unit, valid_to, _ in rows:
        agencies[code], _created = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "abbreviation": abbr,
                "kind": kind,
                "unit": unit,
                "valid_to": valid_to,
                "valid_from": None,
            },
        )
    agencies["so-nnmt-lang-son"].valid_from = REFORM_DAY
    agencies["so-nnmt-lang-son"].save(update_fields=["valid_from"])
    for code, *_rest, successor in rows:
        if successor:
            Agency.objects.filter(code=code).update(successor=agencies[successor])
    Agency.objects.filter(code="phong-nnptnt-trang-dinh").update(requires_head_approval=True)
    return agencies


def _users(agencies) -> list[tuple[str, str]]:
    User = get_user_model()
    logins = []
    for spec in DEMO_USERS:
        last, _, first = spec.full_name.rpartition(" ")
        user, created = User.objects.get_or_create(
            username=spec.username,
            defaults={"first_name": first, "last_name": last, "email": f"{spec.username}@demo.langson.gov.vn"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user,
            defaults={
                "agency": agencies[spec.agency],
                "role": spec.role,
                "is_head": spec.is_head,
                "job_title": spec.job_title,
            },
        )
        logins.append(
            (spec.username, f"{spec.full_name} – {agencies[spec.agency].short_name}, {Role(spec.role).label}")
        )
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={
            "is_staff": True,
            "is_superuser": True,
            "email": "admin@demo.langson.gov.vn",
            "first_name": "Quản trị",
        },
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    logins.append(("admin", "Quản trị hệ thống (trang /admin/)"))
    return logins


def _conference(slug: str, **values) -> Conference:
    conference, _ = Conference.objects.update_or_create(slug=slug, defaults=values)
    return conference


def _lang_son_2023(units, agencies, actor) -> Conference:
    notice = seeds.parse_notice_2023()
    attendees = next(line for line in notice.opening.splitlines() if line.startswith("Tham dự"))
    conference = _conference(
        "lang-son-2023",
        organising_unit=units["province"],
        organiser=agencies["ubnd-lang-son"],
        level=ConferenceLevel.PROVINCE,
        year=2023,
        title="Hội nghị đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lạng Sơn năm 2023",
        theme="Thanh niên Lạng Sơn khởi nghiệp, lập nghiệp gắn với xây dựng nông thôn mới",
        chair_name="Hồ Tiến Thiệu",
        chair_title="Chủ tịch UBND tỉnh",
        form=ConferenceForm.HYBRID,
        planned_date=date(2023, 3, 23),
        held_on=date(2023, 3, 23),
        provincial_attendees=attendees,
        status=ConferenceStatus.HELD,
    )
    bridge_points_generate(conference=conference, actor=actor)
    issue_groups_create_defaults(
        conference=conference,
        names=[
            "Giải pháp, cơ chế hỗ trợ vốn",
            "Đào tạo nghề, hướng nghiệp, giải quyết việc làm",
            "Tiêu thụ sản phẩm, xây dựng thương hiệu trong lĩnh vực nông nghiệp, các mô hình sản phẩm OCOP",
            "Xây dựng nông thôn mới",
        ],
    )
    RecipientPreset.objects.update_or_create(
        organising_unit=units["province"], defaults={"lines": "\n".join(notice.recipients)}
    )
    draft = ConclusionNotice.objects.filter(conference=conference, revision=1).first()
    if draft is None:
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
        _notice_sections(draft, notice, agencies)
    return conference


# Which agency owns each task of seed 000 and how its deadline is worded there.
_DIRECTIVES_2023 = {
    "2.1": ("tinh-doan-lang-son", DeadlineRule.NONE),
    "2.2": ("so-khdt-lang-son", DeadlineRule.END_OF_YEAR),
    "2.3": ("so-nnptnt-lang-son", DeadlineRule.NEXT_CONFERENCE),
    "2.4": ("so-noi-vu-lang-son", DeadlineRule.NEXT_CONFERENCE),
    "2.5": (None, DeadlineRule.NONE),
}


def _notice_sections(draft: ConclusionNotice, notice: seeds.ParsedNotice, agencies) -> None:
    for position, section in enumerate(notice.sections, start=1):
        row = NoticeSection.objects.create(notice=draft, position=position, heading=section.heading, body=section.body)
        for d_pos, directive in enumerate(section.directives, start=1):
            agency_code, kind = _DIRECTIVES_2023.get(directive.number, (None, DeadlineRule.NONE))
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


def _lang_son_2024(units, agencies, actor) -> Conference:
    conference = _conference(
        "lang-son-2024",
        organising_unit=units["province"],
        organiser=agencies["ubnd-lang-son"],
        level=ConferenceLevel.PROVINCE,
        year=2024,
        title="Chương trình đối thoại giữa Chủ tịch UBND tỉnh với thanh niên tỉnh Lạng Sơn năm 2024",
        theme="Cơ hội học tập, phát triển bản thân và việc làm của thanh niên Lạng Sơn trong tình hình mới",
        chair_name="Hồ Tiến Thiệu",
        chair_title="Chủ tịch UBND tỉnh",
        form=ConferenceForm.HYBRID,
        plan_number="45/KH-UBND",
        plan_date=date(2024, 2, 21),
        plan_published_on=date(2024, 2, 21),
        site_intake_deadline=date(2024, 3, 5),
        union_intake_deadline=date(2024, 3, 10),
        participants=(
            "a) Chủ trì đối thoại: Chủ tịch UBND tỉnh;\n"
            "b) Thường trực Tỉnh đoàn Lạng Sơn;\n"
            "c) Giám đốc các Sở: Nội vụ, Lao động - Thương binh và Xã hội, Giáo dục và Đào tạo và Thủ trưởng các "
            "cơ quan, đơn vị có liên quan;\n"
            "d) Đại diện lực lượng thanh niên công chức; thanh niên lực lượng vũ trang; thanh niên học sinh, sinh "
            "viên; tấm gương thanh niên tiêu biểu,... tại các điểm cầu cấp tỉnh, cấp huyện, cấp xã."
        ),
        status=ConferenceStatus.COLLECTING,
    )
    bridge_points_generate(conference=conference, actor=actor, on=date(2024, 3, 1))
    issue_groups_create_defaults(conference=conference)
    return conference


def _group_for(content: str) -> str:
    """Demo grouping of seed 003 rows by their subject (the appendix itself is not grouped)."""
    text = fold(content)
    if "chuyen doi so" in text or "du lich" in text or "mang xa hoi" in text:
        return "Chuyển đổi số, du lịch, quảng bá sản phẩm"
    if "ocop" in text:
        return "Sản phẩm OCOP, tiêu thụ sản phẩm"
    return "Khởi nghiệp, phát triển kinh tế, việc làm"


def _split_questions(content: str) -> list[str]:
    return [q.strip() for q in re.findall(r"[^?]+\?", content) if q.strip()]


def _trang_dinh_2024(units, agencies, actor) -> Conference:
    title, reference, rows = seeds.parse_appendix_trang_dinh()
    conference = _conference(
        "trang-dinh-2024",
        organising_unit=units["trang_dinh"],
        organiser=agencies["ubnd-trang-dinh"],
        level=ConferenceLevel.DISTRICT,
        year=2024,
        title="Hội nghị đối thoại giữa Chủ tịch UBND huyện Tràng Định với thanh niên năm 2024",
        theme="Vai trò của thanh niên tham gia phát triển kinh tế, xây dựng sản phẩm OCOP",
        chair_title="Chủ tịch UBND huyện",
        form=ConferenceForm.IN_PERSON,
        status=ConferenceStatus.CONCLUDED,
    )
    bridge_points_generate(conference=conference, actor=actor, on=date(2024, 4, 1))
    groups = {}
    for position, name in enumerate(dict.fromkeys(_group_for(r.content) for r in rows), start=1):
        groups[name], _ = IssueGroup.objects.get_or_create(
            conference=conference, name=name, defaults={"position": position}
        )
    sites = {fold(bp.unit.name): bp for bp in conference.bridge_points.select_related("unit") if bp.unit}
    district_site = conference.bridge_points.get(unit=units["trang_dinh"])
    published = timezone.make_aware(datetime.combine(date(2024, 4, 12), time(9, 0)))
    for row in rows:
        unit_text = fold(row.unit)
        site = next(
            (bp for name, bp in sites.items() if unit_text.endswith(name) and bp != district_site), district_site
        )
        petition, created = Petition.objects.get_or_create(
            conference=conference,
            number=row.number,
            defaults={
                "content": row.content,
                "submitting_unit": row.unit,
                "bridge_point": site,
                "issue_group": groups[_group_for(row.content)],
                "channel": Channel.FORM,
                "status": PetitionStatus.PUBLISHED,
                "published_at": published,
                "created_by": actor,
            },
        )
        if not created:
            continue
        starred = [line for line in row.answer.splitlines() if line.startswith("*")]
        questions = _split_questions(row.content)
        if len(starred) >= 2 and len(questions) >= 2:
            SubQuestion.objects.bulk_create(
                SubQuestion(petition=petition, position=i, content=q) for i, q in enumerate(questions, start=1)
            )
            petition.save()  # refresh the search text with the parts
        answer = Answer.objects.create(
            petition=petition,
            agency=agencies["ubnd-trang-dinh"],
            text=row.answer,
            state=AnswerState.PUBLISHED,
            author=actor,
            submitted_at=published,
            approved_at=published,
            approved_by=actor,
            published_at=published,
        )
        AnswerRevision.objects.create(
            answer=answer,
            version=1,
            text=answer.text,
            state=answer.state,
            action="imported",
            comment=reference,
            actor=actor,
        )
    if not ConclusionNotice.objects.filter(conference=conference).exists():
        ConclusionNotice.objects.create(
            conference=conference,
            revision=1,
            issuing_agency=agencies["ubnd-trang-dinh"],
            issuing_body_lines="ỦY BAN NHÂN DÂN\nHUYỆN TRÀNG ĐỊNH",
            symbol="TB-UBND",
            number=1428,
            number_year=2024,
            place="Tràng Định",
            issue_date=date(2024, 4, 12),
            title="Kết luận của Chủ tịch UBND huyện tại Hội nghị đối thoại với thanh niên huyện Tràng Định năm 2024",
            closing_line="Chủ tịch UBND huyện yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
            signature_authority="TM.",
            signature_authority_line="ỦY BAN NHÂN DÂN",
            signer_title="CHỦ TỊCH",
            appendix_title=title,
            state=NoticeState.ISSUED,
            issued_at=published,
            published_at=published,
            drafter_code="NV",
        )
        Conference.objects.filter(pk=conference.pk).update(concluded_on=date(2024, 4, 12))
    return conference


@transaction.atomic
def load_demo() -> list[tuple[str, str]]:
    """Build the demo; returns (username, description) for every demo login."""
    units = _units()
    agencies = _agencies(units)
    logins = _users(agencies)
    actor = get_user_model().objects.get(username="noivu_tinh")
    _lang_son_2023(units, agencies, actor)
    _lang_son_2024(units, agencies, actor)
    trang_dinh_actor = get_user_model().objects.get(username="noivu_trangdinh")
    trang_dinh = _trang_dinh_2024(units, agencies, trang_dinh_actor)
    _trang_dinh_notice_files(trang_dinh, trang_dinh_actor)
    _ha_nam_2021()
    return logins


# -- Issue 5: the issued Tràng Định notice gets its files; a Party-style notice from seed 004 (Hà Nam 2021) ---------
def _trang_dinh_notice_files(conference: Conference, actor) -> None:
    """Notice 1428/TB-UBND is issued with only its appendix known (seed 003): give it the opening, tasks and
    recipients drafted from the conference's data, then render and store its PDF, DOCX and XLSX once."""
    notice = ConclusionNotice.objects.filter(conference=conference, revision=1).first()
    if notice is None or notice.is_draft or notice.pdf:
        return
    if not notice.opening:
        notice.opening = draft_opening(conference)
        notice.recipients = "\n".join(DEFAULT_RECIPIENTS[ConferenceLevel.DISTRICT])
        notice.save(update_fields=["opening", "recipients", "updated_at"])
        if not notice.sections.exists():
            section = NoticeSection.objects.create(
                notice=notice, position=1, heading="Đối với các cơ quan, đơn vị liên quan", body=""
            )
            for position, spec in enumerate(default_directives(conference), start=1):
                Directive.objects.create(notice=notice, section=section, position=position, **spec)
    notice_store_files(notice=notice, actor=actor)


def _party_paragraphs(text: str) -> list[str]:
    """Paragraphs of seed 004; dashes on consecutive lines stay separate paragraphs."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [seeds.strip_markup(line) for line in block.splitlines() if line.strip()]
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


def _ha_nam_2021() -> Conference:
    """Seed 004: conclusion of the Hà Nam Party secretary after the 2021 online dialogue, a Party-style notice
    ("K/T CHÁNH VĂN PHÒNG", "Lưu VPTU.") with a 45-working-day task. Only the province unit is created here (the
    whole map of the merged province loads with `manage.py load_units --province "Hà Nam"`, same unit)."""
    province, _ = AdministrativeUnit.objects.update_or_create(
        source_key="legacy:tinhhanam",
        defaults={
            "name": "Hà Nam",
            "kind": "tinh",
            "tier": 1,
            "parent": None,
            "code": "35",
            "valid_from": None,
            "valid_to": date(2025, 6, 30),
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
            "valid_to": date(2025, 6, 30),
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
            "valid_to": date(2025, 6, 30),
        },
    )
    raw = seeds.read(seeds.PARTY_NOTICE_HA_NAM)
    head, _sep, tail = raw.partition("Nơi nhận:")
    paras = _party_paragraphs(head)
    opening_start = next(i for i, p in enumerate(paras) if p.startswith("Ngày 17/11/2021"))
    first_part = next(i for i, p in enumerate(paras) if re.match(r"^1\.\s", p))
    closing = next(i for i, p in enumerate(paras) if p.startswith("Văn phòng Tỉnh ủy thông báo"))
    attendees = next(p for p in paras if p.startswith("Ngày 17/11/2021"))
    conference = _conference(
        "ha-nam-2021",
        organising_unit=province,
        organiser=party,
        level=ConferenceLevel.PROVINCE,
        year=2021,
        title=(
            "Hội nghị đối thoại trực tuyến giữa người đứng đầu cấp uỷ, chính quyền tỉnh Hà Nam với cán bộ Đoàn, "
            "Hội và đoàn viên, hội viên, thanh niên năm 2021"
        ),
        theme="",
        chair_title="Bí thư Tỉnh ủy",
        form=ConferenceForm.ONLINE,
        planned_date=date(2021, 11, 17),
        held_on=date(2021, 11, 17),
        provincial_attendees=attendees,
        status=ConferenceStatus.HELD,
    )
    issue_groups_create_defaults(
        conference=conference,
        names=[
            "Lao động, việc làm",
            "Giáo dục, phát triển kỹ năng, thể chất, nâng cao đời sống văn hóa, tinh thần cho thanh thiếu nhi",
            "Công tác xây dựng tổ chức Đoàn, Hội; Đoàn tham gia xây dựng Đảng, xây dựng chính quyền",
        ],
    )
    if ConclusionNotice.objects.filter(conference=conference).exists():
        return conference
    recipients = [seeds.strip_markup(line)[1:].strip() for line in tail.splitlines() if line.strip().startswith("- ")]
    recipients = [line for line in recipients if not line.startswith("Lưu")]
    signature = [seeds.strip_markup(line) for line in tail.split("- Lưu VPTU.", 1)[1].splitlines() if line.strip()]
    signature = [line for line in signature if line]
    authority, _sp, authority_line = signature[0].partition(" ")
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
        recipients="\n".join(recipients),
        appendix_title="TỔNG HỢP CÁC CÂU HỎI, Ý KIẾN CỦA CÁN BỘ, ĐOÀN VIÊN, HỘI VIÊN, THANH NIÊN VÀ NỘI DUNG TRẢ LỜI",
        state=NoticeState.DRAFT,
    )
    section = None
    for part in paras[first_part:closing]:
        numbered = re.match(r"^(\d)\.\s+(.*)$", part)
        if numbered:
            section = NoticeSection.objects.create(
                notice=notice, position=int(numbered.group(1)), heading="", body=numbered.group(2)
            )
        elif part.startswith("Thời gian thực hiện chậm nhất sau 45 ngày làm việc"):
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
    return conference
