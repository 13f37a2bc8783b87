"""Rendering the demo conference lang-son-2023 gives the notice of seed 000, part by part, in order."""

import pytest

from demo import seeds

from .pdfs import all_text, normalise

# The demo documents are built once per session (demo_files); the database must exist for that.
pytestmark = pytest.mark.django_db


def test_lang_son_2023_pdf_text_follows_seed_000_section_by_section(demo_files):
    text = all_text(demo_files.lang_son_draft)
    parsed = seeds.parse_notice_2023()
    expected = [
        "THÔNG BÁO",
        parsed.title,
        parsed.legal_bases,
        *[line[:120] for line in parsed.opening.splitlines()],
        "1. Đối với đội ngũ thanh niên tỉnh",
        "1.1. Trong khởi nghiệp, lập nghiệp",
        "1.2. Trong xây dựng nông thôn mới",
        "2. Đối với các sở, ban, ngành, cơ quan liên quan",
        "2.1. Đề nghị Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Lạng Sơn",
        "2.2. Sở Kế hoạch và Đầu tư: chủ trì, phối hợp với Đoàn Thanh niên",
        "yêu cầu hoàn thành trong năm 2023",
        "2.3. Sở Nông nghiệp và Phát triển nông thôn",
        "2.4. Sở Nội vụ",
        "2.5. Các sở, ban, ngành tỉnh",
        parsed.closing_line,
        "Nơi nhận:",
        *[f"- {line}" for line in parsed.recipients],
        "- Lưu: VT, NC",
    ]
    position = 0
    for fragment in map(normalise, expected):
        found = text.find(fragment, position)
        assert found >= 0, f"missing or out of order: {fragment[:80]!r}"
        position = found
    # The signature column sits beside "Nơi nhận", so its lines come out interleaved with the recipients.
    for fragment in ("(PVD)", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Phạm Hùng Trường"):
        assert fragment in text[text.find("Nơi nhận:") :]
