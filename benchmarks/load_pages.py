"""Which pages the load benchmark drives, picked from the data in the database."""

import random
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Count
from django.urls import Resolver404, resolve

SAMPLE = 500
NAME = "smith"
DEEP_OFFICER_PAGE = 400
DEEP_ALLEGATION_PAGE = 4000
# Pages other parts of the portal may add; measured when they exist.
OPTIONAL_PAGES = [("statistics", "/statistics/"), ("reports", "/reports/")]


@dataclass(frozen=True)
class Page:
    label: str
    path: str  # the path wrk requests; with `sample`, the first of the random paths
    sample: Path | None = None  # a file of paths, one per line, requested at random
    reference: bool = False  # the constant and template views: not held to the targets


def _sample(folder: Path, name: str, paths: list[str]) -> Path:
    file = folder / f"{name}.txt"
    file.write_text("\n".join(paths) + "\n")
    return file


def _officer_paths(queryset) -> list[str]:
    ids = list(queryset.values_list("public_id", flat=True)[:SAMPLE * 4])
    random.Random(14).shuffle(ids)  # noqa: S311 — a sample, not a secret
    return [f"/officers/{public_id}/" for public_id in ids[:SAMPLE]]


def _exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def pages(folder: Path, *, only: str | None = None) -> list[Page]:
    from misconduct_records.models import District, Officer, PublicCase

    few = _officer_paths(Officer.objects.filter(allegation_total__range=(2, 5)).order_by("id"))
    hundreds = Officer.objects.filter(allegation_total__gte=200).order_by("allegation_total").first()
    busiest = Officer.objects.order_by("-allegation_total").first()
    cases = [f"/cases/{c}/" for c in PublicCase.objects.annotate(n=Count("allegations"))
             .filter(n__gte=2).order_by("id").values_list("public_id", flat=True)[:SAMPLE]]
    district = District.objects.annotate(n=Count("cases")).order_by("-n").first()
    result = [
        Page("bare view (constant)", "/bench/constant/", reference=True),
        Page("home template view", "/bench/template/", reference=True),
        Page("home page", "/"),
        Page("/officers/", "/officers/"),
        Page(f"/officers/?page={DEEP_OFFICER_PAGE}", f"/officers/?page={DEEP_OFFICER_PAGE}"),
        Page(f"/officers/?q={NAME}", f"/officers/?q={NAME}"),
        Page("/officers/ filtered, sorted", "/officers/?has_sustained=true&sort=-allegations&page=3"),
        Page("/allegations/", "/allegations/"),
        Page(f"/allegations/?page={DEEP_ALLEGATION_PAGE}", f"/allegations/?page={DEEP_ALLEGATION_PAGE}"),
        Page("/allegations/ filtered", "/allegations/?finding=sustained&family=force&page=10"),
        Page(f"officer, 2–5 allegations (random of {len(few)})", few[0],
             _sample(folder, "officers-few", few)),
        Page(f"officer, {hundreds.allegation_total} allegations", f"/officers/{hundreds.public_id}/"),
        Page(f"officer, {busiest.allegation_total} allegations (busiest)",
             f"/officers/{busiest.public_id}/"),
        Page(f"case (random of {len(cases)})", cases[0], _sample(folder, "cases", cases)),
        Page("/cases/", "/cases/"),
        Page("/districts/", "/districts/"),
        Page("busiest district", f"/districts/{district.pk}/"),
        Page("/api/v1/officers/", "/api/v1/officers/"),
        Page(f"/api/v1/officers/?q={NAME}", f"/api/v1/officers/?q={NAME}"),
        Page("/api/v1/allegations/", "/api/v1/allegations/"),
        Page("/api/v1/cases/", "/api/v1/cases/"),
        *[Page(label, path) for label, path in OPTIONAL_PAGES if _exists(path)],
    ]
    return [p for p in result if p.reference or not only or only in p.label]
