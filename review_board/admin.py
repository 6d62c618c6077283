"""Cases in the admin are read-only: every change goes through the audited services and workflow."""

from django.contrib import admin

from portal.admin import ReadOnlyAdmin

from .models import Allegation, Case, Panel, PanelSeat, Vote

CASE_WORKFLOW_FIELDS = ["number", "origin", "state", "state_changed_at", "opened_at", "opened_by",
                        "complaint", "public_case", "decided_at", "priority"]


class AllegationInline(admin.TabularInline):
    model = Allegation
    extra = 0
    can_delete = False
    fields = ["officer", "category", "force_level", "finding", "discipline_recommended",
              "discipline_imposed"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["number", "origin", "state", "priority", "opened_at", "assigned_to"]
    list_filter = ["state", "origin", "priority"]
    search_fields = ["number"]
    readonly_fields = [*CASE_WORKFLOW_FIELDS, "assigned_to", "supervisor", "incident_on"]
    fields = readonly_fields
    inlines = [AllegationInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SeatInline(admin.TabularInline):
    model = PanelSeat
    extra = 0
    can_delete = False
    readonly_fields = ["member", "seated_at", "conflict_declared_at", "recused_at", "conflict_note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["case", "kind", "round", "is_active", "formed_at"]
    readonly_fields = ["case", "kind", "formed_by", "formed_at", "round", "is_active"]
    inlines = [SeatInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ["allegation", "seat", "round", "finding", "discipline", "cast_at"]
