"""Drafting the conclusion notice from the conference's data, worded as seed 000 (Lạng Sơn 2023).

The clerk edits every word afterwards; what is drafted here is only a start: the header, the opening paragraphs
(date, chair, theme, attendance, sites, petitions, issue groups), the usual recipients and one task per agency that
answered or was assigned petitions, the Youth Union first and Home Affairs last.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.models import Agency, AgencyKind, BridgePointKind, Conference, ConferenceLevel
from conferences.permissions import membership_of
from petitions.models import Answer, Assignment, Petition

from ..errors import NoticeError
from ..models import (
    LEGAL_BASES_DEFAULT,
    ConclusionNotice,
    Directive,
    DocumentStyle,
    NoticeAppendix,
    NoticeSection,
    RecipientPreset,
)
from .documents.text import short_date
from .live_summary import live_outcome_counts

LEVEL_WORD = {ConferenceLevel.PROVINCE: "tỉnh", ConferenceLevel.DISTRICT: "huyện", ConferenceLevel.COMMUNE: "xã"}
DEFAULT_RECIPIENTS = {
    ConferenceLevel.PROVINCE: [
        "Bộ Nội vụ;",
        "Thường trực Tỉnh ủy;",
        "Thường trực HĐND tỉnh;",
        "Chủ tịch, các PCT UBND tỉnh;",
        "Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh;",
        "Các sở, ban, ngành;",
        "UBND các xã, phường;",
    ],
    ConferenceLevel.DISTRICT: [
        "UBND tỉnh (báo cáo);",
        "Sở Nội vụ;",
        "Thường trực Huyện ủy;",
        "Thường trực HĐND huyện;",
        "Chủ tịch, các PCT UBND huyện;",
        "Ủy ban MTTQ Việt Nam và các đoàn thể huyện;",
        "Các cơ quan, đơn vị thuộc UBND huyện;",
        "UBND các xã, thị trấn;",
    ],
    ConferenceLevel.COMMUNE: [
        "UBND cấp trên (báo cáo);",
        "Thường trực Đảng ủy;",
        "Thường trực HĐND xã;",
        "Ủy ban MTTQ Việt Nam và các đoàn thể xã;",
        "Các thôn, tổ dân phố;",
    ],
}


def unit_words(conference: Conference) -> tuple[str, str]:
    """('tỉnh', 'tỉnh Lạng Sơn') for the organising unit, lower-case kind as running text writes it."""
    full = conference.organising_unit.full_name
    kind, _sep, name = full.partition(" ")
    word = LEVEL_WORD.get(conference.level, kind.lower())
    return word, f"{kind.lower()} {name}" if name else full


def chair_of(conference: Conference) -> str:
    """'Chủ tịch UBND tỉnh' (the chair as the notice names them)."""
    word, _unit = unit_words(conference)
    title = (conference.chair_title or "Chủ tịch UBND").strip()
    return f"{title} {word}" if title in ("Chủ tịch UBND", "Chủ tịch Ủy ban nhân dân") else title


# -- the opening ----------------------------------------------------------------------------------------------------
def _attendance(conference: Conference, word: str) -> str:
    """Who attended at the unit's own site, and the lower-level sites (one query)."""
    sites = dict(conference.bridge_points.values_list("kind").annotate(n=Count("id")).order_by())
    attendees = (conference.provincial_attendees or "").strip()
    site_parts = []
    if sites.get(BridgePointKind.DISTRICT):
        site_parts.append(f"{sites[BridgePointKind.DISTRICT]} điểm cầu cấp huyện")
    if sites.get(BridgePointKind.COMMUNE):
        site_parts.append(f"{sites[BridgePointKind.COMMUNE]} điểm cầu cấp xã")
    site_sentence = (
        f" Tại {' và '.join(site_parts)} có đại diện lãnh đạo cấp ủy, chính quyền, các cơ quan chuyên môn, các tổ "
        "chức chính trị - xã hội; đại diện thanh niên tiêu biểu trên địa bàn."
        if site_parts
        else ""
    )
    if attendees.startswith("Tham dự"):
        return attendees
    if attendees:
        return f"Tham dự Hội nghị tại điểm cầu của {word} có {attendees.rstrip('.;')}.{site_sentence}"
    return site_sentence.strip()


def _received(conference: Conference, chair: str) -> str:
    """How many petitions were received and which issue groups they were about (two queries)."""
    petitions = Petition.objects.filter(conference=conference).not_merged()
    count = petitions.count()
    groups = list(
        conference.issue_groups.filter(petitions__in=petitions).distinct().order_by("position", "name")
        .values_list("name", flat=True)
    )  # fmt: skip
    about = ""
    if groups:
        named = "; ".join(g[:1].lower() + g[1:] for g in groups)
        about = f"; các ý kiến, kiến nghị của thanh niên cơ bản tập trung vào nhóm vấn đề về {named}"
    on_the_spot, in_writing = live_outcome_counts(conference)
    outcome = (
        f"; trong đó {on_the_spot} kiến nghị đã được trả lời trực tiếp tại Hội nghị, {in_writing} kiến nghị được "
        "ghi nhận và trả lời bằng văn bản"
        if on_the_spot or in_writing
        else ""
    )
    return (
        f"Hội nghị đã tiếp nhận {count} kiến nghị, đề xuất của đại diện thanh niên tại các điểm cầu{about}. Những "
        f"kiến nghị, đề xuất của thanh niên tại Hội nghị được {chair}, lãnh đạo các cơ quan, đơn vị ghi nhận, đánh "
        f"giá cao và đã được trao đổi, làm rõ{outcome} (chi tiết tại Phụ lục đính kèm)."
    )


def draft_opening(conference: Conference) -> str:
    """The opening paragraphs from the conference's data, worded as seed 000; one paragraph per line."""
    word, unit = unit_words(conference)
    chair = chair_of(conference)
    held = conference.dialogue_date
    when = f"Ngày {short_date(held)}, " if held else ""
    theme = f", với chủ đề “{conference.theme}”" if conference.theme else ""
    paragraphs = [
        f"{when}{chair} đã chủ trì Hội nghị đối thoại với thanh niên {unit} năm {conference.year}{theme};",
        _attendance(conference, word),
        _received(conference, chair),
        f"Để tiếp tục phát huy vai trò xung kích, sáng tạo của đội ngũ thanh niên {unit}, {chair} đề nghị các cấp "
        f"ủy, chính quyền và đội ngũ thanh niên {word} trong thời gian tới quan tâm thực hiện tốt một số nhiệm vụ sau:",
    ]
    return "\n".join(p for p in paragraphs if p)


def _same(a: str, b: str) -> bool:
    return [line.strip() for line in (a or "").splitlines() if line.strip()] == [
        line.strip() for line in (b or "").splitlines() if line.strip()
    ]


def opening_is_drafted(notice: ConclusionNotice) -> bool:
    """The opening is still the portal's wording: it equals what the portal last drafted (`opening_drafted`). A
    clerk's edit, or an opening typed in from a paper notice, differs from it and is never redrafted."""
    return bool(notice.opening_drafted) and _same(notice.opening, notice.opening_drafted)


def current_opening(notice: ConclusionNotice) -> str:
    """The opening a draft shows now: while it is the drafted wording, drafted again from the conference's current
    data (a dialogue date set after drafting, petitions added on the day); otherwise the text as stored."""
    if notice.is_draft and opening_is_drafted(notice):
        return draft_opening(notice.conference)
    return notice.opening


def keeps_drafted_opening(notice: ConclusionNotice, opening: str) -> bool:
    """A saved opening that is word for word what the portal drafts today is still the drafted wording."""
    return bool(notice.opening_drafted) and _same(opening, draft_opening(notice.conference))


# -- the tasks ------------------------------------------------------------------------------------------------------
def _answering_agencies(conference: Conference, skip: set[int]):
    """Agencies that answered or were assigned petitions of the conference (not the People's Committee or the
    Youth Union, which the notice addresses on their own), by name; one query."""
    answered = Answer.objects.filter(petition__conference=conference).approved_or_published()
    assigned = Assignment.objects.filter(petition__conference=conference)
    return (
        Agency.objects.filter(Q(pk__in=answered.values("agency_id")) | Q(pk__in=assigned.values("lead_agency_id")))
        .exclude(pk__in=skip)
        .exclude(kind__in=[AgencyKind.PEOPLES_COMMITTEE, AgencyKind.YOUTH_UNION])
        .order_by("name")
    )


def default_directives(conference: Conference) -> list[dict]:
    """Youth Union first, each agency that answered or was assigned petitions, Home Affairs last (as in seed 000).
    Each item holds the fields of a `Directive` (agency, heading, text)."""
    unit = conference.organising_unit
    _word, unit_name = unit_words(conference)
    chair = chair_of(conference)
    union = Agency.objects.filter(unit=unit, kind=AgencyKind.YOUTH_UNION).order_by("name").first()
    home_affairs = Agency.objects.filter(unit=unit, name__icontains="Nội vụ").order_by("name").first()
    out = []
    if union:
        out.append(
            {
                "agency": union,
                "heading": f"Đề nghị {union.name}",
                "text": (
                    "Thông báo rộng rãi kết quả đối thoại, nội dung kết luận đối thoại đến đội ngũ thanh niên; "
                    "phối hợp với các cơ quan, đơn vị liên quan triển khai nội dung Kết luận đối thoại."
                ),
            }
        )
    for agency in _answering_agencies(conference, {a.pk for a in (union, home_affairs) if a}):
        out.append(
            {
                "agency": agency,
                "heading": agency.short_name or agency.name,
                "text": (
                    "Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tiếp tục nghiên cứu, giải quyết các kiến nghị "
                    f"của thanh niên thuộc lĩnh vực quản lý (chi tiết tại Phụ lục); báo cáo {chair} kết quả thực hiện."
                ),
            }
        )
    if home_affairs:
        out.append(
            {
                "agency": home_affairs,
                "heading": home_affairs.short_name or home_affairs.name,
                "text": (
                    f"Theo dõi, đôn đốc thực hiện nội dung Kết luận hội nghị đối thoại năm {conference.year}; "
                    "tổng hợp, báo cáo kết quả thực hiện công tác quản lý nhà nước về thanh niên trên địa bàn "
                    f"{unit_name}."
                ),
            }
        )
    return out


# -- the draft ------------------------------------------------------------------------------------------------------
def _drafted_fields(conference: Conference, actor) -> dict:
    """The notice's fields drafted from the conference: state or Party style, header, title, recipients."""
    _word, unit = unit_words(conference)
    chair = chair_of(conference)
    organiser = conference.organiser
    party = organiser.kind == AgencyKind.PARTY_BODY
    preset = RecipientPreset.objects.filter(organising_unit=conference.organising_unit).first()
    membership = membership_of(actor)
    opening = draft_opening(conference)
    return {
        "style": DocumentStyle.PARTY if party else DocumentStyle.STATE,
        "issuing_agency": organiser,
        "issuing_body_lines": organiser.name.upper() if party else f"ỦY BAN NHÂN DÂN\n{unit.upper()}",
        "symbol": "TB/TU" if party else "TB-UBND",
        "place": conference.organising_unit.name,
        "title": f"Kết luận của {chair} tại Hội nghị đối thoại với thanh niên {unit} năm {conference.year}",
        "legal_bases": "" if party else LEGAL_BASES_DEFAULT,
        "opening": opening,
        "opening_drafted": opening,
        "closing_line": f"{chair} yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
        "drafter_code": membership.agency.abbreviation if membership and membership.agency.abbreviation else "",
        "recipients": preset.lines if preset else "\n".join(DEFAULT_RECIPIENTS.get(conference.level, [])),
    }


def drafted_appendix_title(conference: Conference) -> str:
    return (
        "TỔNG HỢP NỘI DUNG GIẢI ĐÁP CÁC Ý KIẾN, KIẾN NGHỊ, ĐỀ XUẤT CỦA THANH NIÊN TẠI HỘI NGHỊ ĐỐI THOẠI "
        f"GIỮA {chair_of(conference).upper()} VỚI THANH NIÊN NĂM {conference.year}"
    )


def _drafted_sections(notice: ConclusionNotice, conference: Conference) -> list[NoticeSection]:
    """'1. Đối với đội ngũ thanh niên' (empty) and '2. Đối với các sở, ban, ngành' with one task per agency."""
    word, _unit = unit_words(conference)
    youth = NoticeSection.objects.create(
        notice=notice, position=1, heading=f"Đối với đội ngũ thanh niên {word}", body=""
    )
    agencies_heading = (
        "Đối với các sở, ban, ngành, cơ quan liên quan"
        if conference.level == ConferenceLevel.PROVINCE
        else "Đối với các cơ quan, đơn vị liên quan"
    )
    tasks = NoticeSection.objects.create(notice=notice, position=2, heading=agencies_heading, body="")
    Directive.objects.bulk_create(
        Directive(notice=notice, section=tasks, position=i, **spec)
        for i, spec in enumerate(default_directives(conference), start=1)
    )
    return [youth, tasks]


def notice_draft_from_conference(*, conference: Conference, actor) -> ConclusionNotice:
    """Start the conclusion notice of a conference (revision 1), drafted from its data. If a draft or an issued
    notice already exists it is returned unchanged: a conference has one notice line, corrected by revisions."""
    if conference.organiser_id is None:
        raise NoticeError(_("Hội nghị chưa có cơ quan ban hành (UBND cấp tổ chức): hãy khai báo trước khi soạn."))
    with transaction.atomic():
        Conference.objects.select_for_update().filter(pk=conference.pk).first()
        existing = ConclusionNotice.objects.current_for(conference)
        if existing is not None:
            return existing
        notice = ConclusionNotice.objects.create(
            conference=conference,
            revision=1,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **_drafted_fields(conference, actor),
        )
        sections = _drafted_sections(notice, conference)
        NoticeAppendix.objects.create(notice=notice, position=1, title=drafted_appendix_title(conference))
        record(
            actor=actor,
            action="notice.draft",
            target=notice,
            conference=conference,
            message=_("Soạn dự thảo thông báo kết luận từ dữ liệu hội nghị"),
            sections=[s.pk for s in sections],
        )
    return notice
