from django.urls import path

from .views import auth, cases, dashboard, investigation, letters, mail, panels

app_name = "board"

CASE = "cases/<str:number>/"

urlpatterns = [
    path("login/", auth.login, name="login"),
    path("logout/", auth.logout, name="logout"),
    path("verify/", auth.verify, name="verify"),
    path("two-factor/setup/", auth.two_factor_setup, name="two_factor_setup"),
    path("two-factor/recovery-codes/", auth.recovery_codes_renew, name="recovery_codes_renew"),
    path("", dashboard.dashboard, name="dashboard"),
    path("cases.csv", dashboard.case_export, name="case_export"),
    path("mail/requeue/", mail.outbox_requeue_view, name="outbox_requeue"),
    path("complaints/<str:tracking_number>/", cases.complaint_detail, name="complaint_detail"),
    path("complaints/<str:tracking_number>/open-case/", cases.case_open, name="case_open"),
    path("cases/new/own-motion/", cases.case_open_own_motion_view, name="case_open_own_motion"),
    path("cases/new/ia-review/", cases.case_open_ia_review_view, name="case_open_ia_review"),
    path(CASE, cases.case_detail, name="case_detail"),
    path(CASE + "assign/", cases.case_assign_view, name="case_assign"),
    path(CASE + "milestones/<str:milestone>/", cases.case_milestone, name="case_milestone"),
    path(CASE + "allegations/", cases.allegation_create, name="allegation_create"),
    path(CASE + "allegations/<int:allegation_id>/recommendation/", cases.allegation_recommendation,
         name="allegation_recommendation"),
    path(CASE + "allegations/<int:allegation_id>/discipline/", cases.allegation_discipline,
         name="allegation_discipline"),
    path(CASE + "summary/", cases.case_summary, name="case_summary"),
    path(CASE + "move/", cases.case_move, name="case_move"),
    path(CASE + "panel/", panels.panel_create, name="panel_create"),
    path(CASE + "panel/seat/", panels.panel_seat, name="panel_seat"),
    path(CASE + "panel/conflict/", panels.panel_conflict, name="panel_conflict"),
    path(CASE + "allegations/<int:allegation_id>/vote/", panels.panel_vote, name="panel_vote"),
    path(CASE + "evidence/", investigation.evidence_create, name="evidence_create"),
    path(CASE + "evidence/<int:item_id>/", investigation.evidence_download, name="evidence_download"),
    path(CASE + "complaint-files/<int:evidence_id>/", investigation.complaint_file_download,
         name="complaint_file_download"),
    path(CASE + "evidence/<int:item_id>/received/", investigation.evidence_receipt,
         name="evidence_receipt"),
    path(CASE + "interviews/", investigation.interview_create, name="interview_create"),
    path(CASE + "notes/", investigation.note_create, name="note_create"),
    path(CASE + "plan/", investigation.plan_update, name="plan_update"),
    path(CASE + "letter/", letters.letter_html, name="letter_html"),
    path(CASE + "letter.pdf", letters.letter_pdf, name="letter_pdf"),
    path(CASE + "letter/send/", letters.letter_send_view, name="letter_send"),
]
