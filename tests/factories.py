"""factory_boy factories for every model tests need; personas are built from these."""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from conferences.deadlines import DeadlineRule
from conferences.models import (
    AdministrativeUnit,
    Agency,
    AgencyKind,
    BridgePoint,
    BridgePointKind,
    Conference,
    ConferenceLevel,
    IssueGroup,
    Membership,
    Role,
    UnitKind,
)
from petitions.models import Answer, Assignment, Petition, SubQuestion

PASSWORD = "Mat-khau-thu-nghiem-1"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    name = factory.Sequence(lambda n: f"Lạng Sơn {n}")
    kind = UnitKind.PROVINCE
    tier = 1
    parent = None


class DistrictFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"Huyện thử {n}")
    kind = UnitKind.DISTRICT
    tier = 2
    parent = factory.SubFactory(UnitFactory)


class CommuneFactory(UnitFactory):
    name = factory.Sequence(lambda n: f"Xã thử {n}")
    kind = UnitKind.COMMUNE
    tier = 3
    parent = factory.SubFactory(DistrictFactory)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"Sở thử nghiệm {n}")
    short_name = factory.LazyAttribute(lambda o: o.name)
    kind = AgencyKind.DEPARTMENT
    unit = factory.SubFactory(UnitFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.gov.vn")
    first_name = "Thử"
    last_name = "Nguyễn"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Role.AGENCY_OFFICER


def make_user(role: str, agency: Agency, **kwargs):
    """A user with a membership: make_user(Role.HOME_AFFAIRS, agency)."""
    return MembershipFactory(role=role, agency=agency, **kwargs).user


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    slug = factory.Sequence(lambda n: f"hoi-nghi-{n}")
    organising_unit = factory.SubFactory(UnitFactory)
    level = ConferenceLevel.PROVINCE
    year = 2024
    title = factory.Sequence(lambda n: f"Hội nghị đối thoại thử {n}")
    theme = "Thanh niên khởi nghiệp"
    planned_date = date(2024, 3, 26)


class BridgePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BridgePoint

    conference = factory.SubFactory(ConferenceFactory)
    unit = factory.SubFactory(CommuneFactory)
    name = factory.LazyAttribute(lambda o: o.unit.full_name if o.unit else "Điểm cầu")
    kind = BridgePointKind.COMMUNE


class IssueGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueGroup

    conference = factory.SubFactory(ConferenceFactory)
    name = factory.Sequence(lambda n: f"Nhóm vấn đề {n}")
    position = factory.Sequence(int)


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition

    conference = factory.SubFactory(ConferenceFactory)
    number = factory.Sequence(lambda n: n + 1)
    content = factory.Sequence(lambda n: f"Đề nghị hỗ trợ vốn vay khởi nghiệp cho thanh niên số {n}?")
    submitting_unit = "Bí thư Đoàn xã Tân Minh"


class SubQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubQuestion

    petition = factory.SubFactory(PetitionFactory)
    position = factory.Sequence(lambda n: n + 1)
    content = "Câu hỏi thành phần?"


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    petition = factory.SubFactory(PetitionFactory)
    lead_agency = factory.SubFactory(AgencyFactory)
    due_rule = DeadlineRule.FIXED_DATE
    due_date = date(2024, 3, 20)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    petition = factory.SubFactory(PetitionFactory)
    text = "Nội dung trả lời."
