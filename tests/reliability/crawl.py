"""A crawler over the public site, through Django's test client: every page a reader can reach
by following links from the home page (in every shipped language), with the forms on them."""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings

PRIVATE_PREFIXES = ("/board/", "/admin/", "/static/")


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> the values offered


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    body: bytes


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = Form(page="", action=attrs.get("action") or "",
                              method=(attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button") and self._form and attrs.get("name"):
            values = self._form.fields.setdefault(attrs["name"], [])
            if attrs.get("value") is not None:
                values.append(attrs["value"])
        elif tag == "option" and self._form and self._form.fields:
            last = list(self._form.fields)[-1]
            if attrs.get("value") is not None:
                self._form.fields[last].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _local_path(base: str, href: str) -> str | None:
    url = urldefrag(urljoin(base, href))[0]
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    bare = parts.path
    for code, _name in settings.LANGUAGES:
        if bare.startswith(f"/{code}/"):
            bare = bare[len(code) + 1:]
    if bare.startswith(PRIVATE_PREFIXES):
        return None
    return path


def crawl(client, *, start: tuple[str, ...] = ("/",), limit: int = 400) -> tuple[list[Page], list[Form]]:
    """Breadth-first over public links; query-string variants of one path are capped at 3."""
    starts = list(start) + [f"/{code}/" for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    queue, seen, variants = deque(starts), set(starts), {}
    pages, forms = [], []
    while queue and len(pages) < limit:
        url = queue.popleft()
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        content_type = response.get("Content-Type", "")
        pages.append(Page(url, response.status_code, content_type, body))
        if response.status_code in (301, 302, 303, 307, 308):
            target = _local_path(url, response["Location"])
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if "html" not in content_type:
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8", "replace"))
        for form in parser.forms:
            form.page = url
            form.action = _local_path(url, form.action or url) or ""
            if form.action:
                forms.append(form)
        for href in parser.links:
            target = _local_path(url, href)
            if not target or target in seen:
                continue
            path = urlsplit(target).path
            variants[path] = variants.get(path, 0) + 1
            if "?" in target and variants[path] > 3:
                continue
            seen.add(target)
            queue.append(target)
    return pages, forms
