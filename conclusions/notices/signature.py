"""Who signs an issued document, and for whom: the one check the notice's issue and the yearly report both run.

Decree 30/2020: under the authority line (TM. ỦY BAN NHÂN DÂN, TL. CHỦ TỊCH, KT. CHỦ TỊCH, ...) comes the signer's
title, the space for the signature and seal, then the signer's full name. A document is not issued over an empty
space: the name and the title are required, and an authority word needs the line it stands for ("TM." alone says
on behalf of nobody).
"""

from django.utils.translation import gettext as _


def signature_problems(*, name: str, title: str, authority: str = "", authority_line: str = "") -> list[str]:
    """What is missing for the document to be signed (empty when nothing is)."""
    problems = []
    if not (name or "").strip():
        problems.append(_("Chưa nhập họ tên người ký: văn bản ban hành phải có họ tên người ký dưới chữ ký."))
    if not (title or "").strip():
        problems.append(_("Chưa nhập chức vụ người ký (ví dụ: CHỦ TỊCH, CHÁNH VĂN PHÒNG)."))
    if (authority or "").strip() and not (authority_line or "").strip():
        problems.append(
            _("Thẩm quyền ký “%(authority)s” cần dòng đi kèm (ví dụ: TM. ỦY BAN NHÂN DÂN, TL. CHỦ TỊCH).")
            % {"authority": authority.strip()}
        )
    return problems
