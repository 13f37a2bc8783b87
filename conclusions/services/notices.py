"""Writes on the conclusion notice: draft it from the conference, edit it, issue it, correct it, publish it.

Every function is keyword-only, atomic and audited. Edits are guarded by the notice's lock_version: a form carries
the version it was opened at, and a save made against an older version is refused (ConcurrentEdit), never merged
silently. An issued notice is frozen; a correction is a new revision (new draft, new number when issued) and the
old one stays as it was, downloadable.

Numbers: one NoticeNumberSequence row per issuing body, symbol and year, locked with SELECT ... FOR UPDATE while the
number is taken. The number, the notice and its stored files are written in the same transaction, so a render that
fails rolls the number back: numbers are unique and leave no gaps, also when two notices are issued at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from conferences import workdays
from conferences.audit import record
from conferences.deadlines import MovedDeadline
from conferences.models import Agency, AgencyKind, BridgePointKind, Conference, ConferenceLevel, ConferenceStatus
from conferences.permissions import membership_of
from petitions.models import Answer, Assignment, Petition

from ..documents import FORMATS, render_notice
from ..documents.content import ANSWER_STATES, APPENDIX_STATES, notice_content
from ..documents.text import short_date
from ..live_summary import live_outcome_counts
from ..models import (
    LEGAL_BASES_DEFAULT,
    ConclusionNotice,
    DeadlineKind,
    Directive,
    DirectiveStatus,
    DocumentStyle,
    NoticeNumberSequence,
    NoticeRenderJob,
    NoticeSection,
    NoticeState,
    RecipientPreset,
    RenderJobState,
    RenderPurpose,
)


class NoticeError(ValueError):
    """A notice action that cannot be done; the message is for the user (Vietnamese)."""


class ConcurrentEdit(NoticeError):
    """Someone saved the notice after this form was opened."""


# Fields of the notice a form may change (everything else is set by the workflow).
EDITABLE_FIELDS = (
    "style",
    "issuing_body_lines",
    "symbol",
    "place",
    "issue_date",
    "title",
    "legal_bases",
    "opening",
    "closing_line",
    "signature_authority",
    "signature_authority_line",
    "signer_title",
    "signer_name",
    "drafter_code",
    "recipients",
    "appendix_title",
    "appendix_show_agency",
    "appendix_landscape",
)

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


# -- helpers ------------------------------------------------------------------------------------------------------
def _unit_words(conference: Conference) -> tuple[str, str]:
    """('tỉnh', 'tỉnh Lạng Sơn') for the organising unit, lower-case kind as running text writes it."""
    unit = conference.organising_unit
    full = unit.full_name
    kind, _, name = full.partition(" ")
    word = LEVEL_WORD.get(conference.level, kind.lower())
    return word, f"{kind.lower()} {name}" if name else full


def _chair(conference: Conference) -> str:
    word, _ = _unit_words(conference)
    title = (conference.chair_title or "Chủ tịch UBND").strip()
    return f"{title} {word}" if title in ("Chủ tịch UBND", "Chủ tịch Ủy ban nhân dân") else title


def _locked(notice: ConclusionNotice, expected_version: int | None) -> ConclusionNotice:
    locked = ConclusionNotice.objects.select_for_update().select_related("conference").get(pk=notice.pk)
    if expected_version is not None and locked.lock_version != expected_version:
        raise ConcurrentEdit(
            _(
                "Thông báo đã được người khác sửa sau khi bạn mở trang này. Nội dung bạn nhập vẫn còn trên "
                "màn hình; hãy xem lại bản mới nhất rồi lưu lại."
            )
        )
    return locked


def _editable(notice: ConclusionNotice) -> None:
    if not notice.is_draft:
        raise NoticeError(_("Thông báo đã ban hành không được sửa. Muốn đính chính, hãy tạo bản sửa đổi."))


def _bump(notice: ConclusionNotice) -> None:
    ConclusionNotice.objects.filter(pk=notice.pk).update(lock_version=F("lock_version") + 1, updated_at=timezone.now())
    notice.lock_version += 1


# -- drafting -----------------------------------------------------------------------------------------------------
def draft_opening(conference: Conference) -> str:
    """The opening paragraphs from the conference's data (date, chair, theme, attendance, sites, petitions, groups),
    worded as seed 000; the clerk edits them freely afterwards."""
    word, unit = _unit_words(conference)
    chair = _chair(conference)
    held = conference.dialogue_date
    paragraphs = []
    when = f"Ngày {short_date(held)}, " if held else ""
    theme = f", với chủ đề “{conference.theme}”" if conference.theme else ""
    paragraphs.append(
        f"{when}{chair} đã chủ trì Hội nghị đối thoại với thanh niên {unit} năm {conference.year}{theme};"
    )

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
        paragraphs.append(attendees)
    elif attendees:
        paragraphs.append(f"Tham dự Hội nghị tại điểm cầu của {word} có {attendees.rstrip('.;')}.{site_sentence}")
    elif site_sentence:
        paragraphs.append(site_sentence.strip())

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
    paragraphs.append(
        f"Hội nghị đã tiếp nhận {count} kiến nghị, đề xuất của đại diện thanh niên tại các điểm cầu{about}. Những "
        f"kiến nghị, đề xuất của thanh niên tại Hội nghị được {chair}, lãnh đạo các cơ quan, đơn vị ghi nhận, đánh "
        f"giá cao và đã được trao đổi, làm rõ{outcome} (chi tiết tại Phụ lục đính kèm)."
    )
    paragraphs.append(
        f"Để tiếp tục phát huy vai trò xung kích, sáng tạo của đội ngũ thanh niên {unit}, {chair} đề nghị các cấp "
        f"ủy, chính quyền và đội ngũ thanh niên {word} trong thời gian tới quan tâm thực hiện tốt một số nhiệm vụ sau:"
    )
    return "\n".join(paragraphs)


def _default_directives(conference: Conference) -> list[dict]:
    """Youth Union first, each agency that answered or was assigned petitions, Home Affairs last (as in seed 000)."""
    unit = conference.organising_unit
    _word, unit_name = _unit_words(conference)
    chair = _chair(conference)
    union = Agency.objects.filter(unit=unit, kind=AgencyKind.YOUTH_UNION).order_by("name").first()
    home_affairs = Agency.objects.filter(unit=unit, name__icontains="Nội vụ").order_by("name").first()
    counts: dict[int, int] = {}
    for agency_id in (
        Answer.objects.filter(petition__conference=conference, state__in=ANSWER_STATES, agency__isnull=False)
        .order_by()
        .values_list("agency_id", flat=True)
        .union(
            Assignment.objects.filter(petition__conference=conference)
            .order_by()
            .values_list("lead_agency_id", flat=True),
            all=True,
        )
    ):
        counts[agency_id] = counts.get(agency_id, 0) + 1
    skip = {a.pk for a in (union, home_affairs) if a}
    agencies = (
        Agency.objects.filter(pk__in=counts)
        .exclude(pk__in=skip)
        .exclude(kind__in=[AgencyKind.PEOPLES_COMMITTEE, AgencyKind.YOUTH_UNION])
        .order_by("name")
    )
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
    for agency in agencies:
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
        word, unit = _unit_words(conference)
        chair = _chair(conference)
        organiser = conference.organiser
        party = organiser.kind == AgencyKind.PARTY_BODY
        preset = RecipientPreset.objects.filter(organising_unit=conference.organising_unit).first()
        recipients = preset.lines if preset else "\n".join(DEFAULT_RECIPIENTS.get(conference.level, []))
        membership = membership_of(actor)
        drafter = membership.agency.abbreviation if membership and membership.agency.abbreviation else ""
        notice = ConclusionNotice.objects.create(
            conference=conference,
            revision=1,
            style=DocumentStyle.PARTY if party else DocumentStyle.STATE,
            issuing_agency=organiser,
            issuing_body_lines=organiser.name.upper() if party else f"ỦY BAN NHÂN DÂN\n{unit.upper()}",
            symbol="TB/TU" if party else "TB-UBND",
            place=conference.organising_unit.name,
            title=f"Kết luận của {chair} tại Hội nghị đối thoại với thanh niên {unit} năm {conference.year}",
            legal_bases="" if party else LEGAL_BASES_DEFAULT,
            opening=draft_opening(conference),
            closing_line=f"{chair} yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện./.",
            drafter_code=drafter,
            recipients=recipients,
            appendix_title=(
                "TỔNG HỢP NỘI DUNG GIẢI ĐÁP CÁC Ý KIẾN, KIẾN NGHỊ, ĐỀ XUẤT CỦA THANH NIÊN TẠI HỘI NGHỊ ĐỐI THOẠI "
                f"GIỮA {chair.upper()} VỚI THANH NIÊN NĂM {conference.year}"
            ),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
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
            for i, spec in enumerate(_default_directives(conference), start=1)
        )
        record(
            actor=actor,
            action="notice.draft",
            target=notice,
            conference=conference,
            message=_("Soạn dự thảo thông báo kết luận từ dữ liệu hội nghị"),
            sections=[youth.pk, tasks.pk],
        )
    return notice


# -- editing ------------------------------------------------------------------------------------------------------
def notice_update(*, notice: ConclusionNotice, changes: dict, expected_version: int, actor) -> ConclusionNotice:
    """Save the header, opening, closing, signature, recipients and appendix options of a draft."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = _locked(notice, expected_version)
        _editable(locked)
        changed = [name for name, value in changes.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, changes[name])
        locked.lock_version += 1
        locked.save(update_fields=[*changed, "lock_version", "updated_at"])
        if "issue_date" in changed:
            _plan_due_dates(locked)
        record(actor=actor, action="notice.update", target=locked, conference=locked.conference, fields=sorted(changed))
    return locked


def notice_section_save(
    *,
    notice: ConclusionNotice,
    heading: str,
    body: str,
    expected_version: int,
    actor,
    section: NoticeSection | None = None,
) -> NoticeSection:
    with transaction.atomic():
        locked = _locked(notice, expected_version)
        _editable(locked)
        if section is None:
            last = locked.sections.aggregate(m=Max("position"))["m"] or 0
            section = NoticeSection.objects.create(notice=locked, position=last + 1, heading=heading, body=body)
            action = "notice.section_add"
        else:
            section = NoticeSection.objects.select_for_update().get(pk=section.pk, notice=locked)
            section.heading, section.body = heading, body
            section.save(update_fields=["heading", "body"])
            action = "notice.section_edit"
        _bump(locked)
        record(actor=actor, action=action, target=locked, conference=locked.conference, section=section.pk)
    notice.lock_version = locked.lock_version
    return section


def notice_section_delete(*, section: NoticeSection, expected_version: int, actor) -> None:
    with transaction.atomic():
        locked = _locked(section.notice, expected_version)
        _editable(locked)
        heading = section.heading
        Directive.objects.filter(section=section).delete()
        section.delete()
        for position, row in enumerate(locked.sections.order_by("position", "id"), start=1):
            if row.position != position:
                NoticeSection.objects.filter(pk=row.pk).update(position=position)
        _bump(locked)
        record(
            actor=actor, action="notice.section_delete", target=locked, conference=locked.conference, heading=heading
        )


def notice_section_move(*, section: NoticeSection, offset: int, expected_version: int, actor) -> None:
    """Move a section up (-1) or down (+1)."""
    with transaction.atomic():
        locked = _locked(section.notice, expected_version)
        _editable(locked)
        rows = list(locked.sections.order_by("position", "id"))
        index = next(i for i, row in enumerate(rows) if row.pk == section.pk)
        target = index + offset
        if 0 <= target < len(rows):
            rows[index], rows[target] = rows[target], rows[index]
            for position, row in enumerate(rows, start=1):
                NoticeSection.objects.filter(pk=row.pk).update(position=position)
            _bump(locked)
            record(actor=actor, action="notice.section_move", target=locked, conference=locked.conference)


@dataclass
class DirectiveData:
    heading: str
    text: str
    agency: Agency | None
    deadline_kind: str = DeadlineKind.NONE
    deadline_days: int | None = None
    deadline_date: date | None = None


def deadline_sentence(kind: str, *, days: int | None, day: date | None, year: int) -> str:
    """The sentence that states a task's deadline in the notice text, as the seeds word it."""
    if kind == DeadlineKind.FIXED_DATE and day:
        return f"Thời hạn hoàn thành: trước ngày {day:%d/%m/%Y}."
    if kind == DeadlineKind.WITHIN_YEAR:
        return f"Thời hạn hoàn thành: trong năm {year}."
    if kind == DeadlineKind.WORKING_DAYS_AFTER_ISSUE and days:
        return f"Thời gian thực hiện chậm nhất sau {days} ngày làm việc kể từ ngày ban hành Thông báo."
    if kind == DeadlineKind.NEXT_CONFERENCE:
        return f"Báo cáo kết quả tại Hội nghị đối thoại với thanh niên năm {year + 1}."
    return ""


def _mentions_deadline(text: str, kind: str, *, days: int | None, day: date | None, year: int) -> bool:
    """Whether the task text already states its deadline in its own words (seed 000: 'hoàn thành trong năm 2023')."""
    if kind == DeadlineKind.WITHIN_YEAR:
        return bool(re.search(rf"trong năm {year}\b", text))
    if kind == DeadlineKind.FIXED_DATE and day:
        return any(s in text for s in (f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}", short_date(day)))
    if kind == DeadlineKind.WORKING_DAYS_AFTER_ISSUE and days:
        return bool(re.search(rf"\b{days} ngày làm việc", text))
    if kind == DeadlineKind.NEXT_CONFERENCE:
        return bool(re.search(rf"năm {year + 1}\b", text))
    return True


def _validate_deadline(data: DirectiveData) -> None:
    if data.deadline_kind == DeadlineKind.FIXED_DATE and not data.deadline_date:
        raise NoticeError(_("Chọn ngày hết hạn cho nhiệm vụ có thời hạn cố định."))
    if data.deadline_kind == DeadlineKind.WORKING_DAYS_AFTER_ISSUE and not data.deadline_days:
        raise NoticeError(_("Nhập số ngày làm việc kể từ ngày ban hành."))


def _due(directive: Directive, base: date | None) -> tuple[date | None, str]:
    # Stored on the task like the working-day explanations: in Vietnamese whatever the clerk's interface language.
    with translation.override("vi"):
        return _due_in_active_language(directive, base)


def _due_in_active_language(directive: Directive, base: date | None) -> tuple[date | None, str]:
    kind = directive.deadline_kind
    if kind == DeadlineKind.FIXED_DATE and directive.deadline_date:
        deadline = workdays.fixed_date(directive.deadline_date)
    elif kind == DeadlineKind.WITHIN_YEAR and base:
        deadline = workdays.end_of_year(base)
    elif kind == DeadlineKind.WORKING_DAYS_AFTER_ISSUE and directive.deadline_days:
        if base is None:
            return None, _("%(n)s ngày làm việc kể từ ngày ban hành (tính khi ban hành)") % {
                "n": directive.deadline_days
            }
        deadline = workdays.add_working_days(base, directive.deadline_days)
    elif kind == DeadlineKind.NEXT_CONFERENCE:
        year = (base.year if base else directive.notice.conference.year) + 1
        return None, _("Tại Hội nghị đối thoại với thanh niên năm %(year)s") % {"year": year}
    else:
        return None, ""
    return deadline.due, deadline.explanation


def _plan_due_dates(notice: ConclusionNotice, *, base: date | None = None) -> None:
    """Due dates of the notice's tasks from their rules: at issue from the issue date; on a draft, provisional
    from the planned date (working-day rules wait for the issue)."""
    day = base or notice.issue_date
    for directive in notice.directives.select_related("notice__conference"):
        if directive.deadline_kind == DeadlineKind.WORKING_DAYS_AFTER_ISSUE and base is None:
            due, explanation = _due(directive, None)
        else:
            due, explanation = _due(directive, day)
        if (due, explanation) != (directive.due_date, directive.due_explanation):
            Directive.objects.filter(pk=directive.pk).update(due_date=due, due_explanation=explanation)


def directives_recompute_deadlines(*, actor, reason: str) -> list[MovedDeadline]:
    """Recompute the open tasks of issued notices after the calendar changed ("N working days after issue" moves
    with the days off); every moved deadline is audited. Returns (directive id, old, new) per moved task."""
    workdays.invalidate()
    moved: list[MovedDeadline] = []
    with transaction.atomic():
        transaction.on_commit(workdays.invalidate)
        open_ = (
            Directive.objects.select_for_update(of=("self",))
            .filter(
                notice__state=NoticeState.ISSUED,
                notice__issue_date__isnull=False,
                deadline_kind=DeadlineKind.WORKING_DAYS_AFTER_ISSUE,
            )
            .exclude(status__in=[DirectiveStatus.DONE, DirectiveStatus.CANCELLED])
            .select_related("notice__conference")
        )
        for directive in open_:
            due, explanation = _due(directive, directive.notice.issue_date)
            if (due, explanation) == (directive.due_date, directive.due_explanation):
                continue
            old = directive.due_date
            Directive.objects.filter(pk=directive.pk).update(due_date=due, due_explanation=explanation)
            if old != due:
                moved.append(MovedDeadline("directive", directive.pk, old, due))
                record(
                    actor=actor,
                    action="directive.deadline_recomputed",
                    target=directive,
                    conference=directive.notice.conference,
                    message=_("Hạn nhiệm vụ đổi từ %(old)s sang %(new)s do thay đổi lịch nghỉ: %(reason)s")
                    % {
                        "old": f"{old:%d/%m/%Y}" if old else "-",
                        "new": f"{due:%d/%m/%Y}" if due else "-",
                        "reason": reason,
                    },
                    old=old.isoformat() if old else None,
                    new=due.isoformat() if due else None,
                )
    return moved


def directive_save(
    *,
    notice: ConclusionNotice,
    section: NoticeSection,
    data: DirectiveData,
    expected_version: int,
    actor,
    directive: Directive | None = None,
) -> Directive:
    """Add or change a task of a section. When the task has a deadline its text does not state yet, the standard
    sentence is appended to the text (visible and editable), so the signed text and the tracked deadline agree."""
    _validate_deadline(data)
    with transaction.atomic():
        locked = _locked(notice, expected_version)
        _editable(locked)
        if section.notice_id != locked.pk:
            raise NoticeError(_("Phần này không thuộc thông báo đang sửa."))
        year = (locked.issue_date or timezone.localdate()).year if locked.issue_date else locked.conference.year
        text = data.text.strip()
        if not _mentions_deadline(text, data.deadline_kind, days=data.deadline_days, day=data.deadline_date, year=year):
            sentence = deadline_sentence(data.deadline_kind, days=data.deadline_days, day=data.deadline_date, year=year)
            text = f"{text} {sentence}".strip() if "\n" not in text else f"{text}\n{sentence}"
        values = {
            "heading": data.heading.strip(),
            "text": text,
            "agency": data.agency,
            "deadline_kind": data.deadline_kind,
            "deadline_days": data.deadline_days
            if data.deadline_kind == DeadlineKind.WORKING_DAYS_AFTER_ISSUE
            else None,
            "deadline_date": data.deadline_date if data.deadline_kind == DeadlineKind.FIXED_DATE else None,
        }
        if directive is None:
            last = section.directives.aggregate(m=Max("position"))["m"] or 0
            directive = Directive.objects.create(notice=locked, section=section, position=last + 1, **values)
            action = "notice.directive_add"
        else:
            directive = Directive.objects.select_for_update().get(pk=directive.pk, notice=locked)
            for name, value in values.items():
                setattr(directive, name, value)
            directive.save()
            action = "notice.directive_edit"
        directive.due_date, directive.due_explanation = _due(directive, locked.issue_date or None)
        Directive.objects.filter(pk=directive.pk).update(
            due_date=directive.due_date, due_explanation=directive.due_explanation
        )
        _bump(locked)
        record(actor=actor, action=action, target=directive, conference=locked.conference, notice=locked.pk)
    notice.lock_version = locked.lock_version
    return directive


def directive_delete(*, directive: Directive, expected_version: int, actor) -> None:
    with transaction.atomic():
        locked = _locked(directive.notice, expected_version)
        _editable(locked)
        heading = directive.heading
        directive.delete()
        _bump(locked)
        record(
            actor=actor, action="notice.directive_delete", target=locked, conference=locked.conference, heading=heading
        )


# -- issuing ------------------------------------------------------------------------------------------------------
def _take_number(*, agency: Agency, symbol: str, year: int) -> int:
    """The next number of the register (issuing body, symbol, year), taken under a row lock.

    A new register starts after the highest number already on record for it (notices imported with their number)."""
    highest = (
        ConclusionNotice.objects.filter(issuing_agency=agency, symbol=symbol, number_year=year).aggregate(
            m=Max("number")
        )["m"]
        or 0
    )
    sequence, _created = NoticeNumberSequence.objects.get_or_create(
        issuing_agency=agency, symbol=symbol, year=year, defaults={"last_number": highest}
    )
    sequence = NoticeNumberSequence.objects.select_for_update().get(pk=sequence.pk)
    sequence.last_number = max(sequence.last_number, highest) + 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def issue_problems(notice: ConclusionNotice) -> list[str]:
    """What stops a draft from being issued (empty when it can be)."""
    problems = []
    if not notice.is_draft:
        problems.append(_("Thông báo này không còn là dự thảo."))
    if notice.conference.status not in (ConferenceStatus.HELD, ConferenceStatus.CONCLUDED):
        problems.append(_("Hội nghị chưa ở trạng thái “Đã tổ chức”: chỉ ban hành kết luận sau khi đối thoại."))
    for field, label in (
        ("signer_name", _("họ tên người ký")),
        ("signer_title", _("chức vụ người ký")),
        ("place", _("địa danh")),
        ("title", _("trích yếu")),
    ):
        if not str(getattr(notice, field) or "").strip():
            problems.append(_("Chưa nhập %(field)s.") % {"field": label})
    return problems


def unlisted_petitions(conference: Conference):
    """Petitions that will not be in the appendix: not merged, without a complete approved answer yet."""
    return (
        Petition.objects.filter(conference=conference)
        .not_merged()
        .exclude(status__in=APPENDIX_STATES)
        .order_by("number")
    )


def appendix_row_count(conference: Conference) -> int:
    return Petition.objects.filter(conference=conference, status__in=APPENDIX_STATES).count()


def is_large(notice: ConclusionNotice) -> bool:
    """Large notices render in a background task rather than in the request."""
    return appendix_row_count(notice.conference) > settings.NOTICE_LARGE_APPENDIX_ROWS


def notice_publish(*, notice: ConclusionNotice, actor) -> int:
    """Publish the conference's approved answers (their petitions become public) and the notice itself.
    Returns how many answers were published. Idempotent."""
    from petitions.services.answering import answers_publish

    with transaction.atomic():
        answers = Answer.objects.filter(petition__conference=notice.conference).approved_or_published()
        published = answers_publish(answers=answers, actor=actor)
        if notice.published_at is None:
            notice.published_at = timezone.now()
            ConclusionNotice.objects.filter(pk=notice.pk).update(published_at=notice.published_at)
        record(
            actor=actor,
            action="notice.publish",
            target=notice,
            conference=notice.conference,
            message=_("Công bố thông báo kết luận và %(n)s câu trả lời") % {"n": published},
            answers=published,
        )
    return published


def _store_files(notice: ConclusionNotice, *, progress=None) -> None:
    content = notice_content(notice)
    for fmt in FORMATS:
        rendered = render_notice(notice, fmt, content=content, progress=progress if fmt == "pdf" else None)
        getattr(notice, fmt).save(rendered.filename, ContentFile(rendered.data), save=False)
        if fmt == "pdf":
            notice.pdf_sha256 = rendered.sha256


def notice_issue(
    *,
    notice: ConclusionNotice,
    actor,
    issue_date: date | None = None,
    expected_version: int | None = None,
    progress=None,
) -> ConclusionNotice:
    """Issue a draft: number, date, publish, render once, store the files with the PDF's SHA-256, freeze.

    1. Lock the notice (and check the version the clerk confirmed).
    2. Check it can be issued.
    3. Take the next number of the issuing body's register for the year (row lock, same transaction).
    4. Fix the date, move to "issued"; a correction supersedes the revision it corrects.
    5. Compute the tasks' due dates from the issue date.
    6. Publish the approved answers and the notice (so the appendix lists exactly what is now public).
    7. Render PDF, DOCX and XLSX once and store them; move the conference to "concluded".
    Any failure rolls all of it back, the number included.
    """
    with transaction.atomic():
        locked = _locked(notice, expected_version)
        problems = issue_problems(locked)
        if problems:
            raise NoticeError(" ".join(str(p) for p in problems))
        day = issue_date or timezone.localdate()
        locked.number = _take_number(agency=locked.issuing_agency, symbol=locked.symbol, year=day.year)
        locked.number_year = day.year
        locked.issue_date = day
        locked.set_state(NoticeState.ISSUED)
        locked.issued_at = timezone.now()
        locked.issued_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.lock_version += 1
        locked.save()
        if locked.supersedes_id:
            old = ConclusionNotice.objects.select_for_update().get(pk=locked.supersedes_id)
            old.set_state(NoticeState.SUPERSEDED)
            old.save(update_fields=["state", "updated_at"])
        _plan_due_dates(locked, base=day)
        notice_publish(notice=locked, actor=actor)
        _store_files(locked, progress=progress)
        locked.save(update_fields=["pdf", "docx", "xlsx", "pdf_sha256", "updated_at"])
        conference = Conference.objects.select_for_update().get(pk=locked.conference_id)
        conference.concluded_on = day
        if conference.status == ConferenceStatus.HELD:
            conference.set_status(ConferenceStatus.CONCLUDED)
        conference.save(update_fields=["status", "concluded_on", "updated_at"])
        record(
            actor=actor,
            action="notice.issue",
            target=locked,
            conference=conference,
            message=_("Ban hành Thông báo số %(number)s ngày %(date)s")
            % {"number": locked.number_label, "date": f"{day:%d/%m/%Y}"},
            number=locked.number,
            sha256=locked.pdf_sha256,
        )
    return locked


def notice_store_files(*, notice: ConclusionNotice, actor) -> ConclusionNotice:
    """Render and store the files of an issued notice that has none (imported with its number, e.g. the demo)."""
    with transaction.atomic():
        locked = _locked(notice, None)
        if locked.is_draft:
            raise NoticeError(_("Dự thảo không lưu tệp: hãy ban hành."))
        if locked.pdf:
            return locked
        _store_files(locked)
        locked.save(update_fields=["pdf", "docx", "xlsx", "pdf_sha256", "updated_at"])
        record(actor=actor, action="notice.store_files", target=locked, conference=locked.conference)
    return locked


def notice_new_revision(*, notice: ConclusionNotice, actor) -> ConclusionNotice:
    """A correction of an issued notice: a new draft copying its text, sections and tasks. The issued revision
    stays issued (and downloadable) until the correction is issued, which supersedes it."""
    with transaction.atomic():
        locked = _locked(notice, None)
        if locked.state != NoticeState.ISSUED:
            raise NoticeError(_("Chỉ tạo bản sửa đổi từ thông báo đang có hiệu lực."))
        if ConclusionNotice.objects.filter(supersedes=locked).exists():
            raise NoticeError(_("Thông báo này đã có bản sửa đổi đang soạn."))
        copy = ConclusionNotice.objects.create(
            conference=locked.conference,
            revision=(locked.conference.notices.aggregate(m=Max("revision"))["m"] or 0) + 1,
            supersedes=locked,
            issuing_agency=locked.issuing_agency,
            **{name: getattr(locked, name) for name in EDITABLE_FIELDS if name != "issue_date"},
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for section in locked.sections.order_by("position", "id"):
            new_section = NoticeSection.objects.create(
                notice=copy, position=section.position, heading=section.heading, body=section.body
            )
            Directive.objects.bulk_create(
                Directive(
                    notice=copy,
                    section=new_section,
                    position=d.position,
                    agency_id=d.agency_id,
                    heading=d.heading,
                    text=d.text,
                    deadline_kind=d.deadline_kind,
                    deadline_days=d.deadline_days,
                    deadline_date=d.deadline_date,
                )
                for d in section.directives.order_by("position", "id")
            )
        record(
            actor=actor,
            action="notice.new_revision",
            target=copy,
            conference=locked.conference,
            message=_("Tạo bản sửa đổi (lần %(n)s) của Thông báo số %(number)s")
            % {"n": copy.revision, "number": locked.number_label},
        )
    return copy


# -- background renders -------------------------------------------------------------------------------------------
def render_job_start(
    *, notice: ConclusionNotice, actor, purpose: str = RenderPurpose.PREVIEW, fmt: str = "pdf", **options
) -> NoticeRenderJob:
    """Queue a background render; the task runs after commit. An identical preview job still queued, running or
    done for the same content version is reused instead of rendering twice."""
    from ..tasks.documents import render_notice_pdf

    with transaction.atomic():
        if purpose == RenderPurpose.ISSUE:
            locked = _locked(notice, options.get("expected_version"))
            problems = issue_problems(locked)
            if problems:
                raise NoticeError(" ".join(str(p) for p in problems))
            if locked.render_jobs.filter(
                purpose=RenderPurpose.ISSUE, state__in=[RenderJobState.QUEUED, RenderJobState.RUNNING]
            ).exists():
                raise NoticeError(_("Thông báo đang được ban hành; vui lòng chờ."))
        else:
            locked = notice
            reusable = (
                locked.render_jobs.filter(purpose=purpose, fmt=fmt, notice_version=notice.lock_version)
                .filter(Q(state__in=[RenderJobState.QUEUED, RenderJobState.RUNNING]) | Q(state=RenderJobState.DONE))
                .first()
            )
            if reusable:
                return reusable
        job = NoticeRenderJob.objects.create(
            notice=locked,
            purpose=purpose,
            fmt=fmt,
            notice_version=locked.lock_version,
            issue_date=options.get("issue_date"),
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(actor=actor, action=f"notice.render_{purpose}", target=locked, conference=locked.conference, job=job.pk)
        transaction.on_commit(lambda: render_notice_pdf.delay(job.pk))
    return job


def render_job_run(job_id: int) -> str:
    """Run a queued job once (claimed by a conditional update, so a redelivered task does nothing)."""
    claimed = NoticeRenderJob.objects.filter(pk=job_id, state=RenderJobState.QUEUED).update(
        state=RenderJobState.RUNNING, started_at=timezone.now(), progress=1
    )
    if not claimed:
        return "skipped"
    job = NoticeRenderJob.objects.select_related("notice__conference", "requested_by").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        NoticeRenderJob.objects.filter(pk=job_id).update(progress=max(1, min(99, int(100 * done / max(total, 1)))))

    try:
        if job.purpose == RenderPurpose.ISSUE:
            notice_issue(
                notice=job.notice,
                actor=job.requested_by,
                issue_date=job.issue_date,
                expected_version=job.notice_version,
                progress=progress,
            )
            filename, data, sha = "", None, ""
        else:
            if job.notice.lock_version != job.notice_version:
                raise NoticeError(_("Dự thảo đã thay đổi sau khi yêu cầu; hãy tạo lại bản xem trước."))
            rendered = render_notice(job.notice, job.fmt, progress=progress)
            filename, data, sha = rendered.filename, rendered.data, rendered.sha256
    except Exception as exc:  # the job row records the failure; the task logs the traceback
        message = str(exc) if isinstance(exc, NoticeError) else _("Lỗi khi tạo tệp: %(error)s") % {"error": exc}
        NoticeRenderJob.objects.filter(pk=job_id).update(
            state=RenderJobState.FAILED, message=message[:2000], finished_at=timezone.now()
        )
        if isinstance(exc, NoticeError):
            return "failed"
        raise
    if data is not None:
        job.file.save(filename, ContentFile(data), save=False)
    NoticeRenderJob.objects.filter(pk=job_id).update(
        state=RenderJobState.DONE,
        progress=100,
        file=job.file.name if data is not None else "",
        sha256=sha,
        finished_at=timezone.now(),
    )
    return "done"
