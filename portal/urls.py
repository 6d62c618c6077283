from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("api/v1/", include("misconduct_records.api_urls")),
    path("api/v1/policy/", include("policy.api_urls")),
    path("api/", include("misconduct_records.api_docs_urls")),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("complaints/", include("complaints.urls")),
    path("board/policy/", include("policy.staff_urls")),
    path("board/", include("review_board.urls")),
    path("policy/", include("policy.urls")),
    path("", include("misconduct_records.urls")),
    path("", include("reports.urls")),
    prefix_default_language=False,
)

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
