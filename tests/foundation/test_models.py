import pytest
from django.db import IntegrityError

from petitions.models import Assignment, AssignmentStatus, Petition
from tests.factories import AgencyFactory, AssignmentFactory, PetitionFactory, SubQuestionFactory

pytestmark = pytest.mark.django_db


def test_petition_search_text_folds_content_unit_and_sub_questions():
    petition = PetitionFactory(content="Vốn vay KHỞI NGHIỆP?", submitting_unit="Bí thư Đoàn xã Đào Viên")
    SubQuestionFactory(petition=petition, content="Lớp tập huấn OCOP ở đâu?")
    petition.save()
    petition.refresh_from_db()
    assert "von vay khoi nghiep" in petition.search_text
    assert "dao vien" in petition.search_text
    assert "tap huan ocop" in petition.search_text


def test_petition_search_finds_unaccented_and_decomposed_queries():
    wanted = PetitionFactory(content="Chính sách hỗ trợ khởi nghiệp cho thanh niên")
    PetitionFactory(conference=wanted.conference, content="Xây dựng sân chơi cho thiếu nhi")
    for query in ["khoi nghiep", "Khởi nghiệp", "khởi nghiệp"]:
        assert list(Petition.objects.search(query)) == [wanted]


def test_petition_numbers_are_unique_within_a_conference():
    petition = PetitionFactory(number=7)
    with pytest.raises(IntegrityError):
        PetitionFactory(conference=petition.conference, number=7)


def test_a_petition_has_at_most_one_open_assignment():
    first = AssignmentFactory()
    with pytest.raises(IntegrityError):
        Assignment.objects.create(
            petition=first.petition, lead_agency=AgencyFactory(), due_rule="fixed_date", due_date=first.due_date
        )


def test_a_withdrawn_assignment_makes_room_for_a_new_one():
    first = AssignmentFactory(status=AssignmentStatus.WITHDRAWN)
    second = Assignment.objects.create(
        petition=first.petition, lead_agency=AgencyFactory(), due_rule="fixed_date", due_date=first.due_date
    )
    assert second.pk


def test_unit_path_makes_everything_inside_a_district_one_prefix_query():
    from conferences.models import AdministrativeUnit
    from tests.factories import CommuneFactory

    commune = CommuneFactory()
    district = commune.parent
    other = CommuneFactory()
    inside = set(AdministrativeUnit.objects.within(district))
    assert inside == {district, commune}
    assert other not in inside
