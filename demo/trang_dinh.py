"""Tràng Định 2024 (seed 003): the district's dialogue, its 14 petitions with their units and answers, and notice
1428/TB-UBND issued through the issue action a clerk uses: drafted from the conference, signed, its appendix set
flat in seed order with seed 003's reference wording, and numbered with the number and date the clerk's register
gave (1428, 12/04/2024)."""

import re
from datetime import date, datetime, time

from django.utils import timezone

from conclusions.models import AppendixOrder, AppendixReference, ConclusionNotice
from conclusions.notices.appendices import notice_appendix_save
from conclusions.notices.drafting import notice_draft_from_conference
from conclusions.notices.editing import notice_update
from conclusions.notices.issuing import notice_issue
from conferences.models import AdministrativeUnit, Agency, Conference, ConferenceForm, ConferenceLevel, ConferenceStatus
from conferences.services import conference_set_status
from conferences.text import fold
from petitions.models import Answer, AnswerRevision, AnswerState, Channel, Petition, PetitionStatus, RevisionAction
from petitions.services.intake import petition_create

from . import seeds
from .lifecycle import conference

ISSUED_ON = date(2024, 4, 12)
REGISTER_NUMBER = 1428
# Seed 003 is the appendix only: it gives neither the dialogue's date nor the chair's name, and the notice cannot
# be signed over an empty space. The demo uses a stand-in date (within the 10 days the law allows before the
# register date) and a stand-in name; replace both with the real ones when the notice itself is at hand.
HELD_ON = date(2024, 4, 2)
CHAIR_NAME = "Nông Thanh Sơn"


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


def trang_dinh_2024(units: dict[str, AdministrativeUnit], agencies: dict[str, Agency], actor) -> Conference:
    title, reference, rows = seeds.parse_appendix_trang_dinh()
    values = {
        "organising_unit": units["trang_dinh"],
        "organiser": agencies["ubnd-trang-dinh"],
        "level": ConferenceLevel.DISTRICT,
        "year": 2024,
        "title": "Hội nghị đối thoại giữa Chủ tịch UBND huyện Tràng Định với thanh niên năm 2024",
        "theme": "Vai trò của thanh niên tham gia phát triển kinh tế, xây dựng sản phẩm OCOP",
        "chair_name": CHAIR_NAME,
        "chair_title": "Chủ tịch UBND huyện",
        "form": ConferenceForm.IN_PERSON,
        "planned_date": HELD_ON,
    }
    groups = list(dict.fromkeys(_group_for(r.content) for r in rows))
    found = Conference.objects.filter(slug="trang-dinh-2024").first()
    if found is None:
        found = conference(
            "trang-dinh-2024", actor=actor, values=values, status=ConferenceStatus.COLLECTING, issue_groups=groups
        )
        for row in rows:
            _log_petition(found, row, agencies, reference, actor)
        found = conference_set_status(conference=found, target=ConferenceStatus.ANSWERING, actor=actor)
        found = conference_set_status(conference=found, target=ConferenceStatus.HELD, held_on=HELD_ON, actor=actor)
    if not ConclusionNotice.objects.filter(conference=found).exists():
        _issue_notice_1428(found, title, actor)
    found.refresh_from_db()
    return found


def _site_of(conference: Conference, unit_name: str):
    """The commune site whose name ends the petition's unit ('Bí thư Đoàn xã Tân Minh'), else the district's."""
    district_site = conference.bridge_points.get(unit=conference.organising_unit)
    unit_text = fold(unit_name)
    sites = {fold(bp.unit.name): bp for bp in conference.bridge_points.select_related("unit") if bp.unit}
    return next((bp for name, bp in sites.items() if unit_text.endswith(name) and bp != district_site), district_site)


def _log_petition(conference: Conference, row, agencies: dict[str, Agency], reference: str, actor) -> None:
    """Home Affairs logs the petition as a user would; its answer is the appendix's record, approved and waiting
    for the notice's issue to publish it."""
    starred = [line for line in row.answer.splitlines() if line.startswith("*")]
    questions = _split_questions(row.content)
    petition = petition_create(
        conference=conference,
        actor=actor,
        values={
            "content": row.content,
            "submitting_unit": row.unit,
            "bridge_point": _site_of(conference, row.unit),
            "issue_group": conference.issue_groups.get(name=_group_for(row.content)),
            "channel": Channel.FORM,
        },
        sub_questions=questions if len(starred) >= 2 and len(questions) >= 2 else [],
    )
    if petition.number != row.number:
        raise AssertionError(f"seed 003 row {row.number} was logged as petition {petition.number}")
    approved = timezone.make_aware(datetime.combine(ISSUED_ON, time(8, 0)))
    # TODO(coordinator): no service records an answer taken from an issued appendix ("imported"): the approved
    # answer and its revision are written directly; the notice's issue action publishes them (notice_issue).
    Petition.objects.filter(pk=petition.pk).update(status=PetitionStatus.ANSWERED)
    answer = Answer.objects.create(
        petition=petition,
        agency=agencies["ubnd-trang-dinh"],
        text=row.answer,
        state=AnswerState.APPROVED,
        author=actor,
        submitted_at=approved,
        approved_at=approved,
        approved_by=actor,
    )
    AnswerRevision.objects.create(
        answer=answer,
        version=1,
        text=answer.text,
        state=answer.state,
        action=RevisionAction.IMPORTED,
        comment=reference,
        actor=actor,
    )


def _issue_notice_1428(conference: Conference, appendix_title: str, actor) -> ConclusionNotice:
    """The clerk's journey: draft from the conference, sign, set the appendix as seed 003 prints it, issue with the
    register's number and date. Every step is the service a user's action calls, with its checks."""
    notice = notice_draft_from_conference(conference=conference, actor=actor)
    notice = notice_update(
        notice=notice,
        changes={
            "signature_authority": "TM.",
            "signature_authority_line": "ỦY BAN NHÂN DÂN",
            "signer_title": "CHỦ TỊCH",
            "signer_name": CHAIR_NAME,
            "drafter_code": "NV",
        },
        expected_version=notice.lock_version,
        actor=actor,
    )
    notice_appendix_save(
        notice=notice,
        appendix=notice.appendices.get(),
        values={
            "title": appendix_title,
            "grouped": False,
            "order": AppendixOrder.NUMBER,
            "reference_wording": AppendixReference.ISSUED_WITH,
            "reference_issuer": "UBND huyện",
        },
        issue_groups=[],
        expected_version=notice.lock_version,
        actor=actor,
    )
    return notice_issue(
        notice=notice,
        actor=actor,
        issue_date=ISSUED_ON,
        register_number=REGISTER_NUMBER,
        expected_version=notice.lock_version,
    )
