"""Every page outside the public site and the login pages sends an anonymous visitor to the login page, whatever
its arguments: no view forgets its login check."""

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

OPEN_NAMESPACES = {"admin", "public"}  # the admin has its own login; the public site is public by design
OPEN_NAMES = {"login", "logout", "set_language", "home"}  # home shows the public entry page to visitors
# A forgotten password is reset without signing in (issue 15).
OPEN_NAMES |= {"password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete"}
SAMPLES = {"IntConverter": 1, "SlugConverter": "lang-son-2024", "StringConverter": "pdf", "PathConverter": "x"}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace, entry


def _staff_pages():
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace in OPEN_NAMESPACES or pattern.name in OPEN_NAMES:
            continue
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        yield pytest.param(name, id=name)


def _sample_url(name: str) -> str:
    """reverse() with a sample value for each argument of whichever route carries that name."""
    namespace, _, short = name.rpartition(":")
    resolver = get_resolver()
    for part in filter(None, namespace.split(":")):
        resolver = resolver.namespace_dict[part][1]
    for _bits, _regex, _defaults, converters in resolver.reverse_dict.getlist(short):
        try:
            return reverse(name, kwargs={key: SAMPLES[type(conv).__name__] for key, conv in converters.items()})
        except (KeyError, NoReverseMatch):
            continue
    raise AssertionError(f"cannot build a URL for {name}")


@pytest.mark.parametrize("name", list(_staff_pages()))
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, name):
    url = _sample_url(name)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in (302, 405), f"{method.__name__.upper()} {url}: {response.status_code}"
        if response.status_code == 302:
            assert response.url.startswith(reverse("login")), f"{url} -> {response.url}"
