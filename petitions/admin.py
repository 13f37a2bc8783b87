from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Answer,
    AnswerRevision,
    Assignment,
    ImportBatch,
    Petition,
    PetitionAttachment,
    SubQuestion,
)


class SubQuestionInline(admin.TabularInline):
    model = SubQuestion
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = PetitionAttachment
    extra = 0
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ["number", "short_content", "submitting_unit", "conference", "issue_group", "status"]
    list_filter = ["conference", "status", "channel", "raised_live"]
    search_fields = ["content", "submitting_unit", "search_text"]
    raw_id_fields = ["bridge_point", "issue_group", "duplicate_of", "import_batch"]
    inlines = [SubQuestionInline, AttachmentInline]

    @admin.display(description=_("Nội dung"))
    def short_content(self, obj):
        return obj.content[:90]


class AnswerRevisionInline(admin.TabularInline):
    model = AnswerRevision
    extra = 0
    readonly_fields = ["version", "state", "action", "actor", "comment", "created_at", "text"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["petition", "sub_question", "agency", "state", "answered_at_conference", "version"]
    list_filter = ["state", "answered_at_conference", "agency"]
    search_fields = ["text", "petition__content"]
    raw_id_fields = ["petition", "sub_question", "assignment"]
    inlines = [AnswerRevisionInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["petition", "sub_question", "lead_agency", "stage", "due_date", "due_rule", "status"]
    list_filter = ["status", "stage", "due_rule", "lead_agency"]
    raw_id_fields = ["petition", "sub_question"]
    filter_horizontal = ["coordinating_agencies"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["original_name", "conference", "uploaded_by", "uploaded_at", "status", "imported_count"]
