"""Hostile uploads built in memory, for the tests and bench/abuse.py: nothing of the kind is stored in the repository.

- far_cell_xlsx: a 5 KB list whose only far cell is XFD1048576 (dimension A1:XFD1048576);
- zip_bomb_xlsx: a valid list whose sheet inflates to `megabytes` MB of repeated rows (a few hundred KB on disk);
- many_parts_xlsx: a valid list with thousands of extra parts in its archive;
- entity_xlsx: a list whose sheet declares XML entities (billion laughs);
- html_as_pdf / svg_image: files whose names lie about what they hold.
"""

import io
import zipfile

from openpyxl import Workbook

HEADER = ["TT", "Nội dung kiến nghị", "Đơn vị kiến nghị", "Nhóm vấn đề", "Điểm cầu"]
SHEET = "xl/worksheets/sheet1.xml"


def _workbook(rows=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def far_cell_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([1, "Đề nghị hỗ trợ vốn vay cho thanh niên khởi nghiệp?", "Đoàn xã Tân Minh", "", "Tân Minh"])
    sheet["XFD1048576"] = "x"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _rebuilt(base: bytes, replace: dict, extra=()) -> bytes:
    """The archive `base` with some members' bytes replaced (a callable writes into the member) and extra members."""
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in replace:
                with archive.open(info.filename, "w") as member:
                    replace[info.filename](data, member)
            else:
                archive.writestr(info.filename, data)
        for name, data in extra:
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb_xlsx(megabytes: int = 300) -> bytes:
    """A list whose sheet holds one row, then `megabytes` MB of whitespace (legal between rows, and the parser reads
    every byte): deflate shrinks runs of one byte about 1,000 times."""

    def inflate(data: bytes, member) -> None:
        head, tail = data.split(b"</sheetData>")
        member.write(head + b'<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c></row>')
        block = b" " * (1024 * 1024)
        for _ in range(megabytes):
            member.write(block)
        member.write(b"</sheetData>" + tail)

    return _rebuilt(_workbook(), {SHEET: inflate})


def many_parts_xlsx(parts: int = 5000) -> bytes:
    return _rebuilt(_workbook(), {}, [(f"xl/media/p{i}.bin", b"") for i in range(parts)])


def entity_xlsx() -> bytes:
    def laughs(data: bytes, member) -> None:
        entities = b'<!ENTITY a0 "lol">' + b"".join(
            b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10)
        )
        member.write(b"<!DOCTYPE worksheet [" + entities + b"]>")
        member.write(data.replace(b"<t>TT</t>", b"<t>&a9;</t>", 1))

    return _rebuilt(_workbook(), {SHEET: laughs})


def html_as_pdf() -> bytes:
    return b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def svg_image() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
