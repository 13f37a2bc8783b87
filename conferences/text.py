"""Vietnamese text normalisation shared by search, duplicate detection and imports."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Canonical composed form: documents arrive both composed and decomposed (NFD from macOS, some Excel)."""
    return unicodedata.normalize("NFC", text or "")


def clean(text: str) -> str:
    """NFC, collapsed inner whitespace, trimmed; how user-typed names are stored."""
    return _SPACES.sub(" ", nfc(text)).strip()


def fold(text: str) -> str:
    """Lower case, accents removed and đ folded to d: 'Khởi nghiệp' and 'khoi nghiep' fold the same."""
    lowered = nfc(text).lower().replace("đ", "d")
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()
