from .views import followup, notices

app_name = "conclusions"

urlpatterns = [*notices.urls, *followup.urls]
