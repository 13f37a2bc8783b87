from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from conclusions.models import ConclusionNotice, Directive
from conferences.deadlines import DeadlineRule
from petitions.models import AnswerState, Petition

pytestmark = pytest.mark.django_db


def _counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in ("conferences", "petitions", "conclusions", "auth")
    }


def test_load_demo_twice_gives_the_same_rows():
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = _counts()
    call_command("load_demo", stdout=StringIO())
    assert _counts() == first
    assert "doan_trangdinh" in out.getvalue()
    assert "mật khẩu" in out.getvalue()


def test_trang_dinh_2024_has_the_fourteen_petitions_of_seed_003_with_units_and_answers(demo):
    petitions = Petition.objects.filter(conference=demo["trang-dinh-2024"]).order_by("number")
    assert petitions.count() == 14
    first = petitions[0]
    assert first.submitting_unit == "Bí thư Đoàn xã Tân Minh"
    assert first.bridge_point.unit.name == "Tân Minh"
    assert first.sub_questions.count() == 2
    answer = first.answers.get()
    assert answer.state == AnswerState.PUBLISHED
    assert answer.text.startswith("* Giải pháp nào để thúc đẩy thanh niên")
    # Typos are kept as written in the source document.
    assert "Websize" in petitions[2].answers.get().text
    assert petitions[11].submitting_unit == "Bí thư Chi Đoàn Khối Đảng – Đoàn thể huyện"
    assert petitions[11].bridge_point.unit.name == "Tràng Định"
    notice = ConclusionNotice.objects.get(conference=demo["trang-dinh-2024"])
    assert notice.number_label == "1428/TB-UBND"
    assert notice.issue_date.isoformat() == "2024-04-12"


def test_lang_son_2023_has_the_notice_of_seed_000_with_its_tasks(demo):
    conference = demo["lang-son-2023"]
    assert conference.bridge_points.filter(kind="district").count() == 11
    assert conference.bridge_points.filter(kind="provincial").count() == 1
    notice = ConclusionNotice.objects.get(conference=conference)
    assert notice.is_draft and notice.number_label.strip() == "/TB-UBND"
    assert [s.heading for s in notice.sections.all()] == [
        "Đối với đội ngũ thanh niên tỉnh",
        "Đối với các sở, ban, ngành, cơ quan liên quan",
    ]
    assert "1.2. Trong xây dựng nông thôn mới" in notice.sections.first().body
    headings = list(Directive.objects.filter(notice=notice).values_list("heading", flat=True))
    assert headings[1] == "Sở Kế hoạch và Đầu tư"
    assert (
        Directive.objects.get(notice=notice, heading="Sở Kế hoạch và Đầu tư").deadline_kind == DeadlineRule.END_OF_YEAR
    )
    assert notice.signature_authority == "TL." and notice.signer_name == "Phạm Hùng Trường"
    assert notice.recipients.splitlines()[0] == "Bộ Nội vụ;"
    assert notice.drafter_code == "NC(PVD)"
    assert "ghi nhận, đánh giá cao" in notice.opening


def test_lang_son_2024_carries_plan_45_and_its_intake_deadlines(demo):
    conference = demo["lang-son-2024"]
    assert conference.plan_number == "45/KH-UBND"
    assert conference.plan_date.isoformat() == "2024-02-21"
    assert conference.site_intake_deadline.isoformat() == "2024-03-05"
    assert conference.union_intake_deadline.isoformat() == "2024-03-10"
