"""The portal's URLs plus the load benchmark's two reference views (benchmark settings only)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from .urls import urlpatterns as portal_urlpatterns


def constant(request):
    """The cheapest response Django can give: the ceiling of the stack itself."""
    return HttpResponse(b"ok", content_type="text/plain")


def home_template(request):
    """The home page's template and nothing else: what a page costs before any data."""
    return render(request, "home.html")


urlpatterns = [
    path("bench/constant/", constant),
    path("bench/template/", home_template),
    *portal_urlpatterns,
]
