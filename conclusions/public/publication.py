"""What the public may read: the one place that decides it, so pages, downloads and tests agree.

A conference becomes public when a conclusion notice of it has been issued (Decree 13/2021 Art. 11: the conclusion
is published). Inside a public conference only petitions in state "published" with a publication time are shown,
and of their answers only those in state "published". Private columns (the submitter's name and contact, Home
Affairs' review comments, the answer history) are deferred so that a template that touched one by mistake would
cost a query per row and break the pinned query counts in tests/public.
"""

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from conferences.models import BridgePoint, Conference, IssueGroup
from petitions.models import Answer, Petition
from petitions.questions.sending import QUESTION_STATUSES

from ..models import FINAL_NOTICE_STATES, ConclusionNotice, SignedCopy
from ..signing.copies import official_copy

# Issued notices are public; a superseded one stays downloadable as the record of what was issued then.
PUBLIC_NOTICE_STATES = FINAL_NOTICE_STATES
NOTICE_FILE_FIELDS = {"pdf": "pdf", "docx": "docx", "xlsx": "xlsx"}
PRIVATE_PETITION_FIELDS = ("submitter_name", "submitter_contact", "created_by", "import_batch")
PRIVATE_ANSWER_FIELDS = ("review_comment", "author", "head_approved_by", "approved_by")


def public_notices() -> QuerySet[ConclusionNotice]:
    """Issued and superseded notices; `is_signed` when the official copy carries a digital signature."""
    signed = Exists(SignedCopy.objects.filter(notice=OuterRef("pk")))
    return ConclusionNotice.objects.filter(state__in=PUBLIC_NOTICE_STATES).annotate(is_signed=signed)


def public_conferences() -> QuerySet[Conference]:
    """Conferences with at least one issued (possibly since superseded) conclusion notice."""
    return Conference.objects.filter(Exists(public_notices().filter(conference=OuterRef("pk"))))


def _published_count():
    """Published petitions of the row's conference, counted for the rows of the page only (a correlated count)."""
    counted = (
        Petition.objects.published()
        .filter(conference=OuterRef("pk"))
        .order_by()
        .values("conference")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def public_conferences_for_list() -> QuerySet[Conference]:
    """The public list: conferences taking young people's questions first (`takes_questions`), then the concluded
    ones, newest first, with the unit, the count of published petitions and the issued notices (two queries)."""
    concluded = Exists(public_notices().filter(conference=OuterRef("pk")))
    collecting = Q(status__in=QUESTION_STATUSES)
    return (
        Conference.objects.filter(concluded | collecting)
        .annotate(takes_questions=ExpressionWrapper(collecting, output_field=BooleanField()))
        .select_related("organising_unit")
        .annotate(published_count=_published_count())
        .prefetch_related(
            Prefetch(
                "notices",
                queryset=public_notices().order_by("state", "-revision"),
                to_attr="public_notices",
            )
        )
        .order_by("-takes_questions", "-year", "organising_unit__tier", "title")
    )


def public_conference_or_404(slug: str) -> Conference:
    conference = public_conferences().select_related("organising_unit").filter(slug=slug).first()
    if conference is None:
        raise Http404
    return conference


def public_notices_of(conference: Conference) -> list[ConclusionNotice]:
    """Issued notices of a conference, the current one first."""
    return list(public_notices().filter(conference=conference).order_by("state", "-revision"))


def public_petitions(conference: Conference) -> QuerySet[Petition]:
    """Published petitions of a public conference with their parts and published answers (three queries)."""
    answers = (
        Answer.objects.published()
        .select_related("agency", "sub_question")
        .defer(*PRIVATE_ANSWER_FIELDS)
        .order_by("sub_question__position", "id")
    )
    return (
        Petition.objects.published()
        .filter(conference=conference)
        .defer(*PRIVATE_PETITION_FIELDS)
        .select_related("issue_group", "bridge_point")
        .prefetch_related("sub_questions", Prefetch("answers", queryset=answers, to_attr="public_answers"))
        .order_by("issue_group__position", "issue_group__name", "number")
    )


def public_petitions_everywhere() -> QuerySet[Petition]:
    """Published petitions of every public conference (the search across conferences): the same parts and answers
    as one conference's list, with their conference, newest year first."""
    answers = (
        Answer.objects.published()
        .select_related("agency", "sub_question")
        .defer(*PRIVATE_ANSWER_FIELDS)
        .order_by("sub_question__position", "id")
    )
    return (
        Petition.objects.published()
        .filter(conference__in=public_conferences())
        .defer(*PRIVATE_PETITION_FIELDS)
        .select_related("conference__organising_unit", "issue_group", "bridge_point")
        .prefetch_related("sub_questions", Prefetch("answers", queryset=answers, to_attr="public_answers"))
        .order_by("-conference__year", "conference__title", "number")
    )


def public_petition_or_404(conference: Conference, number: int) -> Petition:
    petition = public_petitions(conference).filter(number=number).first()
    if petition is None:
        raise Http404
    return petition


def public_issue_groups(conference: Conference) -> QuerySet[IssueGroup]:
    """Issue groups that hold at least one published petition (the filter's choices)."""
    published = Petition.objects.published().filter(issue_group=OuterRef("pk"))
    return IssueGroup.objects.filter(conference=conference).filter(Exists(published)).order_by("position", "name")


def public_sites(conference: Conference) -> QuerySet[BridgePoint]:
    """Bridge points (sites: district, commune) that sent at least one published petition."""
    published = Petition.objects.published().filter(bridge_point=OuterRef("pk"))
    return BridgePoint.objects.filter(conference=conference).filter(Exists(published)).order_by("position", "name")


def downloadable_notice_file(conference: Conference, revision: int, kind: str):
    """The frozen file of an issued notice (its PDF: the official copy, signed when it is), or 404: drafts and
    missing files are never served."""
    field = NOTICE_FILE_FIELDS.get(kind)
    if field is None:
        raise Http404
    notice = public_notices().filter(conference=conference, revision=revision).first()
    if notice is None:
        raise Http404
    stored = getattr(notice, field)
    if kind == "pdf" and (official := official_copy(notice)) is not None:
        stored = official.file  # the signed copy when there is one
    if not stored or not stored.name or not stored.storage.exists(stored.name):
        raise Http404
    return notice, stored
