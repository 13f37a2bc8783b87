"""The public verify page's answer: is this file a notice issued here, and what do its signatures say.

A file is recognised when its SHA-256 is one of a stored copy's (the frozen PDF or a signed copy), or when it is a
stored copy with signatures appended afterwards (signed elsewhere, not uploaded back) that are intact and add
nothing but signatures. Anything else is "not a document issued here".
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..models import ConclusionNotice, SignedCopy
from .copies import notice_by_hash
from .inspect import NotPdf, SignatureReport, read_pdf, signature_reports
from .revisions import only_signatures_since

EOF_MARK = re.compile(rb"%%EOF[\r\n]{0,2}")


@dataclass
class Verdict:
    is_pdf: bool = True
    notice: ConclusionNotice | None = None
    copy: SignedCopy | None = None
    exact: bool = False  # byte for byte a stored copy
    reports: list[SignatureReport] = field(default_factory=list)

    @property
    def issued_here(self) -> bool:
        return self.notice is not None

    @property
    def signatures_ok(self) -> bool:
        return bool(self.reports) and all(r.ok for r in self.reports)


def _revision_ends(data: bytes) -> list[int]:
    """Where each revision of the file ends (after its %%EOF line), oldest first, the whole file excluded."""
    ends = [m.end() for m in EOF_MARK.finditer(data)]
    return [end for end in ends if end < len(data)]


def _stored_prefix(data: bytes):
    """The newest stored copy the file starts with, and its last revision (0-based)."""
    for end in reversed(_revision_ends(data)):
        found = notice_by_hash(hashlib.sha256(data[:end]).hexdigest())
        if found is not None:
            return found, read_pdf(data[:end]).xrefs.total_revisions - 1
    return None, None


def verify_file(data: bytes) -> Verdict:
    try:
        reader = read_pdf(data)
        reports = signature_reports(data, reader)
    except NotPdf:
        return Verdict(is_pdf=False)
    found = notice_by_hash(hashlib.sha256(data).hexdigest())
    if found is not None:
        return Verdict(notice=found[0], copy=found[1], exact=True, reports=reports)
    found, revision = _stored_prefix(data)
    if found is None or not reports or not all(r.intact and r.valid for r in reports):
        return Verdict(reports=reports)
    if not reports[-1].whole_file or not only_signatures_since(reader, revision):
        return Verdict(reports=reports)
    return Verdict(notice=found[0], copy=found[1], exact=False, reports=reports)
