#!/usr/bin/env python3
"""Recompute every figure of a public report from the open-data snapshot it names.

Needs only Python 3.11 and two downloads: the report's figures (report.json, linked from the
report's page) and the CSV files of its snapshot (linked from the report and from /data/):

    python3 scripts/recompute_report.py SNAPSHOT_FOLDER report.json

It prints each figure that differs and exits 1 if any does. It shares no code with the portal:
the definitions below are the ones written in README.md ("Recomputing a report").
"""

import csv
import datetime
import json
import sys
from collections import Counter
from pathlib import Path


def key(measure, **dims):
    return json.dumps([measure, {k: str(v) for k, v in dims.items()}], sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))


def text(value: str) -> str:
    """The open data's CSV files put an apostrophe before text a spreadsheet would run as a
    formula (=, +, -, @, tab, carriage return); take it off."""
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@", "\t", "\r") else value


def read(folder: Path, table: str) -> list[dict]:
    with (folder / f"{table}.csv").open(newline="", encoding="utf-8") as handle:
        return [{k: text(v) for k, v in row.items()} for row in csv.DictReader(handle)]


def day(text: str):
    return datetime.date.fromisoformat(text) if text else None


def band(days: int, bounds: list[int]) -> str:
    low = 0
    for bound in bounds:
        if days <= bound:
            return f"{low}-{bound}"
        low = bound + 1
    return f"{low}+"


def percentile(values: list[int], percent: int) -> int:
    values = sorted(values)
    rank = -(-percent * len(values) // 100)
    return values[max(rank, 1) - 1]


class Record:
    """The snapshot's rows that a report's scope covers."""

    def __init__(self, folder: Path, scope: dict):
        own_sources = {s["slug"] for s in read(folder, "sources") if s["is_this_board"] == "True"}
        self.cases = {c["id"]: c for c in read(folder, "cases")
                      if (not scope["own"] or c["source"] in own_sources)
                      and (not scope["agency"] or c["agency"] == scope["agency"])}
        self.allegations = [a for a in read(folder, "allegations") if a["case"] in self.cases]
        self.events: dict[str, list] = {}
        for event in read(folder, "case_events"):
            happened = datetime.datetime.fromisoformat(event["happened_at"].replace("Z", "+00:00"))
            self.events.setdefault(event["case"], []).append(
                (happened.astimezone(datetime.UTC), event["status"]))
        self.complaints = [c for c in read(folder, "complaints_received")
                           if not scope.get("complaints_agency") or c["agency"] == scope["complaints_agency"]]
        officers = {o["id"]: o["agency"] for o in read(folder, "officers")}
        settlement_agency = scope.get("complaints_agency")
        self.settlements = [s for s in read(folder, "settlements")
                            if not settlement_agency or s["agency"] == settlement_agency]
        self.referrals = [r for r in read(folder, "decertification_referrals")
                          if r["case"] in self.cases
                          or (not r["case"] and scope["agency"] and officers.get(r["officer"]) == scope["agency"])]


def within(text: str, start, end) -> bool:
    value = day(text)
    return value is not None and start <= value <= end


def count_period(record: Record, start, end, bounds: list[int]) -> tuple[Counter, dict]:
    counts, stats = Counter(), {}
    for row in record.complaints:  # monthly counts: the months that start within the period
        if within(row["month"] + "-01", start, end):
            counts[key("complaints_received")] += int(row["count"])
            counts[key("complaints_received", district=row["district"] or "none")] += int(row["count"])
    for case in record.cases.values():
        if within(case["received_on"], start, end):
            counts[key("cases_received")] += 1
            counts[key("cases_received", district=case["district"] or "none")] += 1
        if within(case["closed_on"], start, end):
            counts[key("cases_closed")] += 1
    count_open(record, counts, end, bounds)
    days = [(day(c["closed_on"]) - day(c["received_on"])).days for c in record.cases.values()
            if within(c["closed_on"], start, end) and c["received_on"]]
    counts[key("decision_days")] = len(days)
    for value in days:
        counts[key("decision_days", band=band(value, bounds))] += 1
    if days:
        stats[key("decision_days_median")] = percentile(days, 50)
        stats[key("decision_days_p90")] = percentile(days, 90)
    for allegation in record.allegations:
        if within(allegation["received_on"], start, end):
            count_received(counts, allegation)
        if within(allegation["closed_on"], start, end):
            count_closed(counts, allegation)
    for referral in record.referrals:
        if within(referral["referred_on"], start, end):
            counts[key("referrals")] += 1
            counts[key("referrals", status=referral["status"])] += 1
    for settlement in record.settlements:
        if settled_within(settlement, start, end):
            counts[key("settlements")] += 1
            counts[key("settlements_paid_cents")] += int(settlement["amount_paid_cents"] or 0)
    return counts, stats


def settled_within(settlement: dict, start, end) -> bool:
    """By the closing date when the city gave its day or month; else by the publisher's year
    (or the closing date's), when that whole year lies within the period."""
    if settlement["closed_on"] and settlement["closed_on_precision"] != "year":
        return within(settlement["closed_on"], start, end)
    year = settlement["year"] or settlement["closed_on"][:4]
    return bool(year) and start <= datetime.date(int(year), 1, 1) and datetime.date(int(year), 12, 31) <= end


def count_open(record: Record, counts: Counter, end, bounds: list[int]) -> None:
    for case_id, case in record.cases.items():
        received, closed = day(case["received_on"]), day(case["closed_on"])
        if received is None or received > end or (closed is not None and closed <= end):
            continue
        steps = sorted(s for s in record.events.get(case_id, []) if s[0].date() <= end)
        state = steps[-1][1] if steps else ("received" if case_id in record.events else case["status"])
        age = band((end - received).days, bounds)
        for k in (key("open_cases"), key("open_cases", state=state), key("open_cases", age=age),
                  key("open_cases", state=state, age=age)):
            counts[k] += 1


def count_received(counts: Counter, a: dict) -> None:
    counts[key("allegations_received")] += 1
    counts[key("allegations_received", family=a["family"])] += 1
    counts[key("allegations_received", family=a["family"], category=a["category"])] += 1
    counts[key("allegations_received", district=a["district"] or "none")] += 1
    if a["force_level"]:
        counts[key("allegations_received", force_level=a["force_level"])] += 1
        counts[key("allegations_received", force_level="any")] += 1
    if a["prohibited_restraint"] == "True":
        counts[key("allegations_received", prohibited_restraint="true")] += 1


def count_closed(counts: Counter, a: dict) -> None:
    finding = a["finding"] or "none"
    for k in (key("findings"), key("findings", category=a["category"]),
              key("findings", finding=finding), key("findings", category=a["category"], finding=finding)):
        counts[k] += 1
    if finding != "sustained":
        return
    recommended, imposed = a["discipline_recommended"] or "none", a["discipline_imposed"] or "none"
    for k in (key("discipline"), key("discipline", recommended=recommended),
              key("discipline", imposed=imposed),
              key("discipline", recommended=recommended, imposed=imposed)):
        counts[k] += 1
    # Both recorded and different; "none" (no discipline) is a discipline like any other.
    if a["discipline_recommended"] and a["discipline_imposed"] and recommended != imposed:
        counts[key("deviations")] += 1
        counts[key("deviations", reason=a["discipline_reason"].strip() or "none")] += 1


def previous(start, end, kind: str):
    if kind in ("monthly", "quarterly", "annual"):
        months = {"monthly": 1, "quarterly": 3, "annual": 12}[kind]
        index = start.year * 12 + start.month - 1 - months
        return datetime.date(index // 12, index % 12 + 1, 1), start - datetime.timedelta(days=1)
    new_end = start - datetime.timedelta(days=1)
    return new_end - (end - start), new_end


def recompute(snapshot: Path, report: dict) -> tuple[Counter, dict]:
    record = Record(snapshot, report["scope"])
    period, bounds = report["period"], report["bounds"]
    start, end = day(period["start"]), day(period["end"])
    counts, stats = count_period(record, start, end, bounds)
    before, _ = count_period(record, *previous(start, end, period["kind"]), bounds)
    for measure in ("complaints_received", "cases_received", "cases_closed", "allegations_received", "deviations",
                    "settlements", "settlements_paid_cents"):
        counts[key(measure, period="previous")] = before[key(measure)]
    counts[key("findings", finding="sustained", period="previous")] = before[key("findings", finding="sustained")]
    return counts, stats


def compare(snapshot: Path, report: dict) -> list[str]:
    counts, stats = recompute(snapshot, report)
    problems = []
    for group, expected in (("cells", counts), ("stats", stats)):
        for k, published in report[group].items():
            if published is not None and published != expected.get(k, 0):
                problems.append(f"{k}: the report says {published}, the snapshot gives {expected.get(k, 0)}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    report = json.loads(Path(argv[2]).read_text(encoding="utf-8"))
    problems = compare(Path(argv[1]), report)
    shown = sum(v is not None for v in report["cells"].values())
    hidden = len(report["cells"]) - shown
    for problem in problems:
        print(problem)
    print(f"{shown} figures checked, {len(problems)} differ; {hidden} suppressed "
          f"(snapshot {report['snapshot']['name'] if report.get('snapshot') else '?'}).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
