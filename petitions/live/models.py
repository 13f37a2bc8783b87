"""The live layer of a conference: its channel (feed versions, projector link), sessions and queue entries.

Imported at the end of petitions/models.py, so Django registers these models in the petitions app.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from conferences.states import move
from conferences.text import clean, nfc

__all__ = [
    "ENTRY_TRANSITIONS",
    "EntrySource",
    "EntryState",
    "LiveChannel",
    "LiveEntry",
    "LiveEntryQuerySet",
    "LiveSession",
    "LiveSessionQuerySet",
]


# Characters a Word or Excel file cannot hold; typed text from a phone is kept without them (minutes files).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class LiveChannel(models.Model):
    """One per conference, outliving its sessions: the state feed's version counters and the projector link.

    `version` grows on every change of the live state, `public_version` is the value of `version` at the last
    change a projector shows. Both only grow (a deleted rehearsal does not reset them), so a version names one
    state for good and a client's ETag can never match a different state."""

    conference = models.OneToOneField(
        "conferences.Conference", verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="live_channel"
    )
    version = models.PositiveBigIntegerField(_("phiên bản trạng thái"), default=0)
    public_version = models.PositiveBigIntegerField(_("phiên bản trạng thái công khai"), default=0)
    projector_token = models.CharField(_("mã liên kết màn hình"), max_length=64, unique=True, null=True, blank=True)
    token_issued_at = models.DateTimeField(_("thời điểm cấp liên kết màn hình"), null=True, blank=True)
    token_issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cấp liên kết màn hình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kênh trực tiếp của hội nghị")
        verbose_name_plural = _("kênh trực tiếp của hội nghị")

    def __str__(self):
        return str(self.conference)


class LiveSessionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(ended_at__isnull=True)

    def real(self):
        return self.filter(is_rehearsal=False)


class LiveSession(models.Model):
    """The conference is "đang diễn ra" while its session is open. A rehearsal session leaves no trace when stopped."""

    conference = models.ForeignKey(
        "conferences.Conference", verbose_name=_("hội nghị"), on_delete=models.CASCADE, related_name="live_sessions"
    )
    is_rehearsal = models.BooleanField(_("tổng duyệt"), default=False)
    started_at = models.DateTimeField(_("thời điểm bắt đầu"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người bắt đầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kết thúc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LiveSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên trực tiếp")
        verbose_name_plural = _("phiên trực tiếp")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference"], condition=Q(ended_at__isnull=True), name="one_open_live_session_per_conference"
            )
        ]

    def __str__(self):
        return f"{self.conference} – {self.started_at:%d/%m/%Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def dialogue_day(self):
        """The base of written follow-up deadlines: the recorded dialogue date, else the day the session began."""
        return self.conference.held_on or timezone.localdate(self.started_at)


class EntrySource(models.TextChoices):
    COMPILED = "compiled", _("Danh sách tổng hợp")
    LIVE = "live", _("Câu hỏi tại điểm cầu")


class EntryState(models.TextChoices):
    QUEUED = "queued", _("Chờ lên sóng")
    ON_AIR = "on_air", _("Đang lên sóng")
    ANSWERED = "answered", _("Đã trả lời tại chỗ")
    IN_WRITING = "in_writing", _("Trả lời bằng văn bản")
    MERGED = "merged", _("Đã gộp vào câu hỏi tương tự")


ENTRY_TRANSITIONS = {
    EntryState.QUEUED: (EntryState.ON_AIR, EntryState.IN_WRITING, EntryState.MERGED),
    EntryState.ON_AIR: (EntryState.QUEUED, EntryState.ANSWERED, EntryState.IN_WRITING, EntryState.MERGED),
    EntryState.ANSWERED: (),
    EntryState.IN_WRITING: (),
    EntryState.MERGED: (),
}
OPEN_ENTRY_STATES = (EntryState.QUEUED, EntryState.ON_AIR)
DECIDED_ENTRY_STATES = (EntryState.ANSWERED, EntryState.IN_WRITING, EntryState.MERGED)


class LiveEntryQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state__in=OPEN_ENTRY_STATES)

    def decided(self):
        return self.filter(state__in=DECIDED_ENTRY_STATES)

    def for_rows(self):
        return self.select_related("bridge_point", "issue_group", "petition", "responder_agency")

    def shortlist(self):
        """The order the moderator set for what goes on air next."""
        return self.filter(state=EntryState.QUEUED, shortlisted=True).order_by("position", "id")

    def of_sites(self, site_ids):
        return self.filter(bridge_point_id__in=site_ids)

    def for_minutes(self):
        """Everything that was on air or decided, in the order it happened."""
        return (
            self.filter(Q(first_aired_at__isnull=False) | Q(state__in=DECIDED_ENTRY_STATES))
            .for_rows()
            .select_related("merged_into__petition", "assignment__lead_agency")
            .order_by(models.F("first_aired_at").asc(nulls_last=True), "decided_at", "id")
        )


class LiveEntry(models.Model):
    """One question of a session's queue: a petition of the compiled list or a question logged live at a site.

    Its text, site and unit are kept as read on air, so the minutes stay what happened even if the petition is
    edited later. `speaker_name` is private: never on the projector, the feed or the minutes files."""

    session = models.ForeignKey(
        LiveSession, verbose_name=_("phiên trực tiếp"), on_delete=models.CASCADE, related_name="entries"
    )
    source = models.CharField(_("nguồn"), max_length=20, choices=EntrySource.choices)
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("kiến nghị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_entries",
    )
    bridge_point = models.ForeignKey(
        "conferences.BridgePoint",
        verbose_name=_("điểm cầu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issue_group = models.ForeignKey(
        "conferences.IssueGroup",
        verbose_name=_("nhóm vấn đề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content = models.TextField(_("nội dung câu hỏi"))
    submitting_unit = models.CharField(_("đơn vị (như phát biểu)"), max_length=255)
    speaker_name = models.CharField(_("họ tên người phát biểu"), max_length=200, blank=True)
    # Chosen by the operator's form when it is rendered: a re-sent form finds its question instead of adding one.
    client_key = models.UUIDField(_("mã gửi"), null=True, blank=True, unique=True, editable=False)
    state = models.CharField(_("trạng thái"), max_length=20, choices=EntryState.choices, default=EntryState.QUEUED)
    shortlisted = models.BooleanField(_("trong danh sách rút gọn"), default=False)
    position = models.PositiveIntegerField(_("thứ tự lên sóng"), default=0)
    responder_agency = models.ForeignKey(
        "conferences.Agency",
        verbose_name=_("cơ quan trả lời trên sóng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responder_label = models.CharField(_("người trả lời trên sóng"), max_length=255, blank=True)
    first_aired_at = models.DateTimeField(_("thời điểm lên sóng lần đầu"), null=True, blank=True)
    on_air_at = models.DateTimeField(_("thời điểm lên sóng"), null=True, blank=True)
    aired_seconds = models.PositiveIntegerField(_("số giây trên sóng"), default=0)
    answered_by = models.CharField(_("người trả lời"), max_length=255, blank=True)
    answer_summary = models.TextField(_("tóm tắt trả lời"), blank=True)
    answer = models.ForeignKey(
        "petitions.Answer",
        verbose_name=_("trả lời"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignment = models.ForeignKey(
        "petitions.Assignment",
        verbose_name=_("phân công trả lời bằng văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gộp vào câu hỏi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_entries",
    )
    decided_at = models.DateTimeField(_("thời điểm ghi kết quả"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi kết quả"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm ghi"), default=timezone.now)

    objects = LiveEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("câu hỏi trong phiên trực tiếp")
        verbose_name_plural = _("câu hỏi trong phiên trực tiếp")
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "petition"], condition=Q(petition__isnull=False), name="one_live_entry_per_petition"
            )
        ]
        indexes = [
            models.Index(fields=["session", "state"]),
            models.Index(fields=["session", "bridge_point"]),
        ]

    def __str__(self):
        return f"{self.label}: {self.content[:60]}"

    @property
    def label(self) -> str:
        """How the console and the screen name it: the petition number, else the entry's own number."""
        return f"{self.petition.number}" if self.petition_id else f"#{self.pk}"

    @property
    def is_decided(self) -> bool:
        return self.state in DECIDED_ENTRY_STATES

    def seconds_on_air(self, now=None) -> int:
        running = 0
        if self.state == EntryState.ON_AIR and self.on_air_at:
            running = max(0, int(((now or timezone.now()) - self.on_air_at).total_seconds()))
        return self.aired_seconds + running

    def stop_clock(self, now) -> None:
        """Off air: add the running time to the time on air (the caller saves on_air_at and aired_seconds)."""
        if self.on_air_at is not None:
            self.aired_seconds += max(0, int((now - self.on_air_at).total_seconds()))
            self.on_air_at = None

    def set_state(self, target: str) -> str:
        return move(self, field="state", target=target, allowed=ENTRY_TRANSITIONS)

    def tidy(self) -> LiveEntry:
        """NFC, no control characters (save() does it; bulk_create callers call it)."""
        self.content = _CONTROL.sub("", nfc(self.content)).replace("\r\n", "\n").strip()
        self.submitting_unit = clean(_CONTROL.sub("", self.submitting_unit))
        self.speaker_name = clean(_CONTROL.sub("", self.speaker_name))
        self.answered_by = clean(_CONTROL.sub("", self.answered_by))
        self.answer_summary = _CONTROL.sub("", nfc(self.answer_summary)).replace("\r\n", "\n").strip()
        return self

    def save(self, *args, **kwargs):
        self.tidy()
        super().save(*args, **kwargs)
