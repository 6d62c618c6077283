from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info


def portal(request):
    """The oversight body's name and links to this page in every shipped language."""
    return {
        "portal": settings.PORTAL,
        "language_links": [
            {"code": code, "name": get_language_info(code)["name_local"],
             "url": translate_url(request.get_full_path(), code)}
            for code, _name in settings.LANGUAGES
        ],
    }
