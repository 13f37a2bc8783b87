"""An uploaded .xlsx checked as a zip archive before anything is decompressed or parsed.

Cheap and bounded by the file's size, so it runs in the request: the file's size, its first bytes (a renamed .xls or
.csv is named as such), the number of members read from the end-of-archive record before the central directory is
parsed, then every member's declared size and compression ratio. Python's zipfile never inflates a member past its
declared size (the CRC check fails first), so a zip bomb is refused here, before openpyxl opens it.
"""

import struct
import zipfile
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from conferences.errors import Refused

_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_MAX_COMMENT = 65535
# Members this small are never worth refusing for their ratio (a 2 KB styles.xml may well compress 50 times).
_RATIO_FLOOR_BYTES = 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def _declared_members(fileobj: IO[bytes], size: int) -> int | None:
    """The member count in the end-of-archive record (None when it is not found or says zip64)."""
    tail_size = min(size, _END_RECORD_SIZE + _MAX_COMMENT)
    fileobj.seek(size - tail_size)
    tail = fileobj.read(tail_size)
    fileobj.seek(0)
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < _END_RECORD_SIZE:
        return None
    total = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    return None if total == 0xFFFF else total


def _not_xlsx() -> Refused:
    return Refused(_("Tệp không phải bảng tính Excel .xlsx (đã kiểm tra nội dung tệp, không dựa vào tên)."))


def _refuse_bomb() -> Refused:
    return Refused(
        _(
            "Tệp .xlsx khi giải nén lớn bất thường (vượt %(max)s MB hoặc nén quá %(ratio)s lần): không đọc. "
            "Hãy mở bằng Excel, xóa các ô thừa rồi lưu lại."
        )
        % {"max": _mb(settings.IMPORT_MAX_UNCOMPRESSED_BYTES), "ratio": settings.IMPORT_MAX_COMPRESSION_RATIO}
    )


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    ratio = settings.IMPORT_MAX_COMPRESSION_RATIO
    if total > settings.IMPORT_MAX_UNCOMPRESSED_BYTES:
        raise _refuse_bomb()
    if total > _RATIO_FLOOR_BYTES and total > ratio * max(packed, 1):
        raise _refuse_bomb()
    for info in infos:
        if info.file_size > _RATIO_FLOOR_BYTES and info.file_size > ratio * max(info.compress_size, 1):
            raise _refuse_bomb()


def check_upload(fileobj: IO[bytes], size: int) -> None:
    """Refuse (with the reason, in Vietnamese) a file that is too big, not an .xlsx, or a zip bomb."""
    if size > settings.UPLOAD_MAX_BYTES:
        raise Refused(
            _("Tệp lớn %(size).1f MB, vượt giới hạn %(max)s MB mỗi lần nhập.")
            % {"size": size / 1024 / 1024, "max": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
        )
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(_("Đây là tệp Excel cũ (.xls). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx rồi tải lên."))
    if not head.startswith(b"PK"):
        raise _not_xlsx()
    members = _declared_members(fileobj, size)
    if members is not None and members > settings.IMPORT_MAX_ARCHIVE_MEMBERS:
        raise Refused(
            _("Tệp .xlsx có %(n)s phần bên trong, vượt giới hạn %(max)s: không đọc.")
            % {"n": members, "max": settings.IMPORT_MAX_ARCHIVE_MEMBERS}
        )
    try:
        with zipfile.ZipFile(fileobj) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise Refused(_("Tệp .xlsx bị hỏng, không đọc được.")) from exc
    finally:
        fileobj.seek(0)
    if len(infos) > settings.IMPORT_MAX_ARCHIVE_MEMBERS:
        raise Refused(
            _("Tệp .xlsx có %(n)s phần bên trong, vượt giới hạn %(max)s: không đọc.")
            % {"n": len(infos), "max": settings.IMPORT_MAX_ARCHIVE_MEMBERS}
        )
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise _not_xlsx()
    _check_members(infos)
