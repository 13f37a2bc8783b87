from datetime import date

from conferences.services import conference_date_warnings


def codes(**kwargs):
    return [w.code for w in conference_date_warnings(**kwargs)]


def test_a_plan_published_29_days_before_the_dialogue_is_flagged_and_30_days_is_not():
    assert codes(planned_date=date(2024, 3, 26), plan_published_on=date(2024, 2, 26)) == ["plan_too_late"]
    assert codes(planned_date=date(2024, 3, 26), plan_published_on=date(2024, 2, 25)) == []


def test_the_plan_date_stands_in_when_no_publication_date_is_given():
    warning = conference_date_warnings(planned_date=date(2024, 3, 26), plan_date=date(2024, 3, 10))[0]
    assert warning.code == "plan_too_late"
    assert "10/03/2024" in warning.message and "16 ngày" in warning.message and "26/03/2024" in warning.message


def test_a_dialogue_outside_march_is_noted_but_march_is_not():
    assert codes(planned_date=date(2024, 4, 12)) == ["outside_march"]
    assert codes(planned_date=date(2024, 3, 31)) == []


def test_intake_deadlines_after_the_dialogue_are_flagged_each():
    found = codes(
        planned_date=date(2024, 3, 20), site_intake_deadline=date(2024, 3, 21), union_intake_deadline=date(2024, 3, 22)
    )
    assert found == ["intake_after_dialogue", "intake_after_dialogue"]


def test_sites_deadline_after_the_youth_union_deadline_is_flagged():
    found = codes(
        planned_date=date(2024, 3, 26), site_intake_deadline=date(2024, 3, 12), union_intake_deadline=date(2024, 3, 10)
    )
    assert found == ["site_after_union"]


def test_the_held_date_wins_over_the_planned_date():
    assert codes(planned_date=date(2024, 3, 26), held_on=date(2024, 4, 2)) == ["outside_march"]


def test_the_2024_plan_of_seed_001_with_a_late_march_dialogue_raises_nothing():
    assert (
        codes(
            planned_date=date(2024, 3, 26),
            plan_date=date(2024, 2, 21),
            site_intake_deadline=date(2024, 3, 5),
            union_intake_deadline=date(2024, 3, 10),
        )
        == []
    )
