"""Panels: a chart, its table and its XLSX sheet come from the same rows (conclusions.stats.figures).

`conference_panels` for one conference, `unit_panels` for an organising unit across years; each panel is a title,
columns, rows, the series its chart draws and a note that defines the figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from conferences.models import AdministrativeUnit, Conference

from . import charts
from .figures import (
    TaskProgress,
    Timeliness,
    answer_timeliness,
    median_days_overall,
    petitions_by_area,
    petitions_by_channel,
    petitions_by_issue_group,
    petitions_by_site,
    petitions_by_year,
    task_progress_by_agency,
    task_progress_by_year,
)

# Colours of the series, shared by the charts and the legend (Bootstrap's palette, readable on white).
GREEN, RED, ORANGE, BLUE, GREY, TEAL, NAVY = "#198754", "#dc3545", "#fd7e14", "#0d6efd", "#adb5bd", "#20c997", "#1d3557"


@dataclass
class Series:
    label: str
    column: int  # index into each row (0 is the row label)
    color: str


@dataclass
class Panel:
    key: str
    title: str
    columns: list[str]
    rows: list[list]
    chart: str = "bars"  # "bars" (horizontal, one row per label) or "columns" (vertical, years)
    series: list[Series] = field(default_factory=list)
    stacked: bool = False
    chart_limit: int = 15
    note: str = ""

    @property
    def svg(self) -> str:
        return charts.render(self)

    @property
    def truncated(self) -> bool:
        return self.chart == "bars" and len(self.rows) > self.chart_limit


def _counts_panel(key, title, first_column, rows, note="") -> Panel:
    return Panel(
        key=key,
        title=title,
        columns=[first_column, str(_("Số kiến nghị")), str(_("Đã có trả lời"))],
        rows=[list(r) for r in rows],
        series=[Series(str(_("Số kiến nghị")), 1, BLUE), Series(str(_("Đã có trả lời")), 2, GREEN)],
        note=note,
    )


# The definitions of conclusions.stats.figures, in the words printed under the tables.
TIMELINESS_NOTE = _(
    "Đã có trả lời: Nội vụ đã duyệt trả lời. Đúng hạn: đã có trả lời và cơ quan gửi trả lời trong hạn được giao; "
    "trễ hạn: gửi sau hạn. Chờ duyệt: đã gửi, Nội vụ chưa duyệt. Không giao hạn: trả lời trực tiếp tại hội nghị "
    "hoặc nhập từ văn bản, không có phân công. Mỗi phân công (cả kiến nghị hoặc một câu hỏi thành phần) tính một lần."
)


def _timeliness_panels(rows: list[Timeliness]) -> list[Panel]:
    overall = median_days_overall(rows)
    timeliness = Panel(
        key="tra-loi-dung-han",
        title=str(_("Trả lời đúng hạn, trễ hạn theo cơ quan")),
        columns=[
            str(_("Cơ quan")),
            str(_("Đúng hạn")),
            str(_("Trễ hạn")),
            str(_("Chờ duyệt")),
            str(_("Quá hạn chưa trả lời")),
            str(_("Đang trong hạn")),
            str(_("Không giao hạn")),
            str(_("Tỷ lệ đúng hạn (%)")),
        ],
        rows=[
            [r.label, r.on_time, r.late, r.waiting, r.overdue, r.pending, r.no_deadline, r.on_time_percent]
            for r in rows
        ],
        series=[
            Series(str(_("Đúng hạn")), 1, GREEN),
            Series(str(_("Trễ hạn")), 2, RED),
            Series(str(_("Chờ duyệt")), 3, TEAL),
            Series(str(_("Quá hạn chưa trả lời")), 4, ORANGE),
            Series(str(_("Đang trong hạn")), 5, BLUE),
            Series(str(_("Không giao hạn")), 6, GREY),
        ],
        stacked=True,
        note=str(TIMELINESS_NOTE),
    )
    days_rows = [[r.label, r.median_days, len(r.days)] for r in rows if r.days]
    days = Panel(
        key="so-ngay-tra-loi",
        title=str(_("Số ngày làm việc để trả lời (trung vị)")),
        columns=[str(_("Cơ quan")), str(_("Trung vị ngày làm việc")), str(_("Số trả lời đã gửi"))],
        rows=sorted(days_rows, key=lambda r: (-r[1], r[0])),
        series=[Series(str(_("Trung vị ngày làm việc")), 1, NAVY)],
        note=(
            str(_("Trung vị chung: %(days)s ngày làm việc.")) % {"days": _number(overall)}
            if overall is not None
            else str(_("Chưa có trả lời nào được gửi theo phân công."))
        ),
    )
    return [timeliness, days]


def _tasks_panel(rows: list[TaskProgress]) -> Panel:
    return Panel(
        key="nhiem-vu",
        title=str(_("Nhiệm vụ sau kết luận theo cơ quan")),
        columns=[
            str(_("Cơ quan")),
            str(_("Đã hoàn thành")),
            str(_("Đang thực hiện")),
            str(_("Quá hạn")),
            str(_("Tổng")),
        ],
        rows=[[r.label, r.done, r.open, r.overdue, r.total] for r in rows],
        series=[
            Series(str(_("Đã hoàn thành")), 1, GREEN),
            Series(str(_("Đang thực hiện")), 2, BLUE),
            Series(str(_("Quá hạn")), 3, RED),
        ],
        stacked=True,
        note=str(_("Nhiệm vụ giao trong thông báo kết luận đã ban hành; không tính nhiệm vụ đã hủy.")),
    )


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))


def conference_panels(conference: Conference, *, today: date) -> list[Panel]:
    scope = Conference.objects.filter(pk=conference.pk)
    areas = petitions_by_area(scope, conference.organising_unit)
    sites = petitions_by_site(scope)
    # A district's sites are its communes: the area table would repeat the site table, so it is shown only when
    # it folds several sites together (a provincial conference read by district).
    area_panels = []
    if len(areas) < len(sites):
        area_panels.append(
            _counts_panel(
                "dia-ban",
                str(_("Kiến nghị theo địa bàn")),
                str(_("Địa bàn")),
                areas,
                note=str(_("Điểm cầu được gộp theo đơn vị hành chính trực thuộc địa phương tổ chức.")),
            )
        )
    return [
        _counts_panel(
            "nhom-van-de", str(_("Kiến nghị theo nhóm vấn đề")), str(_("Nhóm vấn đề")), petitions_by_issue_group(scope)
        ),
        *area_panels,
        _counts_panel("diem-cau", str(_("Kiến nghị theo điểm cầu")), str(_("Điểm cầu")), sites),
        _counts_panel(
            "kenh", str(_("Kiến nghị theo hình thức tiếp nhận")), str(_("Hình thức")), petitions_by_channel(scope)
        ),
        *_timeliness_panels(answer_timeliness(scope, today=today)),
        _tasks_panel(task_progress_by_agency(scope, today=today)),
    ]


def _year_panels(conferences, *, today: date) -> list[Panel]:
    """Year over year: petitions, answers on time or late, tasks."""
    years = petitions_by_year(conferences)
    timeliness_by_year = {int(t.label): t for t in answer_timeliness(conferences, today=today, by="year")}
    tasks_by_year = task_progress_by_year(conferences, today=today)
    answers = [(y["year"], timeliness_by_year.get(y["year"], Timeliness(label=str(y["year"])))) for y in years]
    tasks = [(y["year"], tasks_by_year.get(y["year"], TaskProgress(str(y["year"])))) for y in years]
    return [
        Panel(
            key="theo-nam",
            title=str(_("Kiến nghị qua các năm")),
            columns=[str(_("Năm")), str(_("Số kiến nghị")), str(_("Đã có trả lời")), str(_("Số hội nghị"))],
            rows=[[str(y["year"]), y["received"], y["resolved"], y["conferences"]] for y in years],
            chart="columns",
            series=[Series(str(_("Số kiến nghị")), 1, BLUE), Series(str(_("Đã có trả lời")), 2, GREEN)],
        ),
        _answers_by_year_panel(answers),
        Panel(
            key="nhiem-vu-theo-nam",
            title=str(_("Nhiệm vụ sau kết luận qua các năm")),
            columns=[str(_("Năm")), str(_("Đã hoàn thành")), str(_("Đang thực hiện")), str(_("Quá hạn"))],
            rows=[[str(y), t.done, t.open, t.overdue] for y, t in tasks],
            chart="columns",
            series=[
                Series(str(_("Đã hoàn thành")), 1, GREEN),
                Series(str(_("Đang thực hiện")), 2, BLUE),
                Series(str(_("Quá hạn")), 3, RED),
            ],
            stacked=True,
        ),
    ]


def _answers_by_year_panel(answers: list[tuple[int, Timeliness]]) -> Panel:
    """Answers on time, late, without a deadline, waiting and overdue, per year (counted per petition)."""
    return Panel(
        key="tra-loi-theo-nam",
        title=str(_("Trả lời đúng hạn, trễ hạn qua các năm")),
        columns=[
            str(_("Năm")),
            str(_("Đúng hạn")),
            str(_("Trễ hạn")),
            str(_("Không giao hạn")),
            str(_("Chờ duyệt")),
            str(_("Quá hạn chưa trả lời")),
            str(_("Tỷ lệ đúng hạn (%)")),
            str(_("Trung vị ngày làm việc")),
        ],
        rows=[
            [str(y), t.on_time, t.late, t.no_deadline, t.waiting, t.overdue, t.on_time_percent, t.median_days]
            for y, t in answers
        ],
        chart="columns",
        series=[
            Series(str(_("Đúng hạn")), 1, GREEN),
            Series(str(_("Trễ hạn")), 2, RED),
            Series(str(_("Không giao hạn")), 3, GREY),
            Series(str(_("Chờ duyệt")), 4, TEAL),
            Series(str(_("Quá hạn chưa trả lời")), 5, ORANGE),
        ],
        stacked=True,
        note=str(
            _(
                "Tính theo kiến nghị: đúng hạn + trễ hạn + không giao hạn bằng số kiến nghị đã có trả lời của năm "
                "(bảng “Kiến nghị qua các năm”)."
            )
        ),
    )


def unit_panels(conferences, unit: AdministrativeUnit, *, today: date) -> list[Panel]:
    """Across years for one organising unit: year over year first, then the same breakdowns over all years."""
    return [
        *_year_panels(conferences, today=today),
        _counts_panel(
            "nhom-van-de",
            str(_("Kiến nghị theo nhóm vấn đề (mọi năm)")),
            str(_("Nhóm vấn đề")),
            petitions_by_issue_group(conferences),
        ),
        _counts_panel(
            "dia-ban",
            str(_("Kiến nghị theo địa bàn (mọi năm)")),
            str(_("Địa bàn")),
            petitions_by_area(conferences, unit),
        ),
        _counts_panel(
            "kenh",
            str(_("Kiến nghị theo hình thức tiếp nhận (mọi năm)")),
            str(_("Hình thức")),
            petitions_by_channel(conferences),
        ),
        *_timeliness_panels(answer_timeliness(conferences, today=today)),
        _tasks_panel(task_progress_by_agency(conferences, today=today)),
    ]


def panel_by_key(panels: list[Panel], key: str) -> Panel | None:
    return next((p for p in panels if p.key == key), None)
