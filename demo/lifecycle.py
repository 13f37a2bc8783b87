"""A demo conference is set up the way Home Affairs sets one up: through the conference service, with its sites and
issue groups, recorded at the stage its documents show (each status move checked and audited by the service)."""

from conferences.models import Conference, ConferenceStatus
from conferences.services import conference_create


def conference(
    slug: str,
    *,
    actor,
    values: dict,
    status: str = ConferenceStatus.PLANNING,
    generate_sites: bool = True,
    issue_groups: list[str] | None = None,
) -> Conference:
    """The conference `slug`, created through the service when it is not there yet (found again on a re-run)."""
    found = Conference.objects.filter(slug=slug).first()
    if found is not None:
        return found
    created = conference_create(
        actor=actor, values=values, generate_sites=generate_sites, issue_groups=issue_groups, status=status
    )
    if created.slug != slug:
        raise AssertionError(f"demo conference got slug {created.slug!r}, expected {slug!r}")
    return created
