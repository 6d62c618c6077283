"""HTML to PDF with WeasyPrint, for letters and forms people print."""


def html_to_pdf(html: str, base_url: str = ".") -> bytes:
    from weasyprint import HTML  # imported late: it takes half a second

    return HTML(string=html, base_url=base_url).write_pdf()
