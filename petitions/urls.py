from .views import answering, intake

app_name = "petitions"

urlpatterns = [*intake.urls, *answering.urls]
