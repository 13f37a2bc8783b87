"""After the 2025 reform: Home Affairs moves old district and commune accounts to their successor units' agencies.

A dry run first (what would move, nothing written), then the same choices applied (each move audited).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .errors import Refused
from .permissions import account_move_area, can_move_accounts


def _choices(post) -> dict[int, int]:
    """{retired agency pk: chosen agency pk} from the form's "move-<pk>" selects ("" keeps the accounts)."""
    chosen = {}
    for key, value in post.items():
        name, _sep, source = key.partition("-")
        if name == "move" and source.isdigit() and value.isdigit():
            chosen[int(source)] = int(value)
    return chosen


@login_required
def account_moves(request):
    if not can_move_accounts(request.user):
        raise PermissionDenied(_("Chỉ Sở/Phòng Nội vụ chuyển tài khoản sau sắp xếp đơn vị hành chính."))
    day, area = timezone.localdate(), account_move_area(request.user)
    proposals = services.account_moves_proposed(day=day, within=area)
    chosen = {m.agency.pk: m.proposed.pk for m in proposals if m.proposed}
    planned = None
    if request.method == "POST":
        chosen = _choices(request.POST)
        apply = request.POST.get("action") == "apply"
        try:
            planned = services.memberships_move(
                choices=chosen, day=day, within=area, actor=request.user, dry_run=not apply
            )
        except Refused as refused:
            messages.error(request, str(refused))
            planned = None
        else:
            if apply:
                messages.success(request, _("Đã chuyển %(n)s tài khoản sang đơn vị kế thừa.") % {"n": len(planned)})
                return redirect("conferences:account_moves")
    return render(
        request,
        "conferences/account_moves.html",
        {"rows": [(m, chosen.get(m.agency.pk)) for m in proposals], "planned": planned, "day": day},
    )
