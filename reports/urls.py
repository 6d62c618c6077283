from django.urls import path

from misconduct_records.page_cache import public_page

from . import statistics, views
from .feeds import ReportFeed

app_name = "reports"

urlpatterns = [
    path("reports/", public_page(views.report_list), name="report_list"),
    path("reports/feed/", ReportFeed(), name="report_feed"),
    path("reports/subscribe/", views.subscribe, name="subscribe"),
    path("reports/subscribe/confirm/<str:token>/", views.subscribe_confirm, name="subscribe_confirm"),
    path("reports/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("reports/manage/", views.report_manage, name="report_manage"),
    path("reports/manage/feedback/<int:feedback_id>/", views.feedback_moderation,
         name="feedback_moderation"),
    path("reports/<slug:slug>/", views.report_detail, name="report_detail"),
    path("reports/<slug:slug>/comment/", views.feedback_new, name="feedback_new"),
    path("reports/<slug:slug>/<str:filename>", views.report_file, name="report_file"),
    path("statistics/", public_page(statistics.statistics_page, intake=True), name="statistics"),
]
