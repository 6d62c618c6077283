from django.urls import path

from . import status_views, views

app_name = "complaints"

urlpatterns = [
    path("new/", views.complaint_new, name="new"),
    path("paper-form.pdf", views.paper_form_pdf, name="paper_form"),
    path("filed/", views.complaint_filed, name="filed"),
    path("draft/<str:token>/saved/", views.draft_saved, name="draft_saved"),
    path("draft/<str:token>/<slug:step>/", views.draft_step, name="draft_step"),
    path("status/", status_views.complaint_status_lookup, name="status_lookup"),
    path("status/yours/", status_views.complaint_status, name="status"),
    path("status/link/<str:token>/", status_views.complaint_status_link, name="status_link"),
    path("status/add/", status_views.complaint_add_information_view, name="add_information"),
    path("status/withdraw/", status_views.complaint_withdraw_view, name="withdraw"),
    path("receipt/", status_views.complaint_receipt_pdf, name="receipt"),
    # Retired links that carried the code: they show the form and never read the code.
    path("status/<str:tracking_number>/<str:code>/", status_views.complaint_status_link_retired,
         name="status_link_retired"),
]
