"""What a person's daily digest says: sections in a fixed order, capped, escalations grouped per agency; and the
in-app entries that go with it."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from ...models import Notification
from .. import outbox
from .kinds import DIGEST_AGENCY_LIMIT, DIGEST_SECTION_LIMIT, GROUP_ORDER, GROUP_TITLES, Group, Reminder

# Where an escalation links: the follow-up list of one agency's overdue work (by URL name: no import upwards).
ESCALATION_LIST = "conclusions:monitoring"
FULL_LIST = "notifications:list"


def _url_plain(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def escalation_url(agency_id: int | None) -> str:
    base = _url_plain(ESCALATION_LIST)
    return f"{base}?agency={agency_id}&only_overdue=on" if base and agency_id else base


def _digest_item(r: Reminder) -> dict:
    return {"text": r.text, "url": outbox.absolute_url(r.url)}


def _escalations_by_agency(rows: list[Reminder]) -> list[dict]:
    by_agency: dict[tuple[str, int | None], list[Reminder]] = defaultdict(list)
    for r in rows:
        by_agency[(r.agency, r.agency_id)].append(r)
    return [
        {
            "name": name,
            "count": len(items),
            "items": [_digest_item(r) for r in items[:DIGEST_AGENCY_LIMIT]],
            "more": max(0, len(items) - DIGEST_AGENCY_LIMIT),
            "more_url": outbox.absolute_url(escalation_url(agency_id)),
        }
        for (name, agency_id), items in sorted(by_agency.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))
    ]


def sections(reminders: list[Reminder]) -> list[dict]:
    """Digest sections in a fixed order, each capped with a link to the rest; escalations grouped by agency."""
    grouped: dict[str, list[Reminder]] = defaultdict(list)
    for r in reminders:
        grouped[r.group].append(r)
    full_list = outbox.absolute_url(_url_plain(FULL_LIST))
    out = []
    for group in GROUP_ORDER:
        rows = grouped.get(group)
        if not rows:
            continue
        rows.sort(key=lambda r: (r.agency, -r.days_overdue, r.due or date.max, r.item_key))
        section = {"key": group, "title": GROUP_TITLES[group], "count": len(rows)}
        if group == Group.ESCALATED:
            section["agencies"] = _escalations_by_agency(rows)
        else:
            section["items"] = [_digest_item(r) for r in rows[:DIGEST_SECTION_LIMIT]]
            section["more"] = max(0, len(rows) - DIGEST_SECTION_LIMIT)
            section["more_url"] = full_list
        out.append(section)
    return out


def notifications_for(user, new: list[Reminder], day: date) -> list[Notification]:
    """One in-app entry per item; escalations one per agency and day ('Sở X: 12 việc quá hạn ...')."""
    notes = [
        Notification(
            user=user, kind=f"reminder:{r.group}", text=r.text[:500], url=r.url, dedupe_key=f"{r.item_key}:{r.stage}"
        )
        for r in new
        if r.group != Group.ESCALATED
    ]
    escalated = Counter((r.agency, r.agency_id) for r in new if r.group == Group.ESCALATED)
    for (agency, agency_id), count in escalated.items():
        text = _("%(agency)s: %(n)s việc quá hạn từ 5 ngày làm việc trở lên") % {"agency": agency, "n": count}
        notes.append(
            Notification(
                user=user,
                kind=f"reminder:{Group.ESCALATED}",
                text=text,
                url=escalation_url(agency_id),
                dedupe_key=f"escalated:{day.isoformat()}:agency:{agency_id}",
            )
        )
    return notes
