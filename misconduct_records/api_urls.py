from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("officers/", views.OfficerListAPI.as_view(), name="officer_list"),
    path("officers/<str:public_id>/", views.OfficerDetailAPI.as_view(), name="officer_detail"),
]
