"""A province with two districts, three communes and a conference that collects petitions; Youth Unions of the
province and of each district, Home Affairs, an answering agency. Questions are sent from fresh client addresses
and contacts, so the rate limits (in Redis when REDIS_URL is set) never carry over from one test to another."""

import re
import secrets
import uuid
from datetime import date
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from conferences.models import AgencyKind, BridgePointKind, ConferenceStatus, OutgoingEmail, Role, UnitKind
from conferences.notifications import channels
from petitions.models import YouthQuestion
from petitions.questions.models import QuestionState
from tests.factories import (
    AgencyFactory,
    BridgePointFactory,
    ConferenceFactory,
    DistrictFactory,
    IssueGroupFactory,
    UnitFactory,
    make_user,
)


def fresh_address() -> str:
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


def fresh_email() -> str:
    return f"tn-{uuid.uuid4().hex[:10]}@gmail.com"


def fresh_phone() -> str:
    return "09" + "".join(str(secrets.randbelow(10)) for _ in range(8))


@pytest.fixture(autouse=True)
def _text_channels(settings):
    settings.SMS_URL = "fake://"
    settings.ZALO_URL = "fake://zalo"
    for channel in ("sms", "zalo"):
        channels.provider_for(channel).reset()
    yield
    for url in ("fake://", "fake://zalo"):
        channels._provider_from_url(url).reset()


@pytest.fixture
def world(db):
    province = UnitFactory(name="Lạng Sơn")
    trang_dinh = DistrictFactory(name="Tràng Định", parent=province)
    cao_loc = DistrictFactory(name="Cao Lộc", parent=province)
    communes = {
        name: UnitFactory(name=name, kind=UnitKind.COMMUNE, tier=3, parent=parent)
        for name, parent in (("Tân Minh", trang_dinh), ("Hùng Sơn", trang_dinh), ("Hợp Thành", cao_loc))
    }
    conference = ConferenceFactory(
        organising_unit=province,
        year=2025,
        slug="lang-son-2025",
        title="Hội nghị đối thoại giữa Chủ tịch UBND tỉnh với thanh niên năm 2025",
        status=ConferenceStatus.COLLECTING,
        planned_date=date(2025, 3, 26),
    )
    sites = {"Lạng Sơn": BridgePointFactory(conference=conference, unit=province, kind=BridgePointKind.PROVINCIAL)}
    for name, unit in communes.items():
        sites[name] = BridgePointFactory(conference=conference, unit=unit, kind=BridgePointKind.COMMUNE)
    groups = [
        IssueGroupFactory(conference=conference, name="Việc làm, khởi nghiệp", position=1),
        IssueGroupFactory(conference=conference, name="Văn hóa, thể thao", position=2),
    ]
    home_affairs = AgencyFactory(name="Sở Nội vụ tỉnh Lạng Sơn", short_name="Sở Nội vụ", unit=province)
    labour = AgencyFactory(name="Sở Lao động - Thương binh và Xã hội", short_name="Sở LĐTBXH", unit=province)
    union = {
        key: AgencyFactory(name=name, short_name=name, unit=unit, kind=AgencyKind.YOUTH_UNION)
        for key, name, unit in (
            ("province", "Tỉnh đoàn Lạng Sơn", province),
            ("trang_dinh", "Huyện đoàn Tràng Định", trang_dinh),
            ("cao_loc", "Huyện đoàn Cao Lộc", cao_loc),
        )
    }
    return SimpleNamespace(
        province=province,
        trang_dinh=trang_dinh,
        cao_loc=cao_loc,
        conference=conference,
        sites=sites,
        groups=groups,
        labour=labour,
        ha=make_user(Role.HOME_AFFAIRS, home_affairs),
        officer=make_user(Role.AGENCY_OFFICER, labour, user__first_name="Tuấn", user__last_name="Lò Văn"),
        union_province=make_user(Role.YOUTH_UNION, union["province"]),
        union_trang_dinh=make_user(Role.YOUTH_UNION, union["trang_dinh"]),
        union_cao_loc=make_user(Role.YOUTH_UNION, union["cao_loc"]),
    )


@pytest.fixture
def sender():
    """A browser of one young person: a client with an address of its own."""
    return Client(REMOTE_ADDR=fresh_address())


def form_data(world, **overrides) -> dict:
    data = {
        "bridge_point": world.sites["Tân Minh"].pk,
        "content": "Đề nghị tỉnh hỗ trợ vốn vay ưu đãi cho thanh niên khởi nghiệp ở vùng cao?",
        "issue_group": world.groups[0].pk,
        "sender_name": "Nguyễn Văn An",
        "email": fresh_email(),
        "phone": "",
        "notify_by": "email",
        "consent": "on",
        "website": "",
        "action": "send",
    }
    data.update(overrides)
    return data


def send(client, world, **overrides):
    return client.post(reverse("public:question_send", args=[world.conference.slug]), form_data(world, **overrides))


def confirm_row(question) -> OutgoingEmail:
    return OutgoingEmail.objects.filter(dedupe_key__startswith=f"question:{question.pk}:confirm:").latest("pk")


def confirm_link(question) -> str:
    return re.search(r"https?://\S+/xac-nhan/\S+/", confirm_row(question).body_text).group(0)


def sent_question(client, world, **overrides) -> YouthQuestion:
    response = send(client, world, **overrides)
    assert response.status_code == 302, response.content.decode()[:2000]
    return YouthQuestion.objects.get(token=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def confirmed_question(client, world, **overrides) -> YouthQuestion:
    """Sent and confirmed the way its sender would: the emailed link, or the texted code."""
    if overrides.get("notify_by") in ("sms", "zalo"):
        overrides.setdefault("email", "")
    question = sent_question(client, world, **overrides)
    if question.notify_by in ("sms", "zalo"):
        code = re.search(r"\b(\d{6})\b", confirm_row(question).body_text).group(1)
        client.post(reverse("public:question_code", args=[question.token]), {"code": code})
    else:
        path = "/" + confirm_link(question).split("/", 3)[3]
        assert client.post(path).status_code == 302
    question.refresh_from_db()
    assert question.state == QuestionState.WAITING
    return question
