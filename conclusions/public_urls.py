from django.urls import path

from .public.views import urlpatterns as public_pages
from .signing.views import verify

# Public pages (no login) live under /cong-khai/ with their own namespace.
app_name = "public"

# The verify page comes before the conference pages ("<slug>/").
urlpatterns = [path("kiem-tra-van-ban/", verify, name="verify"), *public_pages]
