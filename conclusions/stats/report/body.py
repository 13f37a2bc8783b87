"""The yearly report's parts (headings, paragraphs, dashes, tables), worded as official reports are, shared by the
PDF and the DOCX writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...notices.documents.text import short_date
from .figures import YearlyReport


@dataclass
class Part:
    """kind: heading (bold), para (justified, indented), dash ('- ' item), table (columns, widths mm, rows)."""

    kind: str
    text: str = ""
    columns: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def _n(value: int) -> str:
    """Counts as official reports write them: two digits below ten ('01 hội nghị')."""
    return f"{value:02d}" if 0 < value < 10 else str(value)


def _d(day: date | None) -> str:
    """'12/4/2024' as official texts cite dates (Decree 30/2020: day below 10 and months 1-2 with a zero)."""
    return short_date(day) if day else ""


def _percent(part: int, whole: int) -> str:
    if not whole:
        return "0%"
    return f"{100 * part / whole:.1f}".replace(".", ",").removesuffix(",0") + "%"


def _days(value: float | None) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") if value is not None else ""


def _conferences_part(r: YearlyReport) -> list[Part]:
    """I. The conferences held in the area that year."""
    parts = [Part("heading", "I. KẾT QUẢ TỔ CHỨC ĐỐI THOẠI")]
    if r.conferences:
        parts.append(
            Part(
                "para",
                f"Năm {r.year}, trên địa bàn {r.area} đã tổ chức {_n(len(r.conferences))} hội nghị đối thoại giữa "
                "Chủ tịch Ủy ban nhân dân với thanh niên, cụ thể:",
            )
        )
        for c in r.conferences:
            held = f"tổ chức ngày {_d(c.held_on)}, " if c.held_on else ""
            text = f"{c.title}: {held}hình thức {c.form}, {_n(c.sites)} điểm cầu"
            if c.theme:
                text += f"; chủ đề “{c.theme}”"
            text += f"; tiếp nhận {_n(c.received)} ý kiến, kiến nghị, đã trả lời {_n(c.resolved)}"
            if c.notice_number:
                text += f"; Thông báo kết luận số {c.notice_number} ngày {_d(c.notice_date)}"
            parts.append(Part("dash", text + ";"))
    else:
        parts.append(
            Part("para", f"Năm {r.year}, trên địa bàn {r.area} chưa tổ chức hội nghị đối thoại với thanh niên.")
        )
    if r.planned:
        parts.append(Part("para", f"Ngoài ra, {_n(r.planned)} hội nghị đang trong giai đoạn chuẩn bị, chưa tổ chức."))
    return parts


def _petitions_part(r: YearlyReport) -> list[Part]:
    """II. Petitions received and resolved: overall, by issue group, by agency."""
    t, answered = r.totals, r.answered
    parts = [
        Part("heading", "II. KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT Ý KIẾN, KIẾN NGHỊ CỦA THANH NIÊN"),
        Part("heading", "1. Kết quả chung"),
        Part(
            "para",
            f"Tổng số ý kiến, kiến nghị, đề xuất của thanh niên được tiếp nhận: {_n(t['received'])}; trong đó đã "
            f"được trả lời, giải quyết: {_n(t['resolved'])} (đạt {_percent(t['resolved'], t['received'])}; đúng "
            f"hạn {_n(answered.on_time)}, trễ hạn {_n(answered.late)}, không giao hạn {_n(answered.no_deadline)}), "
            f"đang giải quyết: {_n(t['received'] - t['resolved'])}. Số ý kiến được trả lời trực tiếp tại hội nghị: "
            f"{_n(t['answered_live'])}; đã công bố công khai: {_n(t['published'])}.",
        ),
    ]
    if r.by_group:
        parts += [
            Part("heading", "2. Theo nhóm vấn đề"),
            Part(
                "table",
                columns=["TT", "Nhóm vấn đề", "Số ý kiến, kiến nghị", "Đã trả lời, giải quyết"],
                widths=[12, 93, 30, 30],
                rows=[[str(i), name, str(n), str(done)] for i, (name, n, done) in enumerate(r.by_group, start=1)]
                + [["", "Tổng số", str(t["received"]), str(t["resolved"])]],
            ),
        ]
    if r.by_agency:
        parts += _by_agency_parts(r)
    return parts


def _by_agency_parts(r: YearlyReport) -> list[Part]:
    """II.3. Answers by agency: on time, late, waiting, overdue, pending, without a deadline; the median time."""
    parts = [
        Part("heading", "3. Theo cơ quan giải quyết"),
        Part(
            "table",
            columns=[
                "TT",
                "Cơ quan",
                "Đúng hạn",
                "Trễ hạn",
                "Chờ duyệt",
                "Quá hạn",
                "Đang trong hạn",
                "Không giao hạn",
            ],
            widths=[12, 51, 17, 17, 17, 17, 17, 17],
            rows=[
                [
                    str(i),
                    a.label,
                    *(str(n) for n in (a.on_time, a.late, a.waiting, a.overdue, a.pending, a.no_deadline)),
                ]
                for i, a in enumerate(r.by_agency, start=1)
            ],
        ),
    ]
    if r.median_days is not None:
        parts.append(
            Part(
                "para",
                "Thời gian trả lời (tính từ ngày giao đến ngày cơ quan gửi trả lời, theo ngày làm việc): trung vị "
                f"{_days(r.median_days)} ngày làm việc.",
            )
        )
    return parts


def _tasks_part(r: YearlyReport) -> list[Part]:
    """III. The tasks the conclusions gave, by agency."""
    tasks = r.task_totals
    parts = [Part("heading", "III. KẾT QUẢ THỰC HIỆN NHIỆM VỤ SAU ĐỐI THOẠI")]
    if not r.tasks_by_agency:
        return [*parts, Part("para", "Thông báo kết luận không giao nhiệm vụ cụ thể cho các cơ quan, đơn vị.")]
    return [
        *parts,
        Part(
            "para",
            f"Thông báo kết luận giao {_n(tasks.total)} nhiệm vụ cho các cơ quan, đơn vị; đã hoàn thành "
            f"{_n(tasks.done)}, đang thực hiện {_n(tasks.open)}, quá hạn chưa hoàn thành {_n(tasks.overdue)}.",
        ),
        Part(
            "table",
            columns=["TT", "Cơ quan, đơn vị", "Đã hoàn thành", "Đang thực hiện", "Quá hạn", "Tổng số"],
            widths=[12, 73, 20, 20, 20, 20],
            rows=[
                [str(i), a.label, str(a.done), str(a.open), str(a.overdue), str(a.total)]
                for i, a in enumerate(r.tasks_by_agency, start=1)
            ]
            + [["", "Tổng số", str(tasks.done), str(tasks.open), str(tasks.overdue), str(tasks.total)]],
        ),
    ]


def _carry_over_part(r: YearlyReport) -> list[Part]:
    """IV. What carries over to next year: open tasks and petitions still being resolved."""
    parts = [Part("heading", "IV. NHỮNG NỘI DUNG CHUYỂN TIẾP SANG NĂM SAU")]
    if not (r.carry_over or r.unresolved_by_agency):
        return [
            *parts,
            Part("para", "Không có nội dung chuyển tiếp: các ý kiến, kiến nghị và nhiệm vụ đã được giải quyết."),
        ]
    for item in r.carry_over:
        when = (
            "thực hiện tại hội nghị đối thoại năm sau"
            if item.next_conference
            else (f"hạn {_d(item.due)}" if item.due else "chưa ấn định thời hạn")
        )
        parts.append(Part("dash", f"{item.agency}: {item.text.strip().rstrip('.;')} ({when});"))
    for agency, n in r.unresolved_by_agency:
        parts.append(Part("dash", f"{agency}: còn {_n(n)} ý kiến, kiến nghị của thanh niên đang giải quyết;"))
    return parts


def report_body(r: YearlyReport) -> list[Part]:
    committee = f"Ủy ban nhân dân {r.area}"
    opening = Part(
        "para",
        "Thực hiện Luật Thanh niên năm 2020 và Nghị định số 13/2021/NĐ-CP ngày 01/3/2021 của Chính phủ quy định về "
        f"đối thoại với thanh niên, {committee} báo cáo kết quả đối thoại và giải quyết ý kiến, kiến nghị của "
        f"thanh niên năm {r.year} như sau:",
    )
    closing = (
        Part("para", f"{committee} báo cáo {r.superior} (qua Sở Nội vụ) theo quy định./.")
        if r.unit.parent is not None
        else Part("para", f"{committee} báo cáo Bộ Nội vụ theo quy định./.")
    )
    return [
        opening,
        *_conferences_part(r),
        *_petitions_part(r),
        *_tasks_part(r),
        *_carry_over_part(r),
        closing,
    ]
