"""Each role x each answering view x objects of another agency / province: no leak, nothing changed when refused.

Refused requests carry valid data, so a missing check would make the change happen and the snapshot differ.
"""

import pytest
from django.urls import reverse

from conferences.models import AuditEvent, Notification
from petitions.models import Answer, AnswerRevision, Assignment, Petition

from .conftest import assign, login

pytestmark = pytest.mark.django_db

USERS = ["ha", "officer", "officer_education", "leader", "youth", "ha_other", "officer_other"]


def snapshot():
    return (
        sorted(Assignment.objects.values_list("id", "status", "due_date", "lead_agency_id", "decline_reason")),
        sorted(Answer.objects.values_list("id", "state", "text", "version")),
        sorted(Petition.objects.values_list("id", "status", "published_at")),
        AnswerRevision.objects.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
    )


@pytest.fixture
def objects(world, drafted, under_review):
    foreign = assign(world, world.other_petition, world.other_agency)
    return {
        "drafted": drafted[0],
        "draft_answer": drafted[1],
        "reviewed": under_review[0],
        "review_answer": under_review[1],
        "foreign": foreign,
        "free_petition": world.petitions[2],
        "conference": world.conference,
    }


def _url(name, obj):
    if name in ("inbox", "review_queue", "answering_dashboard", "answers_publish"):
        return reverse(f"petitions:{name}")
    if name in ("assignment_board", "assignment_bulk"):
        return reverse(f"petitions:{name}", kwargs={"slug": obj.slug})
    if name in ("assignment_create", "answer_on_the_spot"):
        return reverse(f"petitions:{name}", kwargs={"petition_pk": obj.pk})
    return reverse(f"petitions:{name}", kwargs={"pk": obj.pk})


# (view, object) -> status for each user in USERS order: 200 allowed, 403 visible but not for this role,
# 404 out of scope.
#                                          ha   off. educ. lead. youth ha_o. off_o.
READS = {
    ("inbox", None):                         (403, 200, 200, 403, 403, 403, 200),
    ("assignment", "drafted"):               (200, 200, 404, 200, 404, 404, 404),
    ("assignment", "foreign"):               (404, 404, 404, 404, 404, 200, 200),
    ("answer", "review_answer"):             (200, 200, 404, 200, 404, 404, 404),
    ("answer_diff", "review_answer"):        (200, 200, 404, 200, 404, 404, 404),
    ("assignment_board", "conference"):      (200, 403, 403, 200, 403, 404, 404),
    ("assignment_bulk", "conference"):       (200, 403, 403, 403, 403, 404, 404),
    ("assignment_create", "free_petition"):  (200, 404, 404, 403, 403, 404, 404),
    ("answer_on_the_spot", "free_petition"): (200, 404, 404, 403, 403, 404, 404),
    ("assignment_reassign", "drafted"):      (200, 403, 404, 403, 404, 404, 404),
    ("review_queue", None):                  (200, 403, 403, 403, 403, 200, 403),
    ("answering_dashboard", None):           (200, 403, 403, 200, 403, 200, 403),
}  # fmt: skip


@pytest.mark.parametrize("user_key", USERS)
@pytest.mark.parametrize(("view", "target"), list(READS))
def test_every_role_sees_only_what_its_scope_allows(client, world, objects, user_key, view, target):
    expected = dict(zip(USERS, READS[(view, target)], strict=True))[user_key]
    login(client, getattr(world, user_key))
    response = client.get(_url(view, objects.get(target)))
    assert response.status_code == expected


def test_anonymous_visitors_are_sent_to_the_login_page(client, objects):
    for view, target in READS:
        response = client.get(_url(view, objects.get(target)))
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def _writes(world, objects):
    """(view, object key, POST data, users allowed to succeed)."""
    review = objects["review_answer"]
    return [
        ("assignment_answer", "drafted", {"text": "Sửa trái phép", "version": 1, "action": "submit"}, {"officer"}),
        ("assignment_decline", "drafted", {"reason": "Không thuộc thẩm quyền"}, {"officer"}),
        ("assignment_reassign", "drafted",
         {"lead_agency": world.education.pk, "reason": "Giao lại", "stage": "after", "due_rule": "fixed_date",
          "due_base": "20/03/2024"}, {"ha"}),
        ("answer_approve", "review_answer", {"version": review.version}, {"ha"}),
        ("answer_return", "review_answer", {"version": review.version, "comment": "Sửa lại"}, {"ha"}),
        ("answer_reopen", "review_answer", {"version": review.version, "comment": "Mở lại"}, set()),
        ("answer_head_approve", "review_answer", {"version": review.version}, set()),
        ("assignment_create", "free_petition",
         {"lead_agency": world.labour.pk, "stage": "after", "due_rule": "fixed_date", "due_base": "20/03/2024"},
         {"ha"}),
        ("assignment_bulk", "conference",
         {"issue_group": world.group.pk, "lead_agency": world.labour.pk, "stage": "after", "due_rule": "fixed_date",
          "due_base": "20/03/2024"}, {"ha"}),
        ("answer_on_the_spot", "free_petition", {"answered_by": "Giám đốc Sở", "summary": "Đã trả lời."}, {"ha"}),
        ("answers_publish", None, {"answers": [review.pk]}, set()),
    ]  # fmt: skip


@pytest.mark.parametrize("user_key", USERS)
def test_refused_writes_change_nothing(client, world, objects, user_key):
    login(client, getattr(world, user_key))
    for view, target, data, allowed in _writes(world, objects):
        if user_key in allowed:
            continue
        before = snapshot()
        response = client.post(_url(view, objects.get(target)), data)
        assert response.status_code in (302, 403, 404), (view, response.status_code)
        if response.status_code == 302:
            # Only the bulk publication redirects on refusal (the answer is not approved / not in scope).
            assert view == "answers_publish", view
        assert snapshot() == before, (view, user_key)


@pytest.mark.parametrize("view", ["assignment_answer", "assignment_decline", "answer_approve", "answer_return"])
def test_allowed_writes_do_change_something(client, world, objects, view):
    """The counterpart of the refusals: the same requests by the right person succeed."""
    spec = next(w for w in _writes(world, objects) if w[0] == view)
    _view, target, data, allowed = spec
    login(client, getattr(world, next(iter(allowed))))
    before = snapshot()
    response = client.post(_url(view, objects[target]), data)
    assert response.status_code == 302
    assert snapshot() != before


def test_get_on_post_only_views_is_refused(client, world, objects):
    login(client, world.ha)
    assert client.get(_url("answer_approve", objects["review_answer"])).status_code == 405
    assert client.get(_url("assignment_answer", objects["drafted"])).status_code == 405
