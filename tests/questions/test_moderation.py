"""The Youth Union of the unit holding a question's site moderates it: accept (a new petition, channel website),
merge into an existing petition, or decline with a reason; the sender is told once, through the outbox."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conferences.audit import history_for
from conferences.models import OutgoingEmail
from petitions.models import Channel, Petition
from petitions.questions.models import DeclineReason, QuestionState
from tests.factories import PetitionFactory
from tests.questions.conftest import confirmed_question, sent_question

pytestmark = pytest.mark.django_db


def _messages(question, kind):
    return OutgoingEmail.objects.filter(dedupe_key=f"question:{question.pk}:{kind}")


def test_a_district_youth_union_sees_the_confirmed_questions_of_its_own_communes_only(client, sender, world):
    mine = confirmed_question(sender, world, content="Câu hỏi của thanh niên xã Tân Minh về việc làm?")
    sent_question(sender, world, content="Câu hỏi chưa xác nhận của xã Hùng Sơn, chưa vào hàng chờ?")
    other = confirmed_question(
        sender, world, bridge_point=world.sites["Hợp Thành"].pk, content="Câu hỏi của thanh niên xã Hợp Thành?"
    )
    client.force_login(world.union_trang_dinh)
    page = client.get(reverse("petitions:question_queue")).content.decode()
    assert mine.content in page
    assert other.content not in page and "chưa xác nhận" not in page
    assert mine.email not in page and mine.sender_name not in page  # moderators do not need the contact
    client.force_login(world.union_province)  # the union of the organising unit sees every site
    page = client.get(reverse("petitions:question_queue")).content.decode()
    assert mine.content in page and other.content in page


def test_accepting_makes_a_website_petition_linked_to_the_question_and_tells_the_sender_once(client, sender, world):
    question = confirmed_question(sender, world)
    client.force_login(world.union_trang_dinh)
    url = reverse("petitions:question_accept", args=[question.pk])
    client.post(url, {"issue_group": world.groups[1].pk})
    question.refresh_from_db()
    petition = question.petition
    assert question.state == QuestionState.ACCEPTED and question.decided_by == world.union_trang_dinh
    assert (petition.channel, petition.content, petition.bridge_point, petition.issue_group) == (
        Channel.WEBSITE,
        question.content,
        world.sites["Tân Minh"],
        world.groups[1],
    )
    assert petition.submitting_unit == "Thanh niên Xã Tân Minh (gửi trực tuyến)"
    assert (petition.submitter_name, petition.submitter_contact) == ("", "")  # the contact stays with the question
    [message] = _messages(question, "accepted")
    assert message.to_email == question.email and "đã được tiếp nhận" in message.subject
    assert "26/03/2025" in message.body_text and question.token in message.body_text
    response = client.post(url, {}, follow=True)  # a second decision is refused
    assert response.status_code == 403
    assert Petition.objects.count() == 1 and _messages(question, "accepted").count() == 1
    assert [e.action for e in history_for(question)][0] == "question.accept"


def test_merging_makes_the_sender_follow_the_petition_and_tells_them_once(client, sender, world):
    kept = PetitionFactory(
        conference=world.conference,
        number=7,
        bridge_point=world.sites["Hùng Sơn"],
        content="Đề nghị tỉnh hỗ trợ vốn vay ưu đãi cho thanh niên khởi nghiệp vùng cao?",
    )
    question = confirmed_question(sender, world)
    client.force_login(world.union_trang_dinh)
    page = client.get(reverse("petitions:question_queue")).content.decode()
    assert f'name="suggested" value="{kept.pk}"' in page  # the existing similarity suggests it
    client.post(reverse("petitions:question_merge", args=[question.pk]), {"suggested": kept.pk})
    question.refresh_from_db()
    assert (question.state, question.petition) == (QuestionState.MERGED, kept)
    assert Petition.objects.count() == 1
    [message] = _messages(question, "merged")
    assert kept.content in message.body_text


def test_merging_by_number_reaches_only_petitions_the_moderator_may_read(client, sender, world):
    PetitionFactory(conference=world.conference, number=3, bridge_point=world.sites["Hợp Thành"])
    question = confirmed_question(sender, world)
    client.force_login(world.union_trang_dinh)
    response = client.post(reverse("petitions:question_merge", args=[question.pk]), {"number": 3}, follow=True)
    assert "Không có kiến nghị số 3 trong phạm vi của bạn" in response.content.decode()
    question.refresh_from_db()
    assert question.state == QuestionState.WAITING


def test_declining_tells_the_sender_the_reason_once(client, sender, world):
    question = confirmed_question(sender, world)
    client.force_login(world.union_trang_dinh)
    client.post(
        reverse("petitions:question_decline", args=[question.pk]),
        {"reason": DeclineReason.UNCLEAR, "text": "Bạn nêu rõ địa bàn thôn, bản giúp chúng tôi"},
    )
    question.refresh_from_db()
    assert question.state == QuestionState.DECLINED
    [message] = _messages(question, "declined")
    reason = (
        "Nội dung chưa rõ, chưa đủ để chuyển cơ quan có thẩm quyền trả lời. "
        "Bạn nêu rõ địa bàn thôn, bản giúp chúng tôi."
    )
    assert reason in message.body_text
    page = client.get(reverse("public:question_track", args=[question.token])).content.decode()
    assert "Không được tiếp nhận" in page and reason in page


def test_declining_for_another_reason_needs_the_reason_written(client, sender, world):
    question = confirmed_question(sender, world)
    client.force_login(world.union_trang_dinh)
    response = client.post(
        reverse("petitions:question_decline", args=[question.pk]), {"reason": DeclineReason.OTHER}, follow=True
    )
    assert "Ghi lý do không tiếp nhận" in response.content.decode()
    question.refresh_from_db()
    assert question.state == QuestionState.WAITING and not _messages(question, "declined").exists()


def test_another_district_cannot_see_or_decide_the_question(client, sender, world):
    question = confirmed_question(sender, world)
    client.force_login(world.union_cao_loc)
    for name in ("question_accept", "question_merge", "question_decline"):
        assert client.post(reverse(f"petitions:{name}", args=[question.pk]), {"reason": "unclear"}).status_code == 404
    question.refresh_from_db()
    assert question.state == QuestionState.WAITING


@pytest.mark.parametrize("who", ["officer", "ha"])
def test_agencies_and_home_affairs_do_not_moderate(client, sender, world, who):
    question = confirmed_question(sender, world)
    client.force_login(getattr(world, who))
    assert client.get(reverse("petitions:question_queue")).status_code == 403
    assert client.post(reverse("petitions:question_accept", args=[question.pk])).status_code == 404


def _queue_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("petitions:question_queue")).status_code == 200
    return len(queries)


def test_the_queue_costs_fixed_queries_plus_one_similarity_query_per_question(client, sender, world):
    confirmed_question(sender, world, content="Câu hỏi đầu tiên của thanh niên về đào tạo nghề nông thôn?")
    client.force_login(world.union_trang_dinh)
    one = _queue_queries(client)
    for n in range(3):
        confirmed_question(sender, world, content=f"Câu hỏi số {n} của thanh niên về đào tạo nghề nông thôn?")
    # session, user, membership, agency, unit, count, page, issue groups, figures, unread notices: 10
    assert one == 10 + 1
    assert _queue_queries(client) == 10 + 4
