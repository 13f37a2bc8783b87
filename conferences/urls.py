from django.urls import path

from . import views

app_name = "conferences"

urlpatterns = [
    path("", views.conference_list, name="list"),
    path("<slug:slug>/", views.conference_detail, name="detail"),
]
