"""Home Affairs merges duplicate petitions into the one that is kept, and undoes a merge."""

from django.db import transaction
from django.utils.translation import gettext as _

from conferences.audit import record
from conferences.errors import Refused
from conferences.locking import bump, locked

from ...models import Petition, PetitionStatus


@transaction.atomic
def petition_merge(*, duplicate: Petition, into: Petition, actor) -> Petition:
    """Home Affairs merges a duplicate into the petition that is kept.

    The duplicate keeps its number and a link to the kept one (status "merged"); the kept petition then lists the
    submitting unit of every petition merged into it. Duplicates of the duplicate move along to the kept one.
    """
    duplicate = locked(Petition.objects.all(), pk=duplicate.pk, version=None)
    into = locked(Petition.objects.all(), pk=into.pk, version=None)
    if duplicate.pk == into.pk:
        raise Refused(_("Không thể gộp một kiến nghị vào chính nó."))
    if duplicate.conference_id != into.conference_id:
        raise Refused(_("Chỉ gộp được các kiến nghị của cùng một hội nghị."))
    if into.is_merged:
        raise Refused(
            _("Kiến nghị số %(n)s đã được gộp vào kiến nghị khác; hãy gộp vào kiến nghị được giữ lại.")
            % {"n": into.number}
        )
    if duplicate.assignments.open().exists():
        raise Refused(
            _("Kiến nghị số %(n)s đang được giao cho cơ quan trả lời; hãy thu hồi phân công trước khi gộp.")
            % {"n": duplicate.number}
        )
    moved = Petition.objects.filter(duplicate_of=duplicate).update(duplicate_of=into)
    duplicate.set_status(PetitionStatus.MERGED)
    duplicate.duplicate_of = into
    bump(duplicate)
    duplicate.save()
    for target in (duplicate, into):
        record(
            actor=actor,
            action="petition.merge",
            target=target,
            conference=into.conference,
            message=_("Gộp kiến nghị số %(d)s vào kiến nghị số %(k)s") % {"d": duplicate.number, "k": into.number},
            duplicate=duplicate.pk,
            kept=into.pk,
            moved=moved,
        )
    into.refresh_from_db()
    return into


@transaction.atomic
def petition_unmerge(*, petition: Petition, actor) -> Petition:
    """Undo a merge: the petition stands on its own again (received)."""
    petition = locked(Petition.objects.select_related("duplicate_of"), pk=petition.pk, version=None)
    kept = petition.duplicate_of
    petition.set_status(PetitionStatus.RECEIVED)
    petition.duplicate_of = None
    bump(petition)
    petition.save()
    record(
        actor=actor,
        action="petition.unmerge",
        target=petition,
        conference=petition.conference,
        message=_("Tách kiến nghị số %(n)s khỏi kiến nghị số %(k)s")
        % {"n": petition.number, "k": kept.number if kept else "?"},
    )
    return petition
