from django.urls import path  # noqa: F401

# URL patterns of this part; conclusions/urls.py joins them.
urls: list = []
