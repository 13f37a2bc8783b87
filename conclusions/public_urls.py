from .views import public

# Public pages (no login) live under /cong-khai/ with their own namespace.
app_name = "public"

urlpatterns = [*public.urls]
