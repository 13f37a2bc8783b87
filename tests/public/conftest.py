"""A public conference built in a few lines: issued notice with frozen files, published and private material."""

from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from conclusions.models import ConclusionNotice, NoticeState
from conferences.models import AgencyKind
from petitions.models import Answer, AnswerRevision, AnswerState, PetitionStatus
from tests.factories import (
    AgencyFactory,
    BridgePointFactory,
    CommuneFactory,
    ConferenceFactory,
    IssueGroupFactory,
    PetitionFactory,
)

# Strings that must never appear on a public page or in a public file.
SECRETS = {
    "submitter_name": "Nguyễn Văn Bímật",
    "submitter_contact": "0912 345 678 bimat@example.vn",
    "review_comment": "GHI CHÚ NỘI BỘ của Nội vụ",
    "revision_comment": "BÌNH LUẬN RIÊNG trong lịch sử",
    "draft_answer": "DỰ THẢO TRẢ LỜI chưa duyệt",
    "returned_answer": "TRẢ LỜI BỊ TRẢ LẠI chưa công bố",
    "approved_answer": "TRẢ LỜI ĐÃ DUYỆT nhưng chưa công bố",
    "unpublished_petition": "KIẾN NGHỊ CHƯA CÔNG BỐ về sân bóng",
    "draft_notice_file": "TỆP DỰ THẢO THÔNG BÁO",
}


@dataclass
class PublicWorld:
    conference: object
    notice: object
    groups: list
    sites: list
    published: list
    unpublished: object
    draft_conference: object
    agency: object
    extra: dict = field(default_factory=dict)


def publish(petition, *, text: str, agency, review_comment: str = "", sub_question=None) -> Answer:
    now = timezone.now()
    petition.status = PetitionStatus.PUBLISHED
    petition.published_at = now
    petition.save()
    return Answer.objects.create(
        petition=petition,
        sub_question=sub_question,
        agency=agency,
        text=text,
        state=AnswerState.PUBLISHED,
        published_at=now,
        review_comment=review_comment,
    )


def issue_notice(conference, agency, *, revision=1, state=NoticeState.ISSUED, files=True, number=1428):
    notice = ConclusionNotice.objects.create(
        conference=conference,
        revision=revision,
        issuing_agency=agency,
        place="Tràng Định",
        title="Kết luận của Chủ tịch UBND huyện tại Hội nghị đối thoại với thanh niên",
        number=number if state != NoticeState.DRAFT else None,
        number_year=conference.year if state != NoticeState.DRAFT else None,
        issue_date=timezone.localdate() if state != NoticeState.DRAFT else None,
        issued_at=timezone.now() if state != NoticeState.DRAFT else None,
        state=state,
    )
    if files:
        marker = SECRETS["draft_notice_file"] if state == NoticeState.DRAFT else f"ISSUED NOTICE r{revision}"
        notice.pdf.save(f"notice-r{revision}.pdf", ContentFile(f"%PDF-1.4 {marker}".encode()), save=False)
        notice.docx.save(f"notice-r{revision}.docx", ContentFile(f"DOCX {marker}".encode()), save=False)
        notice.xlsx.save(f"notice-r{revision}.xlsx", ContentFile(f"XLSX {marker}".encode()), save=False)
        notice.pdf_sha256 = "a" * 64
        notice.save()
    return notice


def build_public_world(petition_count: int = 3, slug: str = "trang-dinh-thu") -> PublicWorld:
    conference = ConferenceFactory(slug=slug, year=2024, title=f"Hội nghị đối thoại thử năm 2024 ({slug})")
    agency = AgencyFactory(
        name="Ủy ban nhân dân huyện thử", kind=AgencyKind.PEOPLES_COMMITTEE, unit=conference.organising_unit
    )
    groups = [
        IssueGroupFactory(conference=conference, name="Giải pháp, cơ chế hỗ trợ vốn", position=1),
        IssueGroupFactory(conference=conference, name="Sản phẩm OCOP", position=2),
    ]
    sites = [
        BridgePointFactory(conference=conference, unit=CommuneFactory(name="Hùng Sơn")),
        BridgePointFactory(conference=conference, unit=CommuneFactory(name="Chí Minh")),
    ]
    published = []
    for i in range(petition_count):
        petition = PetitionFactory(
            conference=conference,
            number=i + 1,
            content=(
                "Đề nghị hỗ trợ vốn vay ưu đãi để thanh niên khởi nghiệp?"
                if i == 0
                else f"Làm thế nào để xây dựng sản phẩm OCOP cho cây cam đường số {i}?"
            ),
            issue_group=groups[0] if i == 0 else groups[1],
            bridge_point=sites[i % 2],
            submitter_name=SECRETS["submitter_name"],
            submitter_contact=SECRETS["submitter_contact"],
        )
        answer = publish(
            petition,
            text=f"Ngân hàng Chính sách xã hội cho vay vốn theo Nghị định 338 (trả lời {i + 1}).",
            agency=agency,
            review_comment=SECRETS["review_comment"],
        )
        AnswerRevision.objects.create(
            answer=answer,
            version=1,
            text=answer.text,
            state=answer.state,
            action="returned",
            comment=SECRETS["revision_comment"],
        )
        published.append(petition)
    # A published petition whose other answers are still internal.
    first = published[0]
    for text, state in (
        (SECRETS["draft_answer"], AnswerState.DRAFT),
        (SECRETS["returned_answer"], AnswerState.RETURNED),
        (SECRETS["approved_answer"], AnswerState.APPROVED),
    ):
        Answer.objects.create(petition=first, agency=agency, text=text, state=state)
    unpublished = PetitionFactory(
        conference=conference,
        number=petition_count + 1,
        content=SECRETS["unpublished_petition"],
        issue_group=groups[0],
        bridge_point=sites[0],
        status=PetitionStatus.ANSWERED,
        submitter_name=SECRETS["submitter_name"],
    )
    Answer.objects.create(
        petition=unpublished, agency=agency, text=SECRETS["approved_answer"], state=AnswerState.APPROVED
    )
    notice = issue_notice(conference, agency)
    issue_notice(conference, agency, revision=2, state=NoticeState.DRAFT)

    # A conference whose notice is still a draft: nothing of it is public, not even published petitions.
    draft_conference = ConferenceFactory(slug=f"{slug}-chua-ket-luan", title="Hội nghị chưa có kết luận")
    hidden = PetitionFactory(conference=draft_conference, number=1, content="KIẾN NGHỊ CỦA HỘI NGHỊ CHƯA KẾT LUẬN")
    publish(hidden, text="TRẢ LỜI CỦA HỘI NGHỊ CHƯA KẾT LUẬN", agency=agency)
    issue_notice(draft_conference, agency, state=NoticeState.DRAFT)
    return PublicWorld(conference, notice, groups, sites, published, unpublished, draft_conference, agency)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db, media):
    return build_public_world()
