from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import accounts, views

admin.site.site_header = _("Cổng đối thoại với thanh niên – Quản trị")
admin.site.site_title = _("Quản trị cổng đối thoại")

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", accounts.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/quen-mat-khau/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/dat-lai-mat-khau/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("hoi-nghi/", include("conferences.urls")),
    path("kien-nghi/", include("petitions.urls")),
    path("truc-tiep/", include("petitions.live.urls")),
    path("cong-khai/", include("conclusions.public_urls")),
    # A person's notices keep the address emails already link to (before the conclusions' own patterns).
    path("ket-luan/thong-bao-cua-toi/", include("conferences.notifications.views")),
    path("ket-luan/", include("conclusions.urls")),
    path("hop-thu-di/", include("conferences.notifications.outbox_views")),
]

# Media is never served statically: attachments and documents go through views that check permissions.

# Error pages in the portal's layout and words (dialogue_portal.errors).
handler400 = "dialogue_portal.errors.bad_request"
handler403 = "dialogue_portal.errors.permission_denied"
handler404 = "dialogue_portal.errors.page_not_found"
handler500 = "dialogue_portal.errors.server_error"
