"""Editing a draft's appendices: add one (Phụ lục II, III ...), change its options, remove it.

Guarded like every other edit of the notice by its lock_version (conclusions.notices.editing): a save against an
older version raises `Conflict`. What the clerk types is checked here: the issue groups belong to the conference and
to no other appendix of the notice, the chosen order names petitions of the conference, each once.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.models import IssueGroup
from petitions.models import Petition

from ..errors import NoticeError
from ..models import AppendixOrder, ConclusionNotice, NoticeAppendix
from .editing import _bumped, lock_draft

APPENDIX_FIELDS = (
    "title",
    "grouped",
    "order",
    "row_order",
    "reference_wording",
    "reference_issuer",
    "show_agency",
    "landscape",
)


def _chosen_order(notice: ConclusionNotice, text: str) -> str:
    """The typed order as "3, 1, 2", or a refusal naming what is wrong."""
    parts = [part.strip() for part in re.split(r"[,;\s]+", text or "") if part.strip()]
    if not parts:
        raise NoticeError(_("Nhập thứ tự các kiến nghị (số thứ tự, cách nhau bằng dấu phẩy), hoặc chọn cách xếp khác."))
    bad = [part for part in parts if not part.isdigit()]
    if bad:
        raise NoticeError(
            _("Thứ tự tự nhập chỉ gồm số thứ tự kiến nghị, cách nhau bằng dấu phẩy; “%(part)s” không phải là số.")
            % {"part": bad[0][:20]}
        )
    numbers = [int(part) for part in parts]
    seen: set[int] = set()
    twice = [n for n in numbers if n in seen or seen.add(n)]
    if twice:
        raise NoticeError(_("Kiến nghị số %(n)s được nhập hai lần trong thứ tự.") % {"n": twice[0]})
    known = set(
        Petition.objects.filter(conference=notice.conference, number__in=numbers).values_list("number", flat=True)
    )
    unknown = [n for n in numbers if n not in known]
    if unknown:
        raise NoticeError(
            _("Hội nghị này không có kiến nghị số %(numbers)s.") % {"numbers": ", ".join(map(str, unknown[:10]))}
        )
    return ", ".join(map(str, numbers))


def _check_groups(notice: ConclusionNotice, groups: list[IssueGroup], appendix: NoticeAppendix | None) -> None:
    foreign = [g for g in groups if g.conference_id != notice.conference_id]
    if foreign:
        raise NoticeError(_("Nhóm vấn đề “%(name)s” không thuộc hội nghị này.") % {"name": foreign[0].name})
    others = NoticeAppendix.objects.filter(notice=notice, issue_groups__in=groups)
    if appendix is not None:
        others = others.exclude(pk=appendix.pk)
    clash = others.values_list("position", "issue_groups__name").first()
    if clash:
        raise NoticeError(
            _("Nhóm vấn đề “%(name)s” đã thuộc phụ lục số %(n)s: mỗi nhóm chỉ thuộc một phụ lục.")
            % {"name": clash[1], "n": clash[0]}
        )


def notice_appendix_save(
    *,
    notice: ConclusionNotice,
    values: dict,
    issue_groups: list[IssueGroup],
    expected_version: int,
    actor,
    appendix: NoticeAppendix | None = None,
) -> NoticeAppendix:
    """Add an appendix to a draft (after the last one) or change one of its appendices."""
    unknown = set(values) - set(APPENDIX_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        draft = lock_draft(notice, expected_version)
        if not (values.get("title") or "").strip():
            raise NoticeError(_("Nhập tên phụ lục."))
        if values.get("order") == AppendixOrder.CHOSEN:
            values = {**values, "row_order": _chosen_order(draft, values.get("row_order", ""))}
        _check_groups(draft, issue_groups, appendix)
        if appendix is None:
            last = draft.appendices.aggregate(m=Max("position"))["m"] or 0
            appendix = NoticeAppendix.objects.create(notice=draft, position=last + 1, **values)
            action = "notice.appendix_add"
        else:
            appendix = NoticeAppendix.objects.select_for_update().get(pk=appendix.pk, notice=draft)
            for name, value in values.items():
                setattr(appendix, name, value)
            appendix.save()
            action = "notice.appendix_edit"
        appendix.issue_groups.set(issue_groups)
        _bumped(draft, notice)
        record(actor=actor, action=action, target=draft, conference=draft.conference, appendix=appendix.position)
    return appendix


def notice_appendix_delete(*, appendix: NoticeAppendix, expected_version: int, actor) -> None:
    """Remove an appendix; the ones after it move up (Phụ lục III becomes II). The last one stays."""
    with transaction.atomic():
        draft = lock_draft(appendix.notice, expected_version)
        rows = list(draft.appendices.order_by("position"))
        if len(rows) <= 1:
            raise NoticeError(_("Thông báo cần ít nhất một phụ lục; hãy sửa phụ lục này thay vì xóa."))
        NoticeAppendix.objects.filter(pk=appendix.pk, notice=draft).delete()
        for position, row in enumerate((r for r in rows if r.pk != appendix.pk), start=1):
            if row.position != position:
                NoticeAppendix.objects.filter(pk=row.pk).update(position=position)
        _bumped(draft, appendix.notice)
        record(
            actor=actor,
            action="notice.appendix_delete",
            target=draft,
            conference=draft.conference,
            title=appendix.title,
        )
