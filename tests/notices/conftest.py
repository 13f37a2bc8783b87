"""A small world for notice tests: one province with its People's Committee, Home Affairs, a department and the
Youth Union, a held conference with grouped petitions and approved answers, and a persona per role."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.utils.text import slugify

from conferences.models import AgencyKind, ConferenceStatus, Role, UnitKind
from conferences.text import fold
from petitions.models import Answer, AnswerState, Petition, PetitionStatus, SubQuestion
from tests.factories import AgencyFactory, ConferenceFactory, IssueGroupFactory, UnitFactory, make_user


@dataclass
class World:
    province: object
    ubnd: object
    home_affairs: object
    department: object
    union: object
    conference: object
    groups: list
    officer: object  # Home Affairs of the province
    leader: object
    youth: object
    agency_officer: object
    outsider: object  # Home Affairs of another province

    def petition(self, content, *, group=None, unit="Bí thư Đoàn xã Tân Minh", answer="Nội dung trả lời.",
                 state=AnswerState.APPROVED, status=PetitionStatus.ANSWERED, live=False, parts=()):  # fmt: skip
        number = Petition.objects.filter(conference=self.conference).count() + 1
        petition = Petition.objects.create(
            conference=self.conference,
            number=number,
            content=content,
            submitting_unit=unit,
            issue_group=group if group is not None else self.groups[0],
            status=status,
        )
        for position, (question, text) in enumerate(parts, start=1):
            sub = SubQuestion.objects.create(petition=petition, position=position, content=question)
            Answer.objects.create(petition=petition, sub_question=sub, agency=self.department, text=text, state=state)
        if answer is not None and not parts:
            Answer.objects.create(
                petition=petition,
                agency=self.department,
                text=answer,
                state=state,
                answered_at_conference=live,
                answered_by="Giám đốc Sở Lao động - Thương binh và Xã hội" if live else "",
            )
        return petition


def build_world(name: str = "Thử Nghiệm") -> World:
    province = UnitFactory(name=name, kind=UnitKind.PROVINCE, tier=1)
    slug = slugify(fold(name))
    ubnd = AgencyFactory(
        code=f"ubnd-{slug}",
        unit=province,
        kind=AgencyKind.PEOPLES_COMMITTEE,
        name=f"Ủy ban nhân dân tỉnh {name}",
        short_name=f"UBND tỉnh {name}",
        abbreviation="UBND",
    )
    home = AgencyFactory(
        code=f"snv-{slug}", unit=province, name=f"Sở Nội vụ tỉnh {name}", short_name="Sở Nội vụ", abbreviation="SNV"
    )
    department = AgencyFactory(
        code=f"sld-{slug}",
        unit=province,
        name=f"Sở Lao động - Thương binh và Xã hội tỉnh {name}",
        short_name="Sở Lao động - Thương binh và Xã hội",
    )
    union = AgencyFactory(
        code=f"td-{slug}",
        unit=province,
        kind=AgencyKind.YOUTH_UNION,
        name=f"Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh {name}",
        short_name=f"Tỉnh đoàn {name}",
    )
    conference = ConferenceFactory(
        slug=f"hoi-nghi-{slug}-2024",
        organising_unit=province,
        organiser=ubnd,
        year=2024,
        title=f"Hội nghị đối thoại với thanh niên tỉnh {name} năm 2024",
        theme="Thanh niên khởi nghiệp, lập nghiệp",
        chair_title="Chủ tịch UBND",
        held_on=date(2024, 3, 26),
        status=ConferenceStatus.HELD,
    )
    groups = [
        IssueGroupFactory(conference=conference, name="Giải pháp, cơ chế hỗ trợ vốn", position=1),
        IssueGroupFactory(conference=conference, name="Đào tạo nghề, việc làm", position=2),
    ]
    return World(
        province=province,
        ubnd=ubnd,
        home_affairs=home,
        department=department,
        union=union,
        conference=conference,
        groups=groups,
        officer=make_user(Role.HOME_AFFAIRS, home),
        leader=make_user(Role.LEADER, ubnd),
        youth=make_user(Role.YOUTH_UNION, union),
        agency_officer=make_user(Role.AGENCY_OFFICER, department),
        outsider=make_user(Role.HOME_AFFAIRS, AgencyFactory(unit=UnitFactory(name="Tỉnh Khác"))),
    )


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(autouse=True)
def _one_layout_process(settings):
    """Tests lay out in-process unless they ask for workers (faster on a busy CI machine, same output)."""
    settings.DOCUMENT_RENDER_WORKERS = 1


@dataclass
class DemoFiles:
    lang_son_draft: bytes
    trang_dinh_pdf: bytes
    trang_dinh_sha256: str
    trang_dinh_docx: bytes
    trang_dinh_xlsx: bytes
    ha_nam_draft: bytes
    lang_son_docx: bytes
    ha_nam_docx: bytes
    trang_dinh_report: bytes  # the district's yearly report, issued (number and date)
    layout_htmls: dict[str, str]  # every document laid out for the files above, by name: what WeasyPrint gets


@pytest.fixture(scope="session")
def demo_files(django_db_setup, django_db_blocker) -> DemoFiles:
    """The demo's documents, rendered once for all the tests that only read them (the data is rolled back)."""
    from datetime import date

    from django.db import transaction

    from conclusions.models import ConclusionNotice
    from conclusions.notices.documents.content import notice_content
    from conclusions.notices.documents.pdf import NoticePdf
    from conclusions.notices.documents.render import render_notice
    from conclusions.stats.report.figures import build_yearly_report
    from conclusions.stats.report.writers import YearlyReportPdf
    from demo.loader import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        lang_son = ConclusionNotice.objects.get(conference__slug="lang-son-2023")
        ha_nam = ConclusionNotice.objects.get(conference__slug="ha-nam-2021")
        trang_dinh = ConclusionNotice.objects.get(conference__slug="trang-dinh-2024")
        stored = {}
        for fmt in ("pdf", "docx", "xlsx"):
            with getattr(trang_dinh, fmt).open("rb") as handle:
                stored[fmt] = handle.read()
        report = build_yearly_report(
            unit=trang_dinh.conference.organising_unit,
            year=2024,
            today=date(2024, 12, 20),
            report_date=date(2024, 12, 20),
            number=35,
        )
        layout_htmls = {"trang-dinh-report": YearlyReportPdf(report).html()}
        for notice in (lang_son, ha_nam, trang_dinh):
            for index, part in enumerate(NoticePdf(notice_content(notice), workers=1).parts()):
                layout_htmls[f"{notice.conference.slug}-{index}"] = part.html
        files = DemoFiles(
            lang_son_draft=render_notice(lang_son, "pdf", workers=1).data,
            trang_dinh_pdf=stored["pdf"],
            trang_dinh_sha256=trang_dinh.pdf_sha256,
            trang_dinh_docx=stored["docx"],
            trang_dinh_xlsx=stored["xlsx"],
            ha_nam_draft=render_notice(ha_nam, "pdf", workers=1).data,
            lang_son_docx=render_notice(lang_son, "docx").data,
            ha_nam_docx=render_notice(ha_nam, "docx").data,
            trang_dinh_report=YearlyReportPdf(report).render(),
            layout_htmls=layout_htmls,
        )
        transaction.set_rollback(True)
    return files
