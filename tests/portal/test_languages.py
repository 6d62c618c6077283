import shutil

from django.conf import settings

from portal.settings import base


def test_shipped_languages_are_english_and_spanish():
    assert [code for code, _name in settings.LANGUAGES] == ["en", "es"]


def test_a_third_language_needs_only_its_compiled_catalog(tmp_path, monkeypatch):
    es = settings.LOCALE_PATHS[0] / "es" / "LC_MESSAGES" / "django.mo"
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "es" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(es, tmp_path / "fr" / "LC_MESSAGES" / "django.mo")
    shutil.copy(es, tmp_path / "es" / "LC_MESSAGES" / "django.mo")
    monkeypatch.setattr(base, "LOCALE_PATHS", [tmp_path])
    assert [code for code, _name in base._shipped_languages()] == ["en", "es", "fr"]
    assert dict(base._shipped_languages())["fr"] == "French"
