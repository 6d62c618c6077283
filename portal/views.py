from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .health import readiness


def home(request):
    return render(request, "home.html")


def healthz(request):
    """The process is alive and answers; what it depends on is /readyz's business."""
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    """Each part the portal needs, separately; 503 when a required part is not ok."""
    ready, parts = readiness()
    return JsonResponse({"status": "ok" if ready else "failing", "parts": parts},
                        status=200 if ready else 503)
