from django.urls import path

from .page_cache import public_page
from .views import agencies, browse, corrections, data, officers

app_name = "records"

urlpatterns = [
    path("officers/", public_page(officers.officer_list), name="officer_list"),
    path("officers/<str:public_id>/", public_page(officers.officer_detail), name="officer_detail"),
    path("agencies/<slug:slug>/", public_page(agencies.agency_detail), name="agency_detail"),
    path("allegations/", public_page(browse.allegation_list), name="allegation_list"),
    path("cases/", public_page(browse.case_list), name="case_list"),
    path("cases/<str:public_id>/", public_page(browse.case_detail), name="case_detail"),
    path("districts/", public_page(browse.district_list, intake=True), name="district_list"),
    path("districts/<int:pk>/", public_page(browse.district_detail), name="district_detail"),
    path("commands/<int:pk>/", public_page(browse.command_detail), name="command_detail"),
    path("sources/", public_page(browse.source_list), name="source_list"),
    path("corrections/", public_page(browse.correction_list), name="correction_list"),
    path("corrections/new/<str:table>/<int:pk>/", corrections.correction_new, name="correction_new"),
    path("data/", public_page(data.data_index), name="data_index"),
    path("data/dictionary/", public_page(data.data_dictionary), name="data_dictionary"),
    path("data/<slug:table>.<str:fmt>", data.data_download, name="data_download"),
    path("data/snapshots/<str:covers>/<str:filename>", data.snapshot_file, name="snapshot_file"),
]
