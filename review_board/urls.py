from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "board"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="review_board/login.html",
                                                redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
    path("complaints/<str:tracking_number>/", views.complaint_detail, name="complaint_detail"),
    path("complaints/<str:tracking_number>/open-case/", views.case_open, name="case_open"),
    path("cases/<str:number>/", views.case_detail, name="case_detail"),
    path("cases/<str:number>/allegations/", views.allegation_create, name="allegation_create"),
    path("cases/<str:number>/allegations/<int:allegation_id>/finding/",
         views.allegation_finding, name="allegation_finding"),
    path("cases/<str:number>/summary/", views.case_summary, name="case_summary"),
    path("cases/<str:number>/move/", views.case_move, name="case_move"),
]
