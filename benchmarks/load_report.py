"""The one table of the load benchmark, in Markdown, with the targets checked."""

import datetime

TEMPLATE_LABEL = "home template view"
TARGETS = {True: (0.80, 50), False: (0.10, 300)}  # (share of the template's req/s, p95 ms)
SUBMISSION_P95_MS = 200


def _verdict(label: str, row: dict, reference: float, cache: bool) -> str:
    if label.startswith(("bare view", TEMPLATE_LABEL)):
        return "reference"
    if label.startswith("complaint"):
        return "ok" if row["p95"] < SUBMISSION_P95_MS and not row["errors"] else "MISSED"
    share, p95 = TARGETS[cache]
    good = row["rps"] >= share * reference and row["p95"] < p95 and not row["errors"]
    return "ok" if good else "MISSED"


def _table(results: dict, queries: dict, cache: bool) -> list[str]:
    reference = results[TEMPLATE_LABEL]["rps"]
    share, p95 = TARGETS[cache]
    lines = [f"### Page cache {'on (warm)' if cache else 'off (every request computed)'}", "",
             f"Target: ≥ {share:.0%} of the template view's req/s and p95 < {p95} ms "
             f"(complaint submission: p95 < {SUBMISSION_P95_MS} ms).", "",
             "| page | req/s | × template | p50 ms | p95 ms | p99 ms | errors | queries | target |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for label, row in results.items():
        lines.append(
            f"| {label} | {row['rps']:.1f} | {row['rps'] / reference:.2f} | {row['p50']:.1f} | "
            f"{row['p95']:.1f} | {row['p99']:.1f} | {row['errors']} | {queries.get(label, '')} | "
            f"{_verdict(label, row, reference, cache)} |")
    return [*lines, ""]


def _jobs(jobs: dict, import_rate: dict) -> list[str]:
    lines = ["### Jobs", "", "| job | time | peak memory growth | size |", "|---|---:|---:|---:|"]
    for job in jobs.values():
        if job.get("skipped"):
            lines.append(f"| {job['label']} | — | — | {job['skipped']} |")
            continue
        lines.append(f"| {job['label']} | {job['seconds']:.1f} s | {job['rss_growth_mb']:.0f} MB | "
                     f"{job.get('size', '')} |")
    if import_rate:
        lines.append(f"| import of the Chicago data | {import_rate['seconds']:.1f} s | | "
                     f"{import_rate['rows']:,} rows, {import_rate['rows_per_second']:,} rows/s |")
    return [*lines, ""]


def report(*, runs: dict, queries: dict, jobs: dict, import_rate: dict, machine: str,
           counts: tuple[int, int], args) -> str:
    officers, allegations = counts
    lines = [f"## Load benchmark, {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {machine}.", "",
             f"Data: {officers:,} officers, {allegations:,} allegations. gunicorn 4 sync workers, "
             f"wrk -t2 -c{args.connections}, {args.duration} s per page.", ""]
    for cache, results in runs.items():
        lines += _table(results, queries, cache)
    if jobs:
        lines += _jobs(jobs, import_rate)
    return "\n".join(lines)
