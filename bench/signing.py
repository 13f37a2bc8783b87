"""Bench: what the organisation's seal adds to an issue, and what checking a signed file costs.

    .venv/bin/python manage.py render_notice --conference trang-dinh-2024 --output /tmp/notice.pdf   # or any notice
    .venv/bin/python bench/signing.py /tmp/notice.pdf --signer "Nông Thanh Sơn" [--repeat 5] [--pages 150]

No database: a demo CA and seal are made in memory (as `load_demo` makes them). With --pages the PDF is padded by
repeating its pages after the first two (a long appendix). Prints, per size, wall and CPU time of sealing (best,
median, worst over --repeat runs), then of validating the seal with pyHanko and of the signed-upload check of the
appended revisions. The machine is shared: read CPU time and best; the coordinator re-runs it on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dialogue_portal.settings")

import django  # noqa: E402
from asn1crypto import x509 as asn1_x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402

django.setup()

from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.validation import validate_pdf_signature  # noqa: E402
from pyhanko_certvalidator import ValidationContext  # noqa: E402
from pypdf import PdfReader, PdfWriter  # noqa: E402

from conclusions.models import IssuingSeal  # noqa: E402
from conclusions.signing import seal as sealing  # noqa: E402
from conclusions.signing.inspect import read_pdf  # noqa: E402
from conclusions.signing.revisions import only_signatures_since  # noqa: E402
from conferences.models import Agency  # noqa: E402
from demo.signing import make_ca, make_signer  # noqa: E402


def _seal(ca) -> IssuingSeal:
    agency = Agency(code="bench", name="Ủy ban nhân dân huyện Tràng Định")
    certificate, key = make_signer(ca, common_name=agency.name, organisation=agency.name)
    material = sealing._box(agency.code).encrypt(sealing._key_material(key, certificate, [ca[0]]))
    return IssuingSeal(agency=agency, key_material=material, is_demo=True)


def _padded(data: bytes, pages: int) -> bytes:
    reader = PdfReader(BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    extra = reader.pages[2:] or reader.pages
    while len(writer.pages) < pages:
        for page in extra:
            writer.add_page(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def _timed(function, repeat: int):
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return result, walls, cpus


def _line(label: str, walls: list[float], cpus: list[float]) -> str:
    return (
        f"  {label:<22} wall best {min(walls):.3f} s, median {statistics.median(walls):.3f}, worst {max(walls):.3f}"
        f"; CPU median {statistics.median(cpus):.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--signer", default="")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=0)
    args = parser.parse_args()
    ca = make_ca()
    seal = _seal(ca)
    root = asn1_x509.Certificate.load(ca[0].public_bytes(serialization.Encoding.DER))
    context = ValidationContext(trust_roots=[root], allow_fetching=False)
    sizes = [("as given", args.pdf.read_bytes())]
    if args.pages:
        sizes.append((f"padded to {args.pages} pages", _padded(sizes[0][1], args.pages)))
    for label, data in sizes:
        pages = len(PdfReader(BytesIO(data)).pages)
        print(f"{label}: {pages} pages, {len(data) // 1024} KB")
        result, walls, cpus = _timed(
            lambda d=data: sealing.seal_pdf(d, seal=seal, signer_name=args.signer), args.repeat
        )
        print(_line("seal (adds to issue)", walls, cpus) + f"; +{(len(result.data) - len(data)) // 1024} KB")
        signed = result.data
        embedded = PdfFileReader(BytesIO(signed)).embedded_signatures[-1]
        status, walls, cpus = _timed(
            lambda e=embedded: validate_pdf_signature(e, signer_validation_context=context), args.repeat
        )
        print(_line("validate (pyHanko)", walls, cpus) + f"; bottom line {status.bottom_line}")
        base = read_pdf(data).xrefs.total_revisions - 1
        ok, walls, cpus = _timed(lambda s=signed, b=base: only_signatures_since(read_pdf(s), b), args.repeat)
        print(_line("appended revisions", walls, cpus) + f"; only signatures: {ok}")


if __name__ == "__main__":
    main()
