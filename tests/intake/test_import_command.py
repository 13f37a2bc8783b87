from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from petitions.models import ImportBatch, Petition

from .conftest import xlsx

pytestmark = pytest.mark.django_db

ROWS = [
    [1, "Đề nghị mở lớp đào tạo nghề cho thanh niên nông thôn?", "Đoàn xã Tân Minh", "Đào tạo nghề", "Tân Minh"],
    [2, "", "Đoàn xã Đội Cấn", "", "Đội Cấn"],
    [3, "Đề nghị hỗ trợ vốn vay khởi nghiệp?", "Đoàn xã Hợp Thành", "vốn", "Hợp Thành"],
]


@pytest.fixture(autouse=True)
def administrator(db):
    from tests.factories import UserFactory

    return UserFactory(username="quantri", is_superuser=True, is_staff=True)


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(xlsx(ROWS))
    return path


def test_dry_run_prints_the_problems_and_writes_nothing(world, workbook):
    out = StringIO()
    call_command("import_petitions", str(workbook), conference=world.conference.slug, dry_run=True, stdout=out)
    text = out.getvalue()
    assert "Dòng 3: LỖI – Thiếu nội dung kiến nghị." in text
    assert "3 dòng: 2 hợp lệ, 1 có lỗi" in text and "không ghi gì" in text
    assert not Petition.objects.exists() and not ImportBatch.objects.exists()


def test_the_command_imports_the_good_rows_with_the_same_checks_as_the_web(world, workbook):
    out = StringIO()
    call_command("import_petitions", str(workbook), conference=str(world.conference.pk), stdout=out)
    assert "Đã nhập 2 kiến nghị (số 1–2)" in out.getvalue()
    assert list(Petition.objects.order_by("number").values_list("bridge_point__name", flat=True)) == [
        "Xã Tân Minh",
        "Xã Hợp Thành",
    ]


def test_as_a_district_union_the_other_districts_row_is_refused(world, workbook):
    out = StringIO()
    call_command(
        "import_petitions", str(workbook), conference=world.conference.slug, user=world.union.username, stdout=out
    )
    assert "Dòng 4: LỖI – Điểm cầu “Xã Hợp Thành” không thuộc phạm vi đơn vị của bạn." in out.getvalue()
    assert Petition.objects.count() == 1 and Petition.objects.get().created_by == world.union


def test_strict_imports_nothing_when_a_row_is_wrong(world, workbook):
    with pytest.raises(CommandError, match="--strict"):
        call_command(
            "import_petitions", str(workbook), conference=world.conference.slug, strict=True, stdout=StringIO()
        )
    assert not Petition.objects.exists()


def test_an_unknown_conference_or_file_is_a_clear_error(world, workbook, tmp_path):
    with pytest.raises(CommandError, match="Không có hội nghị"):
        call_command("import_petitions", str(workbook), conference="khong-co")
    with pytest.raises(CommandError, match="Không thấy tệp"):
        call_command("import_petitions", str(tmp_path / "x.xlsx"), conference=world.conference.slug)
