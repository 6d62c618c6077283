from django.core.paginator import Paginator

PAGE_SIZE = 50


def page_of(queryset, request, per_page: int = PAGE_SIZE):
    """One page of a list; a page number out of range gives the last page, never an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
