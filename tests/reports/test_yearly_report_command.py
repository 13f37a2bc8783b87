import pytest
from django.core.management import CommandError, call_command

from tests.reports.conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_pdf_named_on_the_command_line(world, tmp_path):
    out = tmp_path / "out.pdf"
    call_command("yearly_report", "--unit", str(world.district.pk), "--year", "2024", "--output", str(out))
    assert "Kết quả đối thoại và giải quyết kiến nghị của thanh niên năm 2024" in pdf_text(out.read_bytes())


def test_the_command_writes_docx_by_extension_or_by_format(world, tmp_path):
    call_command(
        "yearly_report", "--unit", str(world.district.pk), "--year", "2024", "--output", str(tmp_path / "a.docx")
    )
    call_command(
        "yearly_report",
        "--unit",
        str(world.district.pk),
        "--year",
        "2024",
        "--output",
        str(tmp_path / "b.bin"),
        "--format",
        "docx",
        "--date",
        "20/12/2024",
        "--number",
        "7",
    )
    assert "BÁO CÁO" in docx_text((tmp_path / "a.docx").read_bytes())
    assert "7/BC-UBND" in docx_text((tmp_path / "b.bin").read_bytes())


@pytest.mark.parametrize(
    "args, message",
    [
        (["--unit", "999999", "--year", "2024", "--output", "x.pdf"], "Không tìm thấy đơn vị hành chính"),
        (["--unit", "abc", "--year", "2024", "--output", "x.pdf"], "Không tìm thấy đơn vị hành chính"),
        (["--year", "2019", "--output", "x.pdf"], "Năm báo cáo phải từ 2021"),
        (["--year", "2024", "--output", "x.txt"], "Chọn --format pdf hoặc docx"),
        (["--year", "2024", "--output", "x.pdf", "--date", "2024-12-20"], "Ngày không hợp lệ"),
    ],
)
def test_bad_arguments_get_a_clear_vietnamese_message(world, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    if "--unit" not in args:
        args = ["--unit", str(world.district.pk), *args]
    with pytest.raises(CommandError, match=message):
        call_command("yearly_report", *args)
    assert not (tmp_path / "x.pdf").exists()
