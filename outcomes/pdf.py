"""The grant report as a PDF, drawn by WeasyPrint from the same page the browser prints
(core/pdf.py): None on a machine without Pango, where the report page says to use the
browser's "Save as PDF" instead (decision 0026)."""

from core.pdf import pdf_bytes


def report_pdf_bytes(request, context: dict) -> bytes | None:
    """The report as PDF bytes, or None when this machine cannot draw PDFs."""
    return pdf_bytes(request, "outcomes/report_document.html", context)
