"""The ground floor's models, one module per subject; imported here so Django and callers find them in one place."""

from .audit import AuditEvent
from .calendar import CalendarOverride, CalendarOverrideKind
from .conference import (
    CONFERENCE_TRANSITIONS,
    BridgePoint,
    BridgePointKind,
    Conference,
    ConferenceForm,
    ConferenceLevel,
    ConferenceQuerySet,
    ConferenceStatus,
    IntakeSubmission,
    IssueGroup,
)
from .forms import FormPost
from .notifications import (
    EMAIL_TRANSITIONS,
    TEXT_CHANNELS,
    EmailState,
    MessageChannel,
    Notification,
    NotificationQuerySet,
    OutgoingEmail,
    OutgoingEmailQuerySet,
    ReminderRecord,
)
from .people import Agency, AgencyKind, AgencyQuerySet, Membership, Role
from .units import LEGACY_END, TWO_TIER_START, AdministrativeUnit, AdministrativeUnitQuerySet, UnitKind

__all__ = [
    "AdministrativeUnit",
    "AdministrativeUnitQuerySet",
    "Agency",
    "AgencyKind",
    "AgencyQuerySet",
    "AuditEvent",
    "BridgePoint",
    "BridgePointKind",
    "CONFERENCE_TRANSITIONS",
    "CalendarOverride",
    "CalendarOverrideKind",
    "Conference",
    "ConferenceForm",
    "ConferenceLevel",
    "ConferenceQuerySet",
    "ConferenceStatus",
    "EMAIL_TRANSITIONS",
    "TEXT_CHANNELS",
    "EmailState",
    "FormPost",
    "MessageChannel",
    "IntakeSubmission",
    "IssueGroup",
    "LEGACY_END",
    "Membership",
    "Notification",
    "NotificationQuerySet",
    "OutgoingEmail",
    "OutgoingEmailQuerySet",
    "ReminderRecord",
    "Role",
    "TWO_TIER_START",
    "UnitKind",
]
