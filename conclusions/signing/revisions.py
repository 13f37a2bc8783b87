"""What a revision appended to the frozen PDF may change: only what adding a signature changes.

pyHanko's diff policy reviews the revisions after a signature, not the revision that brings the signature itself
(nor the one creating the form a PDF without one gets with its first signature). This checks each appended
revision by its objects: new objects, and among the existing ones only
- the catalogue's /AcroForm, /Metadata, /DSS, /Extensions, /Perms, /Version entries;
- a page's /Annots, growing by signature widgets only (and its /Tabs, /StructParents);
- the structure tree of a tagged PDF (a tool tagging the widget it adds): structure elements, number-tree nodes;
- the form, the XMP metadata, the document information, an /Annots array, an existing signature field.
Any other existing object rewritten (a content stream, a font, a page's /Contents) refuses the file.
"""

from __future__ import annotations

import logging

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.reader import PdfFileReader

log = logging.getLogger(__name__)
PAGE_KEYS = {"/Annots", "/Tabs", "/StructParents"}
STRUCTURE_TYPES = {"/StructTreeRoot", "/StructElem"}
CATALOG_KEYS = {"/AcroForm", "/Metadata", "/DSS", "/Extensions", "/Perms", "/Version"}


def _deref(obj):
    return obj.get_object() if isinstance(obj, generic.IndirectObject) else obj


def _changed_keys(old: generic.DictionaryObject, new: generic.DictionaryObject) -> set[str]:
    keys = set(old.keys()) | set(new.keys())
    return {k for k in keys if k not in old or k not in new or old.raw_get(k) != new.raw_get(k)}


def _is_signature_widget(annotation) -> bool:
    annotation = _deref(annotation)
    if not isinstance(annotation, generic.DictionaryObject) or annotation.get("/Subtype") != "/Widget":
        return False
    field = _deref(annotation.get("/Parent")) if "/FT" not in annotation else annotation
    return isinstance(field, generic.DictionaryObject) and field.get("/FT") == "/Sig"


def _annots(page: generic.DictionaryObject) -> list:
    annots = _deref(page.get("/Annots"))
    return list(annots) if isinstance(annots, generic.ArrayObject) else []


def _page_ok(old: generic.DictionaryObject, new: generic.DictionaryObject) -> bool:
    if _changed_keys(old, new) - PAGE_KEYS:
        return False
    before = {a.reference if isinstance(a, generic.IndirectObject) else id(a) for a in _annots(old)}
    added = [a for a in _annots(new) if (a.reference if isinstance(a, generic.IndirectObject) else id(a)) not in before]
    return len(_annots(new)) - len(added) == len(before) and all(_is_signature_widget(a) for a in added)


def _existing_ok(ref, old_obj, new_obj, *, root_ref, free_refs: set) -> bool:
    if ref == root_ref:
        return not (_changed_keys(old_obj, new_obj) - CATALOG_KEYS)
    if ref in free_refs:  # the old form, metadata, information dictionary, annotation arrays
        return True
    if isinstance(old_obj, generic.DictionaryObject) and isinstance(new_obj, generic.DictionaryObject):
        if old_obj.get("/Type") == "/Page":
            return _page_ok(old_obj, new_obj)
        if old_obj.get("/FT") == "/Sig":  # an empty signature field being filled
            return True
        if old_obj.get("/Type") in STRUCTURE_TYPES or "/Nums" in old_obj:  # tagging the widget: nothing shown
            return True
    return False


def _free_refs(resolver, root) -> set:
    """References a signing tool may rewrite: the form, the metadata, the information dictionary, /Annots arrays."""
    refs = set()
    for key in ("/AcroForm", "/Metadata"):
        value = root.raw_get(key) if key in root else None
        if isinstance(value, generic.IndirectObject):
            refs.add(value.reference)
    info = resolver.trailer_view.raw_get("/Info") if "/Info" in resolver.trailer_view else None
    if isinstance(info, generic.IndirectObject):
        refs.add(info.reference)
    return refs


def revision_adds_only_signatures(reader: PdfFileReader, revision: int) -> bool:
    old = reader.get_historical_resolver(revision - 1)
    new = reader.get_historical_resolver(revision)
    xrefs = reader.xrefs
    if xrefs.refs_freed_in_revision(revision):
        return False
    root_ref = old.trailer_view.raw_get("/Root").reference
    free = _free_refs(old, old.root)
    for ref in xrefs.explicit_refs_in_revision(revision):
        if xrefs.get_introducing_revision(ref) == revision:
            continue  # new objects are reachable only through the entries checked here
        old_obj, new_obj = old(ref), new(ref)
        if isinstance(old_obj, generic.ArrayObject) and isinstance(new_obj, generic.ArrayObject):
            if list(old_obj) == list(new_obj)[: len(old_obj)] and all(
                _is_signature_widget(a) for a in list(new_obj)[len(old_obj) :]
            ):
                continue  # an /Annots array growing by signature widgets
            return False
        if not _existing_ok(ref, old_obj, new_obj, root_ref=root_ref, free_refs=free):
            log.info("revision %s rewrites %s: not only a signature", revision, ref)
            return False
    return True


def only_signatures_since(reader: PdfFileReader, base_revision: int) -> bool:
    """Every revision after `base_revision` (0-based) adds signatures and nothing else."""
    try:
        return all(
            revision_adds_only_signatures(reader, r) for r in range(base_revision + 1, reader.xrefs.total_revisions)
        )
    except Exception as exc:  # noqa: BLE001 (a file that cannot be compared is not accepted)
        log.info("revisions not compared: %s", exc)
        return False
