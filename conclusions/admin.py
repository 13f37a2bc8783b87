from django.contrib import admin

from .models import ConclusionNotice, Directive, DirectiveProgress, NoticeNumberSequence, NoticeSection, RecipientPreset
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
