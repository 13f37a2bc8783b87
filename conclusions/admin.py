from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    ConclusionNotice,
    Directive,
    DirectiveProgress,
    NoticeNumberSequence,
    NoticeSection,
    Notification,
    OutgoingEmail,
    RecipientPreset,
    ReminderRecord,
)


class NoticeSectionInline(admin.StackedInline):
    model = NoticeSection
    extra = 0


class DirectiveInline(admin.StackedInline):
    model = Directive
    extra = 0
    raw_id_fields = ["agency", "section"]


@admin.register(ConclusionNotice)
class ConclusionNoticeAdmin(admin.ModelAdmin):
    list_display = ["conference", "revision", "number_label", "issue_date", "state", "signer_name"]
    list_filter = ["state", "style"]
    raw_id_fields = ["conference", "issuing_agency", "supersedes"]
    readonly_fields = ["pdf_sha256", "issued_at", "issued_by", "published_at"]
    inlines = [NoticeSectionInline, DirectiveInline]


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    list_display = ["heading", "agency", "deadline_kind", "due_date", "status"]
    list_filter = ["status", "deadline_kind"]


admin.site.register(DirectiveProgress)
admin.site.register(RecipientPreset)
admin.site.register(NoticeNumberSequence)


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "to_email", "subject", "state", "attempts", "sent_at"]
    list_filter = ["state", "kind"]
    search_fields = ["to_email", "subject", "dedupe_key"]
    readonly_fields = ["state", "attempts", "last_error", "claimed_at", "next_attempt_at", "sent_at"]
    actions = ["requeue_failed"]

    @admin.action(description=_("Gửi lại các thư gửi thất bại đã chọn"))
    def requeue_failed(self, request, queryset):
        from .outbox import requeue_failed

        count = sum(requeue_failed(pk) for pk in queryset.filter(state="failed").values_list("pk", flat=True))
        self.message_user(request, _("Đã xếp gửi lại %(n)s thư.") % {"n": count})


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "kind", "text", "read_at"]


@admin.register(ReminderRecord)
class ReminderRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "item_key", "stage"]
