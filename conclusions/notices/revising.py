"""Correcting an issued notice with a new revision: a draft copying its text, sections, tasks and appendices. The
issued revision stays issued (and downloadable) until the correction is issued, which supersedes it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from conferences.audit import record

from ..errors import NoticeError
from ..models import ConclusionNotice, Directive, NoticeAppendix, NoticeSection
from .editing import EDITABLE_FIELDS, lock_notice

APPENDIX_FIELDS = (
    "position",
    "title",
    "grouped",
    "order",
    "row_order",
    "reference_wording",
    "reference_issuer",
    "show_agency",
    "landscape",
)


def _copy_appendices(source: ConclusionNotice, copy: ConclusionNotice) -> None:
    for appendix in source.appendices.order_by("position").prefetch_related("issue_groups"):
        new = NoticeAppendix.objects.create(notice=copy, **{name: getattr(appendix, name) for name in APPENDIX_FIELDS})
        new.issue_groups.set(appendix.issue_groups.all())


def _copy_body(source: ConclusionNotice, copy: ConclusionNotice) -> None:
    for section in source.sections.order_by("position", "id"):
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


def notice_new_revision(*, notice: ConclusionNotice, actor) -> ConclusionNotice:
    """A correction of an issued notice: a new draft copying its text, sections and tasks. The issued revision
    stays issued (and downloadable) until the correction is issued, which supersedes it."""
    with transaction.atomic():
        source = lock_notice(notice, None)
        if not source.is_issued:
            raise NoticeError(_("Chỉ tạo bản sửa đổi từ thông báo đang có hiệu lực."))
        if ConclusionNotice.objects.filter(supersedes=source).exists():
            raise NoticeError(_("Thông báo này đã có bản sửa đổi đang soạn."))
        copy = ConclusionNotice.objects.create(
            conference=source.conference,
            revision=(source.conference.notices.aggregate(m=Max("revision"))["m"] or 0) + 1,
            supersedes=source,
            issuing_agency=source.issuing_agency,
            **{name: getattr(source, name) for name in EDITABLE_FIELDS if name != "issue_date"},
            opening_drafted=source.opening_drafted,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _copy_body(source, copy)
        _copy_appendices(source, copy)
        record(
            actor=actor,
            action="notice.new_revision",
            target=copy,
            conference=source.conference,
            message=_("Tạo bản sửa đổi (lần %(n)s) của Thông báo số %(number)s")
            % {"n": copy.revision, "number": source.number_label},
        )
    return copy
