"""Walk the step-by-step complaint form with Django's test client."""

import re

from django.urls import reverse

STEP_URL_RE = re.compile(r"/complaints/draft/(?P<token>[A-Za-z0-9_-]+)/(?P<step>[a-z]+)/")

INCIDENT_FIELDS = ("filer_role", "narrative", "occurred_on", "occurred_time",
                   "occurred_approximately", "location", "district")


def _formset(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def step_payloads(answers: dict) -> list[tuple[str, dict]]:
    """What each step posts, from one flat dict of answers (the skeleton's RITA shape)."""
    officers = answers.get("officers") or (
        [{"description": answers["officer_details"]}] if answers.get("officer_details") else [{}])
    pick = lambda *names: {n: answers[n] for n in names if n in answers}  # noqa: E731
    return [
        ("incident", pick(*INCIDENT_FIELDS)),
        ("officers", _formset("officers", officers)),
        ("conduct", pick("conduct", "force_level", "conduct_other")),
        ("people", {**pick("affected_name", "affected_contact", "affected_details"),
                    **_formset("witnesses", answers.get("witnesses", []))}),
        ("evidence", pick("evidence_notes")),
        ("contact", pick("contact_name", "contact_email", "contact_phone")),
    ]


def start_draft(client, incident: dict):
    """Post the first step; returns (response, token)."""
    response = client.post(reverse("complaints:new"), incident)
    match = STEP_URL_RE.search(response.get("Location", "") or response.content.decode())
    return response, match.group("token") if match else None


def step_url(token: str, step: str) -> str:
    return reverse("complaints:draft_step", kwargs={"token": token, "step": step})


def file_complaint(client, answers: dict):
    """Fill every step and submit; returns the response of the final submit."""
    payloads = step_payloads(answers)
    response, token = start_draft(client, payloads[0][1])
    assert response.status_code == 302, response.content.decode()[:2000]
    for step, data in payloads[1:]:
        response = client.post(step_url(token, step), data)
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    return client.post(step_url(token, "review"), {"action": "next"}, follow=True)
