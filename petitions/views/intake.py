from django.urls import path  # noqa: F401

# URL patterns of this journey; petitions/urls.py joins them.
urls: list = []
