"""The OpenAPI schema of /api/v1/, its documentation page and Swagger UI (served from static files)."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import path
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views.api_docs import api_docs


# Swagger UI's page carries a small <style> block and its widgets set styles: this page alone
# allows inline styles. Its start-up script is a separate file (the "split" view): no inline script.
@method_decorator(csp_replace({"style-src": [SELF, UNSAFE_INLINE]}), name="dispatch")
class PublicSwaggerView(SpectacularSwaggerSplitView):
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
