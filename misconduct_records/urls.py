from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/<str:public_id>/", views.officer_detail, name="officer_detail"),
]
