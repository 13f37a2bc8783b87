"""The admin speaks Vietnamese: no field or model falls back to Django's English name built from the code."""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.text import camel_case_to_spaces, capfirst

from petitions.models import Petition
from tests.factories import PetitionFactory, UserFactory

APPS = ("conferences", "petitions", "conclusions")
MODELS = [model for label in APPS for model in apps.get_app_config(label).get_models()]


def _fields(model):
    return [*model._meta.concrete_fields, *model._meta.local_many_to_many]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_field_has_a_label_of_its_own_not_the_english_one_made_from_its_name(model):
    generated = [f.name for f in _fields(model) if str(f.verbose_name) == f.name.replace("_", " ")]
    assert generated == []


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_model_has_a_singular_and_plural_name_of_its_own(model):
    opts = model._meta
    assert str(opts.verbose_name) != camel_case_to_spaces(model.__name__)
    assert str(opts.verbose_name_plural) != f"{camel_case_to_spaces(model.__name__)}s"


@pytest.mark.django_db
def test_petition_list_in_the_admin_shows_the_conference_column_and_filter_in_vietnamese(client):
    # Two conferences, or the admin hides a filter with a single choice.
    PetitionFactory()
    PetitionFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("admin:petitions_petition_changelist"))

    assert response.status_code == 200
    html = response.content.decode()
    label = str(Petition._meta.get_field("conference").verbose_name)
    assert label == "hội nghị"
    column = re.search(r'<th scope="col" class="[^"]*\bcolumn-conference\b[^"]*">(.*?)</th>', html, re.S)
    assert column, "no conference column in the petition list"
    assert f">{capfirst(label)}</a>" in column.group(1)
    assert f'data-filter-title="{label}"' in html
    assert ">Conference<" not in html
    assert 'data-filter-title="conference"' not in html
