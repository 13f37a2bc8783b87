from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import (
    ConclusionNotice,
    Directive,
    DirectiveProgress,
    NoticeNumberSequence,
    NoticeRenderJob,
    NoticeSection,
    RecipientPreset,
    RenderJobEvent,
)
from .notices.leases import is_abandoned
from .notices.rendering import render_job_retry
from .signing import admin as signing_admin  # noqa: F401 (registers the seals, trust roots, signed copies)


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


class RenderJobEventInline(admin.TabularInline):
    model = RenderJobEvent
    extra = 0
    can_delete = False
    fields = ["at", "kind", "worker", "detail"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NoticeRenderJob)
class NoticeRenderJobAdmin(admin.ModelAdmin):
    """Background renders with their history; "run again" for failed jobs and those whose worker is gone."""

    list_display = ["id", "notice", "purpose", "fmt", "state", "progress", "attempts", "abandoned", "created_at"]
    list_filter = ["state", "purpose", "fmt"]
    raw_id_fields = ["notice", "requested_by"]
    readonly_fields = [
        "state",
        "progress",
        "message",
        "claim",
        "worker",
        "lease_until",
        "attempts",
        "enqueued_at",
        "started_at",
        "finished_at",
        "sha256",
    ]
    inlines = [RenderJobEventInline]
    actions = ["retry"]

    @admin.display(boolean=True, description=_("mất tiến trình xử lý"))
    def abandoned(self, job):
        return is_abandoned(job)

    @admin.action(description=_("Chạy lại các lượt đã chọn (lỗi hoặc mất tiến trình xử lý)"))
    def retry(self, request, queryset):
        retried = sum(render_job_retry(job=job, actor=request.user) for job in queryset.select_related("notice"))
        self.message_user(
            request,
            ngettext("Đã yêu cầu chạy lại %(n)d lượt.", "Đã yêu cầu chạy lại %(n)d lượt.", retried) % {"n": retried},
            messages.SUCCESS if retried else messages.WARNING,
        )
