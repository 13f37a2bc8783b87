from .public.views import urlpatterns as public_pages

# Public pages (no login) live under /cong-khai/ with their own namespace.
app_name = "public"

urlpatterns = [*public_pages]
