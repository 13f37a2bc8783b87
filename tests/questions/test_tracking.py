"""The sender's private page follows the question in words until the answer reaches them, and the "answered"
message is written once, in the transaction that publishes the answers."""

from datetime import date

import pytest
from django.urls import reverse

from conferences.deadlines import DeadlineRule, DeadlineSpec
from conferences.models import OutgoingEmail
from petitions.models import Answer, Petition
from petitions.questions import moderation
from petitions.services.answering import answer_approve, answer_save, answers_publish, assignment_create
from petitions.services.intake import petition_merge
from tests.factories import PetitionFactory
from tests.questions.conftest import confirmed_question

pytestmark = pytest.mark.django_db

ANSWER = "Ngân hàng Chính sách xã hội tỉnh cho thanh niên vay tối đa 100 triệu đồng theo Nghị định 338/2025."


def _track(client, question) -> str:
    return client.get(reverse("public:question_track", args=[question.token])).content.decode()


def _assign(world, petition):
    return assignment_create(
        petition=petition,
        lead_agency=world.labour,
        due=DeadlineSpec(DeadlineRule.FIXED_DATE, None, date(2025, 3, 20)),
        actor=world.ha,
    )


def _answer_and_approve(world, assignment):
    answer = answer_save(assignment=assignment, text=ANSWER, version=0, actor=world.officer, submit=True)
    return answer_approve(answer=answer, actor=world.ha)


def _answered(question):
    return OutgoingEmail.objects.filter(dedupe_key=f"question:{question.pk}:answered")


def test_the_tracking_page_follows_the_question_in_words(client, sender, world):
    question = confirmed_question(sender, world)
    assert "Đã nhận" in _track(client, question)
    petition = moderation.question_accept(question=question, actor=world.union_trang_dinh)
    page = _track(client, question)
    assert "Đã được tiếp nhận" in page and "hội nghị đối thoại ngày 26/03/2025" in page
    assignment = _assign(world, petition)
    page = _track(client, question)
    assert "Đã giao cơ quan trả lời" in page and "Sở Lao động - Thương binh và Xã hội" in page
    assert "Lò Văn Tuấn" not in page  # never an officer's name
    answer = _answer_and_approve(world, assignment)
    assert ANSWER not in _track(client, question)  # approved is not published
    answers_publish(answers=Answer.objects.filter(pk=answer.pk), actor=world.ha)
    page = _track(client, question)
    assert "Đã có trả lời" in page and ANSWER in page
    assert question.content in page


def test_publishing_tells_the_sender_once_with_the_answer(sender, world):
    question = confirmed_question(sender, world)
    petition = moderation.question_accept(question=question, actor=world.union_trang_dinh)
    answer = _answer_and_approve(world, _assign(world, petition))
    assert not _answered(question).exists()
    answers_publish(answers=Answer.objects.filter(pk=answer.pk), actor=world.ha)
    answers_publish(answers=Answer.objects.filter(pk=answer.pk), actor=world.ha)  # idempotent
    [message] = _answered(question)
    assert message.subject == "[Đối thoại thanh niên] Câu hỏi của bạn đã có trả lời"
    assert ANSWER in message.body_text and question.token in message.body_text
    assert message.to_email == question.email


def test_a_sender_whose_petition_was_merged_as_a_duplicate_follows_the_kept_one(client, sender, world):
    question = confirmed_question(sender, world)
    theirs = moderation.question_accept(question=question, actor=world.union_trang_dinh)
    kept = PetitionFactory(conference=world.conference, number=40, bridge_point=world.sites["Hùng Sơn"])
    petition_merge(duplicate=theirs, into=kept, actor=world.ha)
    answer = _answer_and_approve(world, _assign(world, kept))
    answers_publish(answers=Answer.objects.filter(pk=answer.pk), actor=world.ha)
    assert _answered(question).count() == 1
    assert ANSWER in _track(client, question)


def test_a_merged_question_is_told_when_its_petition_is_answered(client, sender, world):
    kept = PetitionFactory(conference=world.conference, number=41, bridge_point=world.sites["Hùng Sơn"])
    question = confirmed_question(sender, world)
    moderation.question_merge(question=question, into=kept, actor=world.union_trang_dinh)
    assert "gộp với kiến nghị số 41" in _track(client, question)
    answer = _answer_and_approve(world, _assign(world, kept))
    answers_publish(answers=[answer], actor=world.ha)
    assert _answered(question).count() == 1


def test_the_tracking_page_links_the_issued_notice_once_public(client, sender, world):
    from conclusions.models import ConclusionNotice, NoticeState

    question = confirmed_question(sender, world)
    petition = moderation.question_accept(question=question, actor=world.union_trang_dinh)
    answer = _answer_and_approve(world, _assign(world, petition))
    answers_publish(answers=[answer], actor=world.ha)
    assert "Thông báo kết luận" not in _track(client, question)  # no notice issued yet
    ConclusionNotice.objects.create(
        conference=world.conference,
        revision=1,
        issuing_agency=world.labour,
        place="Lạng Sơn",
        title="Kết luận",
        number=12,
        number_year=2025,
        issue_date=date(2025, 4, 5),
        state=NoticeState.ISSUED,
    )
    page = _track(client, question)
    assert reverse("public:petition", args=[world.conference.slug, petition.number]) in page
    assert "Thông báo số 12/TB-UBND" in page


def test_the_private_page_is_not_cached_indexed_or_leaked_and_guesses_are_not_found(client, sender, world):
    question = confirmed_question(sender, world)
    response = client.get(reverse("public:question_track", args=[question.token]))
    assert response["Cache-Control"] == "no-store, private"
    assert response["Referrer-Policy"] == "same-origin" and "noindex" in response["X-Robots-Tag"]
    assert "<script" not in response.content.decode()
    for guess in (question.token[:-1], question.token + "x", "a" * 32, str(question.pk)):
        assert client.get(reverse("public:question_track", args=[guess])).status_code == 404


def test_petitions_without_questions_publish_without_extra_messages(world):
    petition = PetitionFactory(conference=world.conference, number=50)
    answer = _answer_and_approve(world, _assign(world, petition))
    answers_publish(answers=[answer], actor=world.ha)
    assert not OutgoingEmail.objects.filter(kind="question_answered").exists()
    assert Petition.objects.get(pk=petition.pk).status == "published"
