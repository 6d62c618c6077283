"""Admin lists show no names, contacts or stories: only what identifies the record itself."""

from django.contrib import admin

from .models import Complaint, WithdrawalRequest


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["tracking_number", "received_at", "acknowledge_by", "acknowledged_at", "filer_role", "anonymous",
                    "language", "district"]
    list_filter = ["filer_role", "anonymous", "language"]
    search_fields = ["tracking_number"]
    # Identity is read on the audited staff page, never in the admin.
    fields = ["tracking_number", "received_at", "acknowledge_by", "acknowledged_at", "filer_role", "language",
              "district", "anonymous"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WithdrawalRequest)
class WithdrawalRequestAdmin(admin.ModelAdmin):
    list_display = ["complaint", "requested_at", "handled_at"]
    fields = ["complaint", "requested_at", "handled_at"]
    readonly_fields = ["complaint", "requested_at"]
