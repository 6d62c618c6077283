"""The OpenAPI schema of /api/v1/, its documentation page and Swagger UI (served from static files)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .views.api_docs import api_docs


class PublicSwaggerView(SpectacularSwaggerView):
    """The docs only read a read-only API: the page needs no CSRF token, so it sets no cookie."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.render()
        request.META.pop("CSRF_COOKIE_NEEDS_UPDATE", None)
        return response


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", api_docs, name="api_docs"),
    path("docs/swagger/", PublicSwaggerView.as_view(url_name="api_schema"), name="api_swagger"),
]
