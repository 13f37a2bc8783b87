"""Petition numbers are per conference and unique, also when people save at the same moment."""

import threading

import pytest
from django.db import connection, connections

from petitions.models import Petition
from petitions.services import intake
from petitions.services.intake import numbering
from tests.factories import PetitionFactory


def _values(world, i):
    return {
        "content": f"Kiến nghị đồng thời số {i} về việc làm cho thanh niên",
        "submitting_unit": "Đoàn xã Tân Minh",
        "bridge_point": world.sites["Tân Minh"],
        "channel": "form",
    }


@pytest.mark.django_db
def test_a_clash_on_the_number_is_retried_with_the_next_number(world, monkeypatch):
    PetitionFactory(conference=world.conference, number=1)
    real = numbering.next_number
    calls = []

    def stale_first(conference):
        calls.append(1)
        # The first attempt reads before the other save commits and picks the number that is already taken.
        return 1 if len(calls) == 1 else real(conference)

    monkeypatch.setattr(numbering, "next_number", stale_first)
    petition = intake.petition_create(
        conference=world.conference, actor=world.union, values=_values(world, 0), sub_questions=[]
    )
    assert petition.number == 2 and len(calls) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks and parallel connections")
@pytest.mark.django_db(transaction=True)
def test_eight_people_saving_at_once_get_eight_different_numbers(world):
    barrier = threading.Barrier(8)
    errors = []

    def save(i):
        try:
            barrier.wait()
            intake.petition_create(
                conference=world.conference, actor=world.union, values=_values(world, i), sub_questions=["Một?"]
            )
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Petition.objects.filter(conference=world.conference).values_list("number", flat=True))
    assert numbers == list(range(1, 9))
