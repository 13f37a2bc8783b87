"""Issue 16 item 12: every page answers with the Content-Security-Policy, and no template writes inline script, an
inline event handler, a <style> block or a style attribute the policy would block (JavaScript lives in static/js,
data in data-* attributes or json_script). The live console, not merged yet, is held to the same test."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
# Emails are not pages (mail clients need inline styles); documents and reports are laid out by WeasyPrint.
NOT_PAGES = ("templates/emails/", "templates/conclusions/documents/", "templates/conclusions/reports/")
INLINE = {
    "inline script": re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:json|ld\+json)\")[^>]*>", re.I),
    "event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "style block": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "javascript: link": re.compile(r"href\s*=\s*[\"']?\s*javascript:", re.I),
}


def _templates():
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]:
        for path in folder.rglob("*.html"):
            relative = path.relative_to(ROOT).as_posix()
            if not relative.startswith(NOT_PAGES) and ".venv" not in relative:
                yield relative


def _inline(html: str) -> list[str]:
    return [f"{kind}: {match.group(0)[:120]}" for kind, rx in INLINE.items() for match in rx.finditer(html)]


def test_no_template_writes_inline_script_or_style():
    templates = sorted(_templates())
    assert len(templates) > 50
    found = {relative: _inline((ROOT / relative).read_text()) for relative in templates}
    assert {relative: inline for relative, inline in found.items() if inline} == {}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                yield from _walk(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def _url(name: str, samples: dict) -> str | None:
    namespace, _, short = name.rpartition(":")
    resolver = get_resolver()
    for part in filter(None, namespace.split(":")):
        resolver = resolver.namespace_dict[part][1]
    for _bits, _regex, _defaults, converters in resolver.reverse_dict.getlist(short):
        try:
            return reverse(name, kwargs={key: samples[key] for key in converters})
        except (KeyError, NoReverseMatch):
            continue
    return None


@pytest.fixture
def samples(demo):
    from conclusions.models import ConclusionNotice, Directive
    from petitions.models import Petition

    notice = ConclusionNotice.objects.order_by("pk").first()
    return {
        "slug": "trang-dinh-2024",
        "pk": Petition.objects.filter(conference__slug="trang-dinh-2024").order_by("pk").first().pk,
        "number": 1,
        "revision": 1,
        "kind": "pdf",
        "fmt": "pdf",
        "job_pk": 1,
        "notice_pk": notice.pk if notice else 1,
        "directive_pk": (Directive.objects.order_by("pk").first() or notice).pk,
    }


def test_every_page_answers_with_the_policy_and_none_carries_inline_script(client, samples):
    pages = {}
    for who in ("noivu_tinh", "doan_trangdinh", "canbo_noivu", "lanhdao", None):
        client.logout()
        if who:
            client.force_login(get_user_model().objects.get(username=who))
        for name in _walk(get_resolver().url_patterns):
            url = _url(name, samples)
            if url is None or name in ("logout",):
                continue
            response = client.get(url)
            assert "Content-Security-Policy" in response, f"{who} {url}: {response.status_code}"
            policy = response["Content-Security-Policy"]
            assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
            if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
                pages[url] = _inline(response.content.decode())
    assert len(pages) > 25, sorted(pages)
    for needed in ("petitions:list", "conferences:detail", "conclusions:stats_overview", "home"):
        assert _url(needed, samples) in pages, needed
    assert {url: found for url, found in pages.items() if found} == {}
    admin = client.get("/admin/login/")
    assert "Content-Security-Policy" in admin
