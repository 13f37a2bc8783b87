"""What the demo lacks for a page of every type to exist: on Lạng Sơn 2024 (collecting) two petitions from the
compiled list, one assigned to the labour department with a draft answer, one answered and waiting for Home Affairs;
a youth question sent from the public form and confirmed; the dialogue day started with one question on air and its
projector link. Built through the services a user's action goes through, on top of `load_demo()`."""

import re
import uuid
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from conclusions.notices.rendering import render_job_start
from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.models import Agency, Conference, OutgoingEmail
from petitions.live.models import LiveEntry
from petitions.live.services.queue import entry_put_on_air, live_question_post
from petitions.live.services.sessions import projector_link_issue, session_start
from petitions.models import Answer, ImportBatch, Petition, YouthQuestion
from petitions.questions.sending import Submission, question_submit
from petitions.services.answering import answer_save, assignment_create
from petitions.services.intake.entry import petition_create
from petitions.services.intake.reading import import_start

ON_AIR = "Xã Tân Minh chưa có điểm truy cập Internet công cộng, tỉnh có hỗ trợ không?"


@dataclass
class Scenario:
    collecting: Conference  # lang-son-2024
    concluded: Conference  # trang-dinh-2024, notice issued, answers published
    petition: Petition  # assigned, draft answer
    reviewed: Petition  # answer submitted to Home Affairs
    assignment_pk: int
    review_answer_pk: int
    published_answer_pk: int
    published_number: int
    import_pk: int  # an Excel list read and waiting in its preview, one row with mistakes
    question: YouthQuestion
    confirm_path: str  # the link emailed to the sender, not yet opened
    screen_url: str
    entry_pk: int
    issued_notice_pk: int
    draft_notice_pk: int
    directive_pk: int  # a task of the issued notice, owned by the Tràng Định Youth Union
    draft_section_pk: int
    draft_directive_pk: int
    render_job_pk: int  # a preview file of the draft notice, asked for by Home Affairs


def _user(username):
    return get_user_model().objects.get(username=username)


def build(demo) -> Scenario:
    collecting, concluded = demo["lang-son-2024"], demo["trang-dinh-2024"]
    union, home_affairs, officer = _user("doan_tinh"), _user("noivu_tinh"), _user("canbo_laodong")
    group = collecting.issue_groups.order_by("position").first()
    site = collecting.bridge_points.get(unit__name="Tràng Định", unit__tier=2)
    petitions = [
        petition_create(
            conference=collecting,
            actor=union,
            values={
                "content": text,
                "submitting_unit": "Huyện đoàn Tràng Định",
                "issue_group": group,
                "bridge_point": site,
                "submitter_name": "Lý Văn Kín",
            },
            sub_questions=[],
        )
        for text in (
            "Đề nghị tỉnh có chính sách hỗ trợ vốn vay ưu đãi cho thanh niên khởi nghiệp ở nông thôn.",
            "Học sinh tốt nghiệp trung học phổ thông muốn học nghề thì được tư vấn, hỗ trợ ở đâu?",
        )
    ]
    labour = Agency.objects.get(code="so-ldtbxh-lang-son")
    due = DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2024, 4, 20))
    first = assignment_create(petition=petitions[0], lead_agency=labour, due=due, actor=home_affairs)
    answer_save(assignment=first, text="Bản nháp: Sở đang tổng hợp chính sách vay vốn.", version=0, actor=officer)
    second = assignment_create(petition=petitions[1], lead_agency=labour, due=due, actor=home_affairs)
    submitted = answer_save(
        assignment=second, text="Thanh niên được tư vấn tại Trung tâm dịch vụ việc làm tỉnh.", version=0,
        actor=officer, submit=True,
    )  # fmt: skip
    question, confirm_path = _question(collecting, site)
    screen_url, entry_pk = _dialogue_day(collecting, union, site)
    published = Answer.objects.filter(petition__conference=concluded, state="published").select_related("petition")
    published = published.order_by("petition__number").first()
    notices = {n.state: n.pk for n in concluded.notices.all()} | {
        n.state + "-other": n.pk for n in demo["lang-son-2023"].notices.all()
    }
    directive = concluded.notices.get(state="issued").directives.filter(agency__code="huyen-doan-trang-dinh").first()
    draft_directive = demo["lang-son-2023"].notices.get(pk=notices["draft-other"]).directives.order_by("pk").first()
    return Scenario(
        collecting=collecting,
        concluded=concluded,
        petition=petitions[0],
        reviewed=petitions[1],
        assignment_pk=first.pk,
        review_answer_pk=submitted.pk,
        published_answer_pk=published.pk,
        published_number=published.petition.number,
        import_pk=_import(collecting, union, group.name).pk,
        question=question,
        confirm_path=confirm_path,
        screen_url=screen_url,
        entry_pk=entry_pk,
        issued_notice_pk=notices["issued"],
        draft_notice_pk=notices["draft-other"],
        directive_pk=directive.pk,
        draft_section_pk=draft_directive.section_id,
        draft_directive_pk=draft_directive.pk,
        render_job_pk=render_job_start(notice=draft_directive.notice, actor=home_affairs).pk,
    )


def _import(conference, actor, group: str) -> ImportBatch:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Nội dung kiến nghị", "Đơn vị kiến nghị", "Nhóm vấn đề", "Điểm cầu"])
    sheet.append([1, "Đề nghị hỗ trợ thanh niên khởi nghiệp chăn nuôi.", "Huyện đoàn Cao Lộc", group, "Cao Lộc"])
    sheet.append([2, "Đề nghị mở lớp tin học cho thanh niên.", "Đoàn xã Kim Đồng", "Không rõ", "Không có nơi này"])
    out = BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("danh-sach.xlsx", out.getvalue())
    return import_start(conference=conference, upload=upload, actor=actor, read_now=True)


def _question(conference, site) -> tuple[YouthQuestion, str]:
    question = question_submit(
        submission=Submission(
            conference=conference,
            bridge_point=site,
            content="Em muốn học nghề điện dân dụng thì đăng ký ở đâu và có được hỗ trợ học phí không?",
            notify_by="email",
            email="thanh.nien@example.vn",
            sender_name="Hoàng Thị Hoa",
        ),
        address="203.0.113.7",
    )
    mail = OutgoingEmail.objects.filter(dedupe_key__startswith=f"question:{question.pk}:confirm:").latest("pk")
    return question, re.search(r"https?://[^/\s]+(/\S+/xac-nhan/\S+/)", mail.body_text).group(1)


def _dialogue_day(conference, moderator, site) -> tuple[str, int]:
    session_start(conference=conference, actor=moderator)
    channel = projector_link_issue(conference=conference, actor=moderator)
    entry, _created = live_question_post(
        conference=conference, site=site, content=ON_AIR, unit="Đoàn xã Tân Minh", actor=moderator,
        client_key=uuid.uuid4(), speaker_name="Hoàng Thị Hoa",
    )  # fmt: skip
    entry_put_on_air(entry=LiveEntry.objects.get(pk=entry.pk), actor=moderator)
    return reverse("live:screen", args=[conference.slug]) + f"?t={channel.projector_token}", entry.pk
