from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from ..exports import PUBLIC_TABLES, csv_lines, json_chunks, snapshot_root, snapshots_list

DOWNLOAD_CACHE_SECONDS = 3600
FORMATS = {
    "csv": ("text/csv; charset=utf-8", csv_lines),
    "json": ("application/json; charset=utf-8", json_chunks),
}


def data_index(request):
    return render(request, "misconduct_records/data_index.html", {
        "tables": PUBLIC_TABLES.values(), "snapshots": snapshots_list()[:7],
    })


def data_dictionary(request):
    return render(request, "misconduct_records/data_dictionary.html", {
        "tables": PUBLIC_TABLES.values(),
    })


def data_download(request, table: str, fmt: str):
    """A whole table, streamed: constant memory whatever the number of rows."""
    if table not in PUBLIC_TABLES or fmt not in FORMATS:
        raise Http404
    content_type, chunks = FORMATS[fmt]
    response = StreamingHttpResponse(chunks(PUBLIC_TABLES[table]), content_type=content_type)
    filename = f"{table}-{timezone.localdate().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A whole table is costly to stream: let a shared cache in front of the site keep it a while.
    patch_cache_control(response, public=True, max_age=DOWNLOAD_CACHE_SECONDS)
    return response


def snapshot_file(request, covers: str, filename: str):
    """One file of a nightly snapshot, only if the manifest lists it."""
    for manifest in snapshots_list():
        if manifest["name"] == covers and (
                filename in {"manifest.json", "SHA256SUMS"}
                or filename in {f["name"] for f in manifest["files"]}):
            return FileResponse((snapshot_root() / covers / filename).open("rb"),
                                as_attachment=True, filename=f"{covers}-{filename}")
    raise Http404
