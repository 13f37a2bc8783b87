"""Tasks stored with the old "within the year" kind read as the one deadline engine's "end of year" after the data
migration; the other kinds keep their values."""

import importlib

import pytest
from django.apps import apps

from conclusions.models import Directive
from conclusions.notices.drafting import notice_draft_from_conference
from conferences.deadlines import DeadlineRule

pytestmark = pytest.mark.django_db

migration = importlib.import_module("conclusions.migrations.0006_directive_deadline_rule")


def test_within_year_becomes_end_of_year_and_working_days_stay(world):
    notice = notice_draft_from_conference(conference=world.conference, actor=world.officer)
    section = notice.sections.last()
    old = {"within_year": None, "working_days": 45, "next_conference": None}
    for position, (kind, days) in enumerate(old.items(), start=10):
        Directive.objects.create(
            notice=notice, section=section, position=position, heading=kind, text="x", deadline_kind=kind,
            deadline_days=days,
        )  # fmt: skip
    migration.to_deadline_rule(apps, None)
    kinds = dict(Directive.objects.filter(heading__in=old).values_list("heading", "deadline_kind"))
    assert kinds == {
        "within_year": DeadlineRule.END_OF_YEAR,
        "working_days": DeadlineRule.WORKING_DAYS,
        "next_conference": DeadlineRule.NEXT_CONFERENCE,
    }
    migration.to_deadline_kind(apps, None)
    assert Directive.objects.get(heading="within_year").deadline_kind == "within_year"
