from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewBoardConfig(AppConfig):
    name = "review_board"
    verbose_name = _("Review board")
