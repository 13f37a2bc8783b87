"""`manage.py render_notice` writes the current draft rendered now, or the issued version as stored."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conclusions.models import ConclusionNotice

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("fmt", "magic"), [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")])
def test_the_demo_draft_renders_in_every_format_without_any_editing(demo, tmp_path, fmt, magic):
    out = tmp_path / f"out.{fmt}"
    stdout = StringIO()
    call_command("render_notice", conference="lang-son-2023", output=str(out), stdout=stdout)
    assert out.read_bytes().startswith(magic)
    assert "dự thảo" in stdout.getvalue()


def test_the_issued_version_is_written_byte_for_byte_from_the_stored_file(demo, tmp_path):
    out = tmp_path / "tb.pdf"
    call_command("render_notice", conference="trang-dinh-2024", output=str(out), stdout=StringIO())
    notice = ConclusionNotice.objects.get(conference__slug="trang-dinh-2024")
    with notice.pdf.open("rb") as stored:
        assert out.read_bytes() == stored.read()


def test_the_party_style_demo_renders_as_a_party_document(demo, tmp_path):
    from .pdfs import all_text

    out = tmp_path / "hn.pdf"
    call_command("render_notice", conference="ha-nam-2021", output=str(out), stdout=StringIO())
    text = all_text(out.read_bytes())
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "CỘNG HÒA" not in text
    assert "TỈNH ỦY HÀ NAM" in text and "Số -TB/VPTU" in text
    assert "KẾT LUẬN CỦA BÍ THƯ TỈNH ỦY" in text
    assert "1. Các cấp uỷ đảng, chính quyền" in text
    assert "Thời gian thực hiện chậm nhất sau 45 ngày làm việc" in text
    assert "K/T CHÁNH VĂN PHÒNG" in text and "PHÓ CHÁNH VĂN PHÒNG" in text and "Trần Nguyễn Hiền Anh" in text
    assert "- Lưu VPTU." in text


def test_unknown_conference_and_format_are_refused_in_vietnamese(db, tmp_path):
    with pytest.raises(CommandError, match="Không có hội nghị"):
        call_command("render_notice", conference="khong-co", output=str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="Định dạng không hỗ trợ"):
        call_command("render_notice", conference="khong-co", output=str(Path(tmp_path / "x.txt")))
