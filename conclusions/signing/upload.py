"""A notice signed elsewhere (a USB token through the VGCA plugin, or any PAdES tool) and uploaded back by Home
Affairs. Accepted only when pyHanko validates it and it is exactly the frozen PDF with signatures appended:

1. it is a PDF;
2. it starts with the frozen PDF's bytes, byte for byte (else: another document, or this one altered);
3. it carries a signature the portal does not have yet, and every signature appended to the frozen PDF is intact,
   valid and chains to a trust root (conclusions.signing.trust);
4. the newest signature covers the whole file, and the appended revisions add signatures and nothing else
   (conclusions.signing.revisions).

The accepted file becomes the official copy (conclusions.signing.copies) and the upload is audited.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Refused

from ..models import ConclusionNotice, SignatureSource, SignedCopy
from .copies import frozen_bytes, signer_rows, store_signed_copy
from .inspect import NotPdf, SignatureReport, read_pdf, signature_reports
from .revisions import only_signatures_since

CHUNK = 4096
TAMPERED_SHARE = 0.05  # fewer differing 4 KB blocks than this share: the frozen PDF altered, not another document


def _differs_a_little(data: bytes, frozen: bytes) -> bool:
    if len(data) < len(frozen):
        return False
    blocks = range(0, len(frozen), CHUNK)
    differing = sum(data[i : min(i + CHUNK, len(frozen))] != frozen[i : i + CHUNK] for i in blocks)
    return differing <= max(1, len(blocks) * TAMPERED_SHARE)


def _refuse_unless_prefix(notice: ConclusionNotice, data: bytes, frozen: bytes) -> None:
    if data.startswith(frozen):
        return
    if _differs_a_little(data, frozen):
        raise Refused(
            _(
                "Tệp đã bị sửa đổi: nội dung không còn trùng từng byte với bản PDF của Thông báo số %(number)s đã "
                "ban hành. Hãy tải lại bản PDF trên cổng, ký số và tải lên, không sửa gì thêm."
            )
            % {"number": notice.number_label}
        )
    raise Refused(
        _(
            "Tệp này không phải bản PDF của Thông báo số %(number)s đã ban hành trên cổng (văn bản khác). Hãy tải "
            "bản PDF của chính thông báo này về, ký số rồi tải lên."
        )
        % {"number": notice.number_label}
    )


def _refuse_unless_signatures_good(notice, reports: list[SignatureReport], frozen_length: int) -> None:
    appended = [r for r in reports if r.signed_length > frozen_length]
    if not appended:
        raise Refused(_("Tệp không có chữ ký số nào được thêm vào bản đã ban hành."))
    for report in appended:
        if not (report.intact and report.valid):
            raise Refused(
                _("Chữ ký số “%(signer)s” không còn nguyên vẹn: tệp đã bị sửa sau khi ký.")
                % {"signer": report.signer or report.field_name}
            )
        if not report.trusted:
            raise Refused(
                _(
                    "Không xác định được người ký: chứng thư số của “%(signer)s” không dẫn tới chứng thư gốc tin "
                    "cậy nào mà cổng được cấu hình (ví dụ CA của Ban Cơ yếu Chính phủ)."
                )
                % {"signer": report.signer or report.field_name}
            )
    if not appended[-1].whole_file:
        raise Refused(_("Chữ ký số cuối cùng không bao trùm toàn bộ tệp: có nội dung được thêm sau khi ký."))


def signed_upload_check(*, notice: ConclusionNotice, data: bytes) -> list[SignatureReport]:
    """The signatures of an acceptable upload; Refused with the reason otherwise."""
    try:
        reader = read_pdf(data)
    except NotPdf as exc:
        raise Refused(_("Tệp tải lên không phải tệp PDF (đã kiểm tra nội dung tệp).")) from exc
    frozen = frozen_bytes(notice)
    _refuse_unless_prefix(notice, data, frozen)
    if SignedCopy.objects.filter(notice=notice, sha256=hashlib.sha256(data).hexdigest()).exists():
        raise Refused(_("Tệp này đã có trên cổng: không có chữ ký số mới."))
    try:
        reports = signature_reports(data, reader)
    except NotPdf as exc:
        raise Refused(_("Tệp tải lên không phải tệp PDF (đã kiểm tra nội dung tệp).")) from exc
    _refuse_unless_signatures_good(notice, reports, len(frozen))
    base_revision = read_pdf(frozen).xrefs.total_revisions - 1
    if not only_signatures_since(reader, base_revision):
        raise Refused(
            _("Phần thêm vào sau bản đã ban hành có thay đổi nội dung, không chỉ là chữ ký số: không chấp nhận.")
        )
    return reports


def signed_upload_accept(*, notice: ConclusionNotice, data: bytes, actor) -> SignedCopy:
    """Check the upload and make it the notice's official copy (audited)."""
    with transaction.atomic():
        locked = ConclusionNotice.objects.select_for_update().select_related("conference").get(pk=notice.pk)
        if not locked.is_issued or not locked.pdf:
            raise Refused(_("Chỉ nhận bản ký số của thông báo đang có hiệu lực."))
        reports = signed_upload_check(notice=locked, data=data)
        rows = signer_rows(reports)
        copy = store_signed_copy(notice=locked, data=data, source=SignatureSource.UPLOAD, signers=rows, actor=actor)
        record(
            actor=actor,
            action="notice.signed_upload",
            target=locked,
            conference=locked.conference,
            message=_("Tải lên bản ký số của Thông báo số %(number)s (%(signers)s)")
            % {"number": locked.number_label, "signers": "; ".join(r["signer"] for r in rows)},
            sha256=copy.sha256,
            signers=rows,
        )
    return copy
