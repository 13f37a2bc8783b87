from django.urls import path

from . import reform_views, views

app_name = "conferences"

urlpatterns = [
    path("", views.conference_list, name="list"),
    path("tao-moi/", views.conference_create, name="create"),
    path("chuyen-tai-khoan/", reform_views.account_moves, name="account_moves"),
    path("<slug:slug>/", views.conference_detail, name="detail"),
    path("<slug:slug>/sua/", views.conference_edit, name="edit"),
    path("<slug:slug>/trang-thai/", views.conference_status, name="status"),
    path("<slug:slug>/diem-cau/", views.site_list, name="sites"),
    path("<slug:slug>/diem-cau/tao-theo-ban-do/", views.site_generate, name="site_generate"),
    path("<slug:slug>/diem-cau/<int:pk>/sua/", views.site_edit, name="site_edit"),
    path("<slug:slug>/diem-cau/<int:pk>/xoa/", views.site_delete, name="site_delete"),
    path("<slug:slug>/nhom-van-de/", views.group_list, name="groups"),
    path("<slug:slug>/nhom-van-de/mac-dinh/", views.group_defaults, name="group_defaults"),
    path("<slug:slug>/nhom-van-de/<int:pk>/doi-ten/", views.group_rename, name="group_rename"),
    path("<slug:slug>/nhom-van-de/<int:pk>/thu-tu/", views.group_move, name="group_move"),
    path("<slug:slug>/nhom-van-de/<int:pk>/xoa/", views.group_delete, name="group_delete"),
]
