"""Writes of the intake journey, one module per step:

- entry.py: petitions logged one by one, with their parts and files, and corrected (optimistic locking);
- merging.py: duplicates merged into the petition that is kept, and merges undone;
- handover.py: a Youth Union hands its compiled list on;
- reading.py: Excel lists uploaded (refused before parsing when hostile) and read in a task;
- excel.py: Excel lists checked, corrected and imported in one transaction;
- numbering.py: per-conference petition numbers, unique also when people save at the same moment.

Keyword-only, atomic, audited; refusals are `conferences.errors.Refused`, a stale edit `Conflict`.
"""

from .entry import PETITION_FIELDS, CheckedUpload, PartEdit, petition_create, petition_update
from .excel import ImportResult, import_cancel, import_check, import_confirm, import_recheck
from .handover import handed_over_late, intake_deadline_for, intake_submit
from .merging import petition_merge, petition_unmerge
from .reading import import_discard, import_read, import_resume_if_stalled, import_start, read_import

__all__ = [
    "PETITION_FIELDS",
    "CheckedUpload",
    "ImportResult",
    "PartEdit",
    "handed_over_late",
    "import_cancel",
    "import_check",
    "import_confirm",
    "import_discard",
    "import_read",
    "import_recheck",
    "import_resume_if_stalled",
    "import_start",
    "intake_deadline_for",
    "intake_submit",
    "petition_create",
    "petition_merge",
    "petition_unmerge",
    "petition_update",
    "read_import",
]
