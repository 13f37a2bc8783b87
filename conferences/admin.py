from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .deadlines import recompute_open_deadlines
from .models import (
    AdministrativeUnit,
    Agency,
    AuditEvent,
    BridgePoint,
    CalendarOverride,
    Conference,
    IntakeSubmission,
    IssueGroup,
    Membership,
    Notification,
    OutgoingEmail,
    ReminderRecord,
)
from .notifications.services import outbox_resend_failed


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "tier", "parent", "code", "valid_from", "valid_to"]
    list_filter = ["tier", "kind", "valid_to"]
    search_fields = ["name", "name_folded", "code"]
    raw_id_fields = ["parent"]
    filter_horizontal = ["successors"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "abbreviation", "kind", "unit", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "abbreviation", "code"]
    raw_id_fields = ["unit", "successor"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "role", "is_head", "digest_only"]
    list_filter = ["role"]
    raw_id_fields = ["user", "agency"]


class BridgePointInline(admin.TabularInline):
    model = BridgePoint
    raw_id_fields = ["unit"]
    extra = 0


class IssueGroupInline(admin.TabularInline):
    model = IssueGroup
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "organising_unit", "level", "status", "planned_date", "held_on"]
    list_filter = ["year", "level", "status"]
    search_fields = ["title", "theme", "slug"]
    raw_id_fields = ["organising_unit", "organiser"]
    inlines = [IssueGroupInline, BridgePointInline]


@admin.register(BridgePoint)
class BridgePointAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "kind", "unit"]
    list_filter = ["kind", "conference"]
    search_fields = ["name"]
    raw_id_fields = ["unit"]


@admin.register(IssueGroup)
class IssueGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "conference", "position"]
    list_filter = ["conference"]


@admin.register(IntakeSubmission)
class IntakeSubmissionAdmin(admin.ModelAdmin):
    list_display = ["conference", "agency", "submitted_by", "submitted_at", "petition_count"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    """Extra days off / working days on top of the holidays package. Every change recomputes the open deadlines
    (through conferences.deadlines, not a signal) and tells the admin how many moved."""

    list_display = ["date", "weekday", "kind", "reason"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    @admin.display(description=gettext_lazy("thứ"))
    def weekday(self, obj):
        return ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")[obj.date.weekday()]

    def _recompute(self, request, reason: str):
        moved = recompute_open_deadlines(actor=request.user, reason=reason)
        if moved:
            self.message_user(
                request,
                _(
                    "Đã tính lại hạn theo lịch mới: %(n)s phân công đang mở và %(t)s nhiệm vụ của thông báo kết luận "
                    "đổi hạn."
                )
                % {
                    "n": sum(1 for m in moved if m.kind == "assignment"),
                    "t": sum(1 for m in moved if m.kind == "directive"),
                },
                messages.WARNING,
            )
        else:
            self.message_user(request, _("Không có hạn nào đang mở bị ảnh hưởng."), messages.INFO)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._recompute(request, f"{obj.date:%d/%m/%Y} {obj.get_kind_display()}")

    def delete_model(self, request, obj):
        reason = _("bỏ %(day)s khỏi lịch") % {"day": f"{obj.date:%d/%m/%Y}"}
        super().delete_model(request, obj)
        self._recompute(request, reason)

    def delete_queryset(self, request, queryset):
        days = ", ".join(f"{d:%d/%m/%Y}" for d in queryset.values_list("date", flat=True))
        super().delete_queryset(request, queryset)
        self._recompute(request, _("bỏ %(day)s khỏi lịch") % {"day": days})


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id", "message"]
    list_filter = ["action", "target_type"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "channel", "address", "subject", "state", "attempts", "sent_at"]
    list_filter = ["state", "channel", "kind"]
    search_fields = ["to_email", "to_phone", "subject", "dedupe_key"]
    readonly_fields = [
        "state", "attempts", "last_error", "claimed_at", "next_attempt_at", "failing_since", "sent_at",
    ]  # fmt: skip
    actions = ["requeue_failed"]

    @admin.action(description=gettext_lazy("Gửi lại các thư gửi thất bại đã chọn"))
    def requeue_failed(self, request, queryset):
        ids = list(queryset.failed().values_list("pk", flat=True))
        count = outbox_resend_failed(actor=request.user, ids=ids)
        self.message_user(request, _("Đã xếp gửi lại %(n)s thư.") % {"n": count})


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "text", "read_at"]


@admin.register(ReminderRecord)
class ReminderRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "item_key", "stage"]
