from django.contrib import admin

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
)


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
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id", "message"]
    list_filter = ["action", "target_type"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
