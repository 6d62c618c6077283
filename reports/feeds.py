from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import Report
from .presentation import scope_label

FEED_LENGTH = 50


class ReportFeed(Feed):
    feed_type = Atom1Feed
    title = _("Public reports")
    subtitle = _("Monthly, quarterly and annual reports on complaints, cases, findings and discipline.")

    def link(self):
        return reverse("reports:report_list")

    def items(self):
        return Report.objects.published().select_related("agency")[:FEED_LENGTH]

    def item_title(self, item):
        return f"{scope_label(item)}: {item.period.label}"

    def item_description(self, item):
        return _("Computed from the open-data snapshot %(snapshot)s.") % {"snapshot": item.snapshot}

    def item_link(self, item):
        return reverse("reports:report_detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
