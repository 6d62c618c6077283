from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewBoardConfig(AppConfig):
    name = "review_board"
    verbose_name = _("Review board")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the start-up checks)
