from .followup.urls import urlpatterns as followup_pages
from .notices.urls import urlpatterns as notice_pages
from .stats.views import urlpatterns as statistics_pages

app_name = "conclusions"

urlpatterns = [*notice_pages, *followup_pages, *statistics_pages]
