"""/truc-tiep/<slug>/...: the dialogue day (namespace "live", mounted in dialogue_portal/urls.py)."""

from django.urls import path

from .views import console, entries, feed, minutes, operator, screen

app_name = "live"

urlpatterns = [
    path("<slug:slug>/trang-thai/", feed.state_feed, name="feed"),
    path("<slug:slug>/man-hinh/", screen.screen, name="screen"),
    path("<slug:slug>/diem-cau/", operator.operator, name="operator"),
    path("<slug:slug>/dieu-hanh/", console.console, name="console"),
    path("<slug:slug>/dieu-hanh/cap-nhat/", console.console_fragment, name="console_fragment"),
    path("<slug:slug>/dieu-hanh/bat-dau/", console.session_start, name="start"),
    path("<slug:slug>/dieu-hanh/ket-thuc/", console.session_stop, name="stop"),
    path("<slug:slug>/dieu-hanh/them-danh-sach/", console.compiled_list_copy, name="compiled_list_copy"),
    path("<slug:slug>/dieu-hanh/lien-ket-man-hinh/", console.projector_link_issue, name="projector_link_issue"),
    path(
        "<slug:slug>/dieu-hanh/lien-ket-man-hinh/thu-hoi/", console.projector_link_revoke, name="projector_link_revoke"
    ),
    path("<slug:slug>/dieu-hanh/cau-hoi/<int:pk>/", entries.entry_detail, name="entry"),
    path("<slug:slug>/dieu-hanh/cau-hoi/<int:pk>/chon/", entries.entry_shortlist, name="entry_shortlist"),
    path("<slug:slug>/dieu-hanh/cau-hoi/<int:pk>/thu-tu/", entries.entry_move, name="entry_move"),
    path("<slug:slug>/dieu-hanh/cau-hoi/<int:pk>/len-song/", entries.entry_on_air, name="entry_on_air"),
    path("<slug:slug>/dieu-hanh/cau-hoi/<int:pk>/nguoi-tra-loi/", entries.entry_set_responder, name="entry_responder"),
    path("<slug:slug>/dieu-hanh/cau-hoi/<int:pk>/ve-hang-doi/", entries.entry_back_to_queue, name="entry_back"),
    path("<slug:slug>/dieu-hanh/cau-hoi/<int:pk>/da-tra-loi/", entries.entry_answered, name="entry_answered"),
    path("<slug:slug>/dieu-hanh/cau-hoi/<int:pk>/van-ban/", entries.entry_in_writing, name="entry_in_writing"),
    path("<slug:slug>/dieu-hanh/cau-hoi/<int:pk>/gop/", entries.entry_merge, name="entry_merge"),
    path("<slug:slug>/bien-ban/", minutes.minutes_page, name="minutes"),
    path("<slug:slug>/bien-ban/docx/", minutes.minutes_docx_download, name="minutes_docx"),
    path("<slug:slug>/bien-ban/xlsx/", minutes.minutes_xlsx_download, name="minutes_xlsx"),
]
