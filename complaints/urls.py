from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("new/", views.complaint_new, name="new"),
    path("status/", views.complaint_status_lookup, name="status_lookup"),
    path("status/<str:tracking_number>/<str:code>/", views.complaint_status_link,
         name="status_link"),
]
