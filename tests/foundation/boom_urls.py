"""The portal's URLs plus a view that fails, for the 500 page tests."""

from django.urls import path

from dialogue_portal.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [*urlpatterns, path("thu-loi/", boom)]
