"""Policy records in the admin, read-only: every change goes through the services and the
lifecycles (with their role checks and audit events), never through the admin."""

from django.contrib import admin

from portal.admin import ReadOnlyAdmin

from .models import DepartmentResponse, Meeting, PolicyStanding, Recommendation


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["number", "title", "area", "state", "published_on"]
    list_filter = ["state", "area"]


@admin.register(DepartmentResponse)
class DepartmentResponseAdmin(ReadOnlyAdmin):
    list_display = ["recommendation", "state", "due_on", "responded_on"]
    list_filter = ["state"]


@admin.register(PolicyStanding)
class PolicyStandingAdmin(ReadOnlyAdmin):
    list_display = ["agency", "measure", "adoption", "as_of"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "starts_at", "state"]
