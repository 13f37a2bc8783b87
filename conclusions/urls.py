from .views import followup, notices, stats

app_name = "conclusions"

urlpatterns = [*notices.urls, *followup.urls, *stats.urls]
