"""Addresses of the follow-up journey (namespace `conclusions`, mounted at /ket-luan/)."""

from django.urls import path

from .views import (
    carried_over,
    directive_detail,
    directive_list,
    directive_owner,
    directive_report,
    directive_review,
    monitoring_page,
    monitoring_xlsx_download,
    progress_attachment,
)

urlpatterns = [
    path("nhiem-vu/", directive_list, name="directives"),
    path("nhiem-vu/<int:pk>/", directive_detail, name="directive_detail"),
    path("nhiem-vu/<int:pk>/bao-cao/", directive_report, name="directive_report"),
    path("nhiem-vu/<int:pk>/giao/", directive_owner, name="directive_owner"),
    path("nhiem-vu/<int:pk>/xac-nhan/", directive_review, name="directive_review"),
    path("bao-cao-tien-do/<int:pk>/tep/", progress_attachment, name="progress_attachment"),
    path("hoi-nghi/<slug:slug>/nhiem-vu-chuyen-tiep/", carried_over, name="carried_over"),
    path("theo-doi/", monitoring_page, name="monitoring"),
    path("theo-doi/excel/", monitoring_xlsx_download, name="monitoring_xlsx"),
]
