"""A certificate's PDF: its first render, a stored download, and memory over 200 renders.

A learner completes a one-module course (`progress_services.module_complete`, as in
`tests/modules/test_certificates.py`), which issues the certificate and, the
tasks being run at once, stores its PDF. Three measures follow, in this process.

- First render against bare WeasyPrint: `documents.certificate_render(certificate,
  "en")` (the HTML built from the certificate's snapshot, its QR code, our URL
  fetcher, PDF/A-3b with tags) against `weasyprint.HTML(...).write_pdf(...)` with
  the same options on the very same HTML string (`documents.certificate_html`)
  and the same kind of fetcher (made once, before the timing). Timed by the same
  harness, interleaved: 15 runs for the default 50 asked for (three tenths, at
  least 2) after at most 2 warm-ups. The goal is at most 1.3 times the bare
  render; a miss is reported, not raised. Before timing, both PDFs are checked
  to hold the same text on as many pages, both tagged and both PDF/A.
- Stored download against a static file of the same size: the learner's signed-in
  `django.test.Client` GETs `/certificates/<code>/pdf/` and reads the whole
  `streaming_content`, against the same client GETting a copy of the stored PDF
  (the same bytes, so the same size and type) put in a public folder of
  MEDIA_ROOT (the first of `capisce.media.PUBLIC_MEDIA_FOLDERS`: the media view
  serves nothing else) and served by the site's own range-capable media view
  (`capisce.media.serve_media`, on MEDIA_URL: the test settings turn SERVE_MEDIA
  on). Both go through every
  middleware. The download is checked to answer the stored file's bytes, and to
  store no second file, before and after the timing: nothing is rendered.
- Memory over 200 renders: after the renders above, 200 more
  `certificate_render` calls in a row. Tracing every one of them with
  `tracemalloc` would make each some four times slower (about 100 s for 200), so
  only the 1st, 50th, 100th and 200th are traced, each on its own: its traced
  peak (the Python memory the render needed) and what it allocated and still
  holds after a garbage collection (a leak would show there, render after
  render). At the same points: the process's resident memory, its peak
  (`ru_maxrss`, reset before the first render where Linux allows it, through
  /proc/self/clear_refs, so that the earlier benchmarks' peaks do not hide the
  renders'), and the blocks Python has allocated (`sys.getallocatedblocks`).
  The growth from the 1st render to the 200th should be small: more than 16 MB
  of resident memory is flagged (reported, not raised).

The files this benchmark puts under MEDIA_ROOT are removed at its end.
"""

import gc
import math
import sys
import time
import uuid
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

from benchmarks.common import (
    MB,
    TIMING_HEADINGS,
    count_queries,
    environment,
    flag,
    growth_of,
    mb,
    measure_many,
    ms,
    peak_rss_kb,
    ratio,
    reset_peak_rss,
    rss_kb,
    signed_in,
    site_catalogue,
    streamed_getter,
    table,
    timing_cells,
    traced,
)
from capisce.media import PUBLIC_MEDIA_FOLDERS
from modules.certificates import documents
from modules.certificates.models import Certificate, CertificateFile
from modules.certificates.pdf import PDF_BASE_URL, make_url_fetcher
from modules.progress import services as progress_services
from tests.factories import make_course, make_module, make_user

NAME = "certificate_pdf"
LANGUAGE = "en"
GOAL = 1.3  # the first render may take at most this many times the bare WeasyPrint render
RENDER_SHARE = 0.3  # timed renders: 15 for the default 50 runs asked for
RENDER_WARMUP = 2
RENDERS = 200
CHECKPOINTS = (1, 50, 100, 200)
GROWTH_MB = 16  # more resident memory than this after the 200th render than after the 1st: flagged


def build():
    """A learner who completed a one-module course: (learner, certificate), its PDF stored."""
    course = make_course(site_catalogue(), title="Certificate PDF", slug="certificate-pdf")
    module = make_module(course)
    learner = make_user(
        email="certificate-bench@example.test",
        full_name="Amira Haddad",
        preferred_language=LANGUAGE,
    )
    progress_services.module_complete(learner=learner, module=module, course=course)
    certificate = Certificate.objects.current().get(learner=learner, course=course)
    return learner, certificate


def bare_render(html, fetcher):
    """WeasyPrint alone, with the options `modules.certificates.pdf.render_pdf` gives it."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant="pdf/a-3b", pdf_tags=True)


def _pdf_facts(pdf):
    """What both PDFs must share: pages, their text, tags, PDF/A."""
    from pypdf import PdfReader

    if not pdf.startswith(b"%PDF-"):
        raise RuntimeError("Not a PDF")
    reader = PdfReader(BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    metadata = catalog["/Metadata"].get_object().get_data() if "/Metadata" in catalog else b""
    return {
        "pages": len(reader.pages),
        "text": " ".join(" ".join(page.extract_text() for page in reader.pages).split()),
        "tagged": "/StructTreeRoot" in catalog,
        "pdfa": b"pdfaid:part" in metadata,
    }


def memory(render):
    """RENDERS renders in a row, the CHECKPOINTS ones traced: (checkpoints, before, seconds)."""
    gc.collect()
    reset = reset_peak_rss()
    before = {"rss_kb": rss_kb(), "peak_rss_kb": peak_rss_kb(), "peak_reset": reset}
    points = []
    begun = time.perf_counter()
    for number in range(1, RENDERS + 1):
        if number not in CHECKPOINTS:
            render()
            continue
        _result, peak, kept = traced(render)
        points.append(
            {
                "render": number,
                "traced_peak_bytes": peak,
                "traced_kept_bytes": kept,
                "rss_kb": rss_kb(),
                "peak_rss_kb": peak_rss_kb(),
                "python_blocks": sys.getallocatedblocks(),
            }
        )
    return points, before, time.perf_counter() - begun


def run(repeat=50, warmup=5):
    learner, certificate = build()
    stored = CertificateFile.objects.filter(certificate=certificate)
    if stored.count() != 1 or stored.get().language != LANGUAGE:
        raise RuntimeError(f"Completing the course stored {list(stored)}, not one PDF in en")
    with stored.get().file.open("rb") as handle:
        pdf = handle.read()
    public_folder = Path(settings.MEDIA_ROOT) / PUBLIC_MEDIA_FOLDERS[0]
    static_path = public_folder / f"bench-{uuid.uuid4().hex}" / "certificate.pdf"
    try:
        return _run(repeat, warmup, learner, certificate, pdf, static_path)
    finally:
        _remove(static_path, stored.get().file)


def _remove(static_path, stored_file):
    """Remove the files this benchmark put under MEDIA_ROOT, and their folders if left empty."""
    folder = Path(stored_file.path).parent
    stored_file.delete(save=False)
    static_path.unlink(missing_ok=True)
    for path in (static_path.parent, static_path.parent.parent, folder):
        try:
            path.rmdir()
        except OSError:
            pass


def _run(repeat, warmup, learner, certificate, pdf, static_path):
    # 1. First render against bare WeasyPrint, on the same HTML.
    html = documents.certificate_html(certificate, LANGUAGE)
    if html != documents.certificate_html(certificate, LANGUAGE):
        raise RuntimeError("The certificate's HTML differs from one call to the next")
    if learner.full_name not in html or certificate.code not in html or "<svg" not in html:
        raise RuntimeError("The certificate's HTML lacks the name, the code or the QR code")
    fetcher = make_url_fetcher(documents._open_static, default_storage.open)
    ours = documents.certificate_render(certificate, LANGUAGE)
    bare = bare_render(html, fetcher)
    facts = {"first_render": _pdf_facts(ours), "bare_weasyprint": _pdf_facts(bare)}
    if facts["first_render"] != facts["bare_weasyprint"]:
        raise RuntimeError("The two renders differ in pages, text, tags or PDF/A")
    if not (facts["first_render"]["tagged"] and facts["first_render"]["pdfa"]):
        raise RuntimeError("The certificate is not a tagged PDF/A")
    if learner.full_name not in facts["first_render"]["text"]:
        raise RuntimeError("The learner's name is not in the PDF's text")
    pdf_bytes = {"first_render": len(ours), "bare_weasyprint": len(bare)}

    render_runs = max(2, math.ceil(repeat * RENDER_SHARE))
    render_warmup = min(warmup, RENDER_WARMUP)
    renders = measure_many(
        {
            "first_render": lambda: documents.certificate_render(certificate, LANGUAGE),
            "bare_weasyprint": lambda: bare_render(html, fetcher),
        },
        repeat=render_runs,
        warmup=render_warmup,
    )
    ratio_render = ratio(renders, "first_render", "bare_weasyprint")
    meets_goal = ratio_render.median <= GOAL

    # 2. Stored download against a static file of the same size, by the same client.
    if not settings.SERVE_MEDIA:
        raise RuntimeError("SERVE_MEDIA is off: no media view to compare the download with")
    static_path.parent.mkdir(parents=True)
    static_path.write_bytes(pdf)
    static_url = settings.MEDIA_URL + static_path.relative_to(settings.MEDIA_ROOT).as_posix()
    download_url = reverse("certificates:pdf", args=(certificate.code,))
    client = signed_in(learner)
    sides = {
        "stored_download": streamed_getter(client, download_url, len(pdf)),
        "static_file": streamed_getter(client, static_url, len(pdf)),
    }
    files = CertificateFile.objects.filter(certificate=certificate)
    for name, get in sides.items():
        response, body = get()
        if body != pdf or response["Content-Type"] != "application/pdf":
            raise RuntimeError(f"{name} did not answer the stored PDF ({response['Content-Type']})")
    if files.count() != 1:
        raise RuntimeError(f"The download stored {files.count()} files, not 1")
    downloads = measure_many(sides, repeat=repeat, warmup=warmup)
    if files.count() != 1:
        raise RuntimeError(f"The timed downloads stored {files.count()} files, not 1")
    queries = {name: count_queries(get) for name, get in sides.items()}
    ratio_download = ratio(downloads, "stored_download", "static_file")

    # 3. Memory over RENDERS renders.
    points, before, seconds = memory(lambda: documents.certificate_render(certificate, LANGUAGE))
    first, last = points[0], points[-1]
    growth = {
        "rss_mb": mb(growth_of(last["rss_kb"], first["rss_kb"])),
        "peak_rss_mb": mb(growth_of(last["peak_rss_kb"], first["peak_rss_kb"])),
        "peak_rss_from_before_mb": mb(growth_of(last["peak_rss_kb"], before["peak_rss_kb"])),
        "traced_peak_mb": round((last["traced_peak_bytes"] - first["traced_peak_bytes"]) / MB, 3),
        "traced_kept_mb": round((last["traced_kept_bytes"] - first["traced_kept_bytes"]) / MB, 3),
        "python_blocks": last["python_blocks"] - first["python_blocks"],
    }
    growing = growth["rss_mb"] is not None and growth["rss_mb"] > GROWTH_MB

    data = {
        "benchmark": NAME,
        "language": LANGUAGE,
        "render": {
            "runs": render_runs,
            "warmup": render_warmup,
            **ratio_render.as_dict(),
            "goal": GOAL,
            "meets_goal": meets_goal,
            "html_chars": len(html),
            "pages": facts["first_render"]["pages"],
        },
        "download": {
            "runs": repeat,
            "warmup": warmup,
            **ratio_download.as_dict(),
            "pdf_bytes": len(pdf),
        },
        "memory": {
            "renders": RENDERS,
            "seconds": round(seconds, 1),
            "render_ms_mean": ms(seconds / RENDERS),
            "before": before,
            "checkpoints": points,
            "growth_first_to_last": growth,
            "growing": growing,
            "growing_above_mb": GROWTH_MB,
        },
    }
    timed = {**renders, **downloads}
    for name, measurement in timed.items():
        data[name] = measurement.as_dict()
        data[name]["bytes"] = pdf_bytes.get(name, len(pdf))
        if name in queries:
            data[name]["queries"] = queries[name]
    from weasyprint import __version__ as weasyprint_version

    data.update(environment(), weasyprint=weasyprint_version)

    rows = [["side", *TIMING_HEADINGS, "queries", "bytes"]]
    labels = [
        ("first_render", "first render (certificate_render)"),
        ("bare_weasyprint", "bare WeasyPrint, same HTML"),
        ("stored_download", "stored download (GET …/pdf/)"),
        ("static_file", "static file, same size (GET media)"),
    ]
    for name, label in labels:
        side = data[name]
        rows.append([label, *timing_cells(timed[name]), side.get("queries"), side["bytes"]])
    memory_rows = [
        ["after render", "RSS MB", "peak RSS MB", "traced peak MB", "traced kept KB", "blocks"]
    ]
    memory_rows += [
        [
            p["render"],
            mb(p["rss_kb"]),
            mb(p["peak_rss_kb"]),
            round(p["traced_peak_bytes"] / MB, 3),
            round(p["traced_kept_bytes"] / 1024, 1),
            p["python_blocks"],
        ]
        for p in points
    ]
    verdict = "PASS" if meets_goal else "MISS"
    notes = [
        ratio_render.note("first render/bare WeasyPrint", render_runs, render_warmup)
        + f"; goal at most {GOAL}x: {verdict}",
        ratio_download.note("stored download/static file", repeat, warmup)
        + f"; {len(pdf)} bytes, {files.count()} stored file",
        "",
        f"memory over {RENDERS} renders ({seconds:.1f} s, {seconds / RENDERS * 1000:.0f} ms"
        f" each; renders {', '.join(map(str, CHECKPOINTS))} traced on their own):",
        table(memory_rows),
        f"growth from render 1 to {RENDERS}: RSS {growth['rss_mb']} MB, peak RSS"
        f" {growth['peak_rss_mb']} MB, traced peak {growth['traced_peak_mb']} MB,"
        f" traced kept {growth['traced_kept_mb']} MB, {growth['python_blocks']} Python blocks"
        + flag(growing, "GROWING"),
        "peak RSS reset before render 1"
        if before["peak_rss_kb"] is not None and before["peak_reset"]
        else "peak RSS not reset: it includes everything this process did before",
    ]
    return rows, notes, data
