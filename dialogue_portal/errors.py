"""Error pages in the portal's own layout and words (400, 403, 404, 500, CSRF failure), never Django's bare English.

- The handlers (handler400/403/404/500 in dialogue_portal/urls.py) render templates/errors/: a signed-in user
  gets the portal's menu, an anonymous visitor the public layout; every page offers a way back.
- A 403 says why when the refusal carries a reason (`PermissionDenied("Bạn không thuộc điểm cầu này.")`, raised by
  the getters from the permission functions' reasons, conferences.permissions.denied).
- The 500 page renders without the database (no user, no context processors): it must work when PostgreSQL is
  down, which is often why it is shown.
- `ErrorPagesMiddleware`: with DEBUG on Django answers a 404 with its technical page listing every URL pattern;
  the portal's 404 page replaces it whatever DEBUG says (a traceback for 500 stays a developer's tool).
"""

from urllib.parse import urlparse

from django.http import Http404, HttpRequest, HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

# Marks a response built here, so the middleware never replaces the portal's own page.
PORTAL_PAGE = "portal_error_page"


def _back_url(request: HttpRequest) -> str:
    """The page the visitor came from on this site (a way back without JavaScript), else ''."""
    referer = request.META.get("HTTP_REFERER", "")
    parsed = urlparse(referer)
    if referer and parsed.netloc == request.get_host() and parsed.path != request.path:
        return referer
    return ""


def _render(request, status: int, *, title: str, message: str, reason: str = "") -> HttpResponse:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    context = {
        "status": status,
        "title": title,
        "message": message,
        "reason": reason,
        "back_url": _back_url(request),
        "layout": "base.html" if signed_in else "public/base_public.html",
    }
    response = HttpResponse(loader.render_to_string(f"errors/{status}.html", context, request), status=status)
    setattr(response, PORTAL_PAGE, True)
    return response


@requires_csrf_token
def bad_request(request, exception=None):
    return _render(
        request,
        400,
        title=_("Yêu cầu không hợp lệ"),
        message=_("Cổng không hiểu yêu cầu này (địa chỉ hoặc dữ liệu gửi lên không đúng). Hãy quay lại và thử lại."),
    )


def _reason(exception) -> str:
    """The refusal's own words when it has some (Django's bare PermissionDenied has none)."""
    text = str(exception) if exception is not None else ""
    return text if text and text != "PermissionDenied" else ""


@requires_csrf_token
def permission_denied(request, exception=None):
    return _render(
        request,
        403,
        title=_("Bạn không có quyền mở trang này"),
        message=_("Trang này thuộc phạm vi công việc của vai trò hoặc đơn vị khác."),
        reason=_reason(exception),
    )


@requires_csrf_token
def page_not_found(request, exception=None):
    return _render(
        request,
        404,
        title=_("Không tìm thấy trang"),
        message=_(
            "Địa chỉ không đúng, trang đã được chuyển, hoặc nội dung này không thuộc phạm vi của bạn. "
            "Hãy kiểm tra lại địa chỉ hoặc quay về trang chủ."
        ),
    )


@requires_csrf_token
def server_error(request):
    """No request context: the context processors and the signed-in user need the database, which may be down."""
    content = loader.render_to_string("errors/500.html", {"status": 500})
    response = HttpResponse(content, status=500)
    setattr(response, PORTAL_PAGE, True)
    return response


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: most often a form left open until the session expired, or cookies blocked."""
    return _render(
        request,
        403,
        title=_("Biểu mẫu đã hết hạn"),
        message=_(
            "Biểu mẫu đã mở quá lâu hoặc trình duyệt chặn cookie, nên cổng không nhận được dữ liệu. "
            "Hãy tải lại trang, nhập lại và gửi lần nữa."
        ),
    )


class ErrorPagesMiddleware:
    """The portal's 404 page whatever DEBUG says: a view's Http404 is answered here before Django's technical
    page is built, and a URL nothing matched (DEBUG's page lists every pattern) is replaced on the way out, after
    CommonMiddleware had its chance to add a trailing slash (so this sits above it in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and not getattr(response, PORTAL_PAGE, False) and _unmatched(request):
            return page_not_found(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None


def _unmatched(request) -> bool:
    """No URL pattern matched (the views' own 404 answers, e.g. a JSON lookup, are theirs to word)."""
    return getattr(request, "resolver_match", None) is None
