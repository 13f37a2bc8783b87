"""Addresses of the notice journey (namespace `conclusions`, mounted at /ket-luan/)."""

from django.urls import path

from ..signing import views as signing_views
from . import appendix_views, editing_views, file_views, views

urlpatterns = [
    path("thong-bao/", views.notice_list, name="notice_list"),
    path("hoi-nghi/<slug:slug>/thong-bao/", views.conference_notice, name="conference_notice"),
    path("thong-bao/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("thong-bao/<int:pk>/sua/", editing_views.notice_edit, name="notice_edit"),
    path("thong-bao/<int:pk>/phan/them/", editing_views.section_edit, name="section_add"),
    path("thong-bao/<int:pk>/phan/<int:section_pk>/sua/", editing_views.section_edit, name="section_edit"),
    path("thong-bao/<int:pk>/phan/<int:section_pk>/xoa/", editing_views.section_delete, name="section_delete"),
    path(
        "thong-bao/<int:pk>/phan/<int:section_pk>/len/",
        editing_views.section_move,
        {"direction": "len"},
        name="section_up",
    ),
    path(
        "thong-bao/<int:pk>/phan/<int:section_pk>/xuong/",
        editing_views.section_move,
        {"direction": "xuong"},
        name="section_down",
    ),
    path("thong-bao/<int:pk>/phan/<int:section_pk>/nhiem-vu/them/", editing_views.directive_edit, name="directive_add"),
    path("thong-bao/<int:pk>/nhiem-vu/<int:directive_pk>/sua/", editing_views.directive_edit, name="directive_edit"),
    path(
        "thong-bao/<int:pk>/nhiem-vu/<int:directive_pk>/xoa/", editing_views.directive_remove, name="directive_delete"
    ),
    path("thong-bao/<int:pk>/phu-luc/them/", appendix_views.appendix_edit, name="appendix_add"),
    path("thong-bao/<int:pk>/phu-luc/<int:appendix_pk>/sua/", appendix_views.appendix_edit, name="appendix_edit"),
    path("thong-bao/<int:pk>/phu-luc/<int:appendix_pk>/xoa/", appendix_views.appendix_delete, name="appendix_delete"),
    path("thong-bao/<int:pk>/ban-hanh/", views.notice_issue_page, name="notice_issue"),
    path("thong-bao/<int:pk>/sua-doi/", views.notice_revise, name="notice_revise"),
    path("thong-bao/<int:pk>/tai/<str:fmt>/", file_views.notice_download, name="notice_download"),
    path("thong-bao/<int:pk>/ban-ky-so/", signing_views.signed_upload, name="notice_signed_upload"),
    path("thong-bao/<int:pk>/tao-tep/<int:job_pk>/", file_views.render_job, name="render_job"),
    path("thong-bao/<int:pk>/tao-tep/<int:job_pk>/trang-thai/", file_views.render_job_status, name="render_job_status"),
    path("thong-bao/<int:pk>/tao-tep/<int:job_pk>/tai/", file_views.render_job_file, name="render_job_file"),
    path(
        "thong-bao/<int:pk>/tao-tep/<int:job_pk>/chay-lai/", file_views.render_job_retry_view, name="render_job_retry"
    ),
]
