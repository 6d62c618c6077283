"""Fill the public record with large, realistic, synthetic data, fast (bulk inserts).

For performance work only: every row is marked as coming from the "synthetic" source, so it
can never be mistaken for real data, and `--delete` removes it again.

    manage.py generate_public_record --officers 20000 --allegations 200000 --long-history 500
"""

import datetime
import random
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from misconduct_records.models import (
    Agency,
    AllegationCategory,
    Assignment,
    District,
    Officer,
    OfficerIdentifier,
    PublicAllegation,
    PublicCase,
    PublicCaseEvent,
    Source,
)
from misconduct_records.models import Command as Unit
from misconduct_records.services import (
    officer_counts_refresh,
    officer_search_names_refresh,
    record_version_bump,
)
from misconduct_records.vocabulary import CaseStatus, Discipline, Finding

SOURCE_SLUG = "synthetic"
AGENCY_SLUG = "synthetic-pd"
BATCH = 5000
FIRST = ["James", "Maria", "Michael", "Linda", "Robert", "Patricia", "John", "Jennifer", "David",
         "Elizabeth", "Kevin", "Susan", "Brian", "Karen", "Sean", "Nancy", "Luis", "Ana", "Thomas",
         "Keisha", "Daniel", "Mei", "Patrick", "Fatima", "Omar", "Grace", "Tyrone", "Ines"]
LAST = ["Sullivan", "Murphy", "O'Brien", "Walsh", "Nguyen", "Rodriguez", "Johnson", "Williams",
        "Brown", "Kelly", "Santos", "Pereira", "Clark", "Lewis", "Ryan", "McCarthy", "Garcia", "Lee",
        "Doherty", "Fitzgerald", "Baptiste", "Chen", "Flaherty", "Alvarez", "Coleman", "Driscoll",
        "Jean-Louis", "Costa", "Kowalczyk", "Okafor", "Haddad", "Novak", "Schmidt", "Moreau"]
RANKS = ["Police Officer"] * 10 + ["Sergeant"] * 3 + ["Detective"] * 2 + ["Lieutenant", "Captain"]
RACES = ["White", "Black", "Hispanic", "Asian/Pacific Islander", "Native American", ""]
FINDINGS = ([Finding.NOT_SUSTAINED] * 40 + [Finding.UNFOUNDED] * 20 + [Finding.EXONERATED] * 20
            + [Finding.SUSTAINED] * 12 + [Finding.WITHDRAWN] * 5 + [Finding.POLICY_FAILURE] * 3)
DISCIPLINES = [Discipline.WRITTEN_REPRIMAND, Discipline.TRAINING, Discipline.SUSPENSION,
               Discipline.NONE, Discipline.TERMINATION]


class Command(BaseCommand):
    help = "Generate a large synthetic public record for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--officers", type=int, default=20000)
        parser.add_argument("--allegations", type=int, default=200000)
        parser.add_argument("--long-history", type=int, default=500,
                            help="Give one officer exactly this many allegations.")
        parser.add_argument("--seed", type=int, default=5)
        parser.add_argument("--delete", action="store_true", help="Remove the synthetic data.")

    def handle(self, *args, **options):
        started = time.monotonic()
        if options["delete"]:
            self._delete()
            return
        rng = random.Random(options["seed"])  # noqa: S311  # nosec B311  # synthetic data, not secrets
        source, agency, districts, commands = self._reference(rng)
        officers = self._officers(rng, options["officers"], agency, districts, commands, source)
        self.stdout.write(f"officers: {len(officers)} ({time.monotonic() - started:.1f}s)")
        allegations = self._cases_and_allegations(
            rng, options["allegations"], options["long_history"], agency, districts, officers,
            source)
        self.stdout.write(f"allegations: {allegations} ({time.monotonic() - started:.1f}s)")
        officer_counts_refresh(officer_ids=None)
        officer_search_names_refresh(officer_ids=None)
        record_version_bump()
        if connection.vendor == "postgresql":  # fresh statistics, or the planner guesses badly
            with connection.cursor() as cursor:
                # VACUUM too (outside a transaction only): until the visibility map is set, an
                # index-only scan (the deep pages of a list) still reads every row it passes.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"done in {time.monotonic() - started:.1f}s"))

    def _delete(self):
        with transaction.atomic():
            PublicAllegation.objects.filter(source__slug=SOURCE_SLUG).delete()
            PublicCaseEvent.objects.filter(case__source__slug=SOURCE_SLUG).delete()
            PublicCase.objects.filter(source__slug=SOURCE_SLUG).delete()
            Officer.objects.filter(source__slug=SOURCE_SLUG).delete()
            Unit.objects.filter(agency__slug=AGENCY_SLUG).delete()
            District.objects.filter(agency__slug=AGENCY_SLUG).delete()
            Agency.objects.filter(slug=AGENCY_SLUG).delete()
            Source.objects.filter(slug=SOURCE_SLUG).delete()
        self.stdout.write("synthetic data deleted")

    def _reference(self, rng):
        source, _ = Source.objects.get_or_create(slug=SOURCE_SLUG, defaults={
            "name": "Synthetic benchmark data", "publisher": "Generated for performance tests",
            "coverage": "Invented officers and allegations; not real people.",
            "exclusions": "Everything: this is not real data.",
            "data_current_through": datetime.date(2026, 10, 31)})
        agency, _ = Agency.objects.get_or_create(slug=AGENCY_SLUG, defaults={
            "name": "Synthetic Police Department", "city": "Synthetic City"})
        districts = [District.objects.get_or_create(agency=agency, code=f"D-{n}",
                                                    defaults={"name": f"District {n}"})[0]
                     for n in range(1, 23)]
        commands = [Unit.objects.get_or_create(agency=agency, code=f"U-{n:03d}",
                                                  defaults={"name": f"Unit {n:03d}"})[0]
                    for n in range(1, 41)]
        return source, agency, districts, commands

    def _officers(self, rng, count, agency, districts, commands, source):
        start = Officer.objects.filter(agency=agency).count()
        new = [Officer(
            agency=agency, first_name=rng.choice(FIRST), last_name=rng.choice(LAST),
            badge_number=str(100000 + start + i), rank=rng.choice(RANKS),
            district=rng.choice(districts), command=rng.choice(commands),
            race=rng.choice(RACES), gender=rng.choice(["Male", "Male", "Female"]),
            birth_year=rng.randint(1955, 2000), is_active=rng.random() > 0.2,
            appointed_on=datetime.date(rng.randint(1980, 2022), rng.randint(1, 12), 1),
            source=source, source_row=f"synthetic-{start + i}") for i in range(count)]
        for i in range(0, len(new), BATCH):
            with transaction.atomic():
                batch = Officer.objects.bulk_create(new[i:i + BATCH])
                Assignment.objects.bulk_create(
                    Assignment(officer=o, command=rng.choice(commands), rank=o.rank,
                               district=o.district, started_on=o.appointed_on, source=source)
                    for o in batch)
                OfficerIdentifier.objects.bulk_create(
                    OfficerIdentifier(officer=o, kind=OfficerIdentifier.Kind.BADGE,
                                      value=o.badge_number, source=source) for o in batch)
        return list(Officer.objects.filter(agency=agency).values_list("pk", "rank", "command_id"))

    def _cases_and_allegations(self, rng, count, long_history, agency, districts, officers, source):
        categories = list(AllegationCategory.objects.all())
        weights = [1 / (1 + i) ** 0.8 for i in range(len(officers))]  # a few officers, many allegations
        made = 0
        long_officer = officers[len(officers) // 2] if officers and long_history else None
        while made < count:
            n = min(BATCH, count - made)
            cases = self._cases(rng, n * 2 // 3 + 1, agency, districts, source)
            chosen = rng.choices(officers, weights=weights, k=n)
            if long_officer and made == 0:
                chosen[:long_history] = [long_officer] * min(long_history, n)
            rows = [self._allegation(rng, rng.choice(cases), officer, categories, source, made + i)
                    for i, officer in enumerate(chosen)]
            with transaction.atomic():
                PublicAllegation.objects.bulk_create(rows)
            made += n
        return made

    def _cases(self, rng, n, agency, districts, source):
        cases = []
        for _ in range(n):
            received = datetime.date(2010, 1, 1) + datetime.timedelta(days=rng.randint(0, 6100))
            cases.append(PublicCase(
                agency=agency, district=rng.choice(districts), received_on=received,
                incident_on=received - datetime.timedelta(days=rng.randint(0, 30)),
                closed_on=received + datetime.timedelta(days=rng.randint(30, 400)),
                status=CaseStatus.CLOSED, public_summary="", source=source,
                published_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)))
        with transaction.atomic():
            cases = PublicCase.objects.bulk_create(cases)
            PublicCaseEvent.objects.bulk_create(
                PublicCaseEvent(case=c, status=CaseStatus.CLOSED,
                                happened_at=datetime.datetime.combine(c.closed_on, datetime.time(12),
                                                                      tzinfo=datetime.UTC))
                for c in cases)
        return cases

    def _allegation(self, rng, case, officer, categories, source, n):
        officer_id, rank, command_id = officer
        finding = rng.choice(FINDINGS)
        recommended = finding if rng.random() > 0.15 else rng.choice(FINDINGS)
        disc_rec = rng.choice(DISCIPLINES) if finding == Finding.SUSTAINED else ""
        disc_imp = (disc_rec if rng.random() > 0.3 else rng.choice(DISCIPLINES)) if disc_rec else ""
        category = rng.choice(categories)
        return PublicAllegation(
            case=case, officer_id=officer_id, category=category, finding=finding,
            recommended_finding=recommended, discipline_recommended=disc_rec,
            discipline_imposed=disc_imp,
            suspension_days=rng.randint(1, 30) if disc_imp == Discipline.SUSPENSION else None,
            force_level=rng.randint(1, 6) if category.uses_force_level else None,
            prohibited_restraint=category.is_prohibited_restraint,
            rank_at_incident=rank, command_at_incident_id=command_id, source=source,
            source_row=f"synthetic-{n}", case_received_on=case.received_on,
            case_incident_on=case.incident_on, case_closed_on=case.closed_on, case_district_id=case.district_id)
