"""Tổng duyệt: the sites rehearse the day before it happens. `rehearsal_start` opens a rehearsal session with a
handful of sample questions from several sites (one on air, some shortlisted); `rehearsal_stop` ends it and deletes
it, so the conference, its petitions, answers and assignments are exactly as before (the rehearsal never reaches
them: services/outcomes.py). The feed counters and the projector link are kept: screens set up at the rehearsal
keep working on the day."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from conferences.errors import Refused
from conferences.models import BridgePointKind, Conference

from .models import EntrySource, LiveSession
from .services.queue import entry_put_on_air, entry_shortlist, live_question_post
from .services.sessions import session_start, session_stop

SAMPLE_QUESTIONS = [
    "Tỉnh có chính sách hỗ trợ vay vốn cho thanh niên khởi nghiệp ở nông thôn không, thủ tục thế nào?",
    "Đề nghị mở thêm lớp đào tạo nghề ngắn hạn miễn phí cho thanh niên ngay tại xã.",
    "Thanh niên dân tộc thiểu số được hỗ trợ những gì khi đi làm việc ở nước ngoài theo hợp đồng?",
    "Đề nghị hỗ trợ kết nối tiêu thụ sản phẩm OCOP do thanh niên sản xuất.",
    "Xã chưa có điểm truy cập Internet công cộng cho thanh niên; đề nghị tỉnh quan tâm đầu tư.",
    "Học sinh tốt nghiệp trung học phổ thông muốn học nghề thì được tư vấn ở đâu?",
]


def _sites(conference: Conference, count: int):
    """Several sites of different levels: the provincial one, then districts and communes in turn."""
    sites = list(conference.bridge_points.order_by("position", "name"))
    by_kind = {kind: [s for s in sites if s.kind == kind] for kind in BridgePointKind.values}
    picked = by_kind[BridgePointKind.PROVINCIAL][:1]
    lower = [*by_kind[BridgePointKind.DISTRICT], *by_kind[BridgePointKind.COMMUNE]]
    stride = max(1, len(lower) // max(1, count))
    picked += lower[::stride]
    return (picked or sites)[:count]


def _unit_of(site) -> str:
    name = site.name[:1].lower() + site.name[1:]
    return f"Đoàn Thanh niên {name}"


def rehearsal_start(*, conference: Conference, actor=None, questions: int = 5) -> LiveSession:
    questions = max(1, min(questions, len(SAMPLE_QUESTIONS)))
    sites = _sites(conference, questions)
    if not sites:
        raise Refused(_("Hội nghị chưa có điểm cầu: hãy tạo điểm cầu trước khi tổng duyệt."))
    with transaction.atomic():
        session = session_start(conference=conference, actor=actor, rehearsal=True)
        posted = [
            live_question_post(
                conference=conference,
                site=sites[i % len(sites)],
                content=SAMPLE_QUESTIONS[i],
                unit=_unit_of(sites[i % len(sites)]),
                client_key=uuid.uuid4(),
                actor=actor,
            )[0]
            for i in range(questions)
        ]
        for entry in posted[1:4]:
            entry_shortlist(entry=entry, on=True, actor=actor)
        entry_put_on_air(entry=posted[0], actor=actor)
    return session


def rehearsal_stop(*, conference: Conference, actor=None) -> int:
    """End the open rehearsal; returns how many of its questions were deleted with it."""
    session = LiveSession.objects.open().filter(conference=conference, is_rehearsal=True).first()
    if session is None:
        raise Refused(_("Hội nghị không đang tổng duyệt."))
    count = session.entries.filter(source=EntrySource.LIVE).count()
    session_stop(session=session, actor=actor)
    return count
