"""What a text and a contact sent from the public form become before they are stored, and how a contact is shown
back to its own sender (masked)."""

import re
import unicodedata

from django.utils.translation import gettext as _

from conferences.errors import Refused
from conferences.text import nfc

# Control and format characters (category C*: bidi overrides, zero-width characters, NUL...) are dropped;
# line breaks are kept as "\n", tabs become spaces.
_KEEP = {"\n"}
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \u00a0]+")
_PHONE_JUNK = re.compile(r"[\s.\-()]")
_VN_MOBILE = re.compile(r"^0[35789]\d{8}$")
_VN_LANDLINE = re.compile(r"^02\d{9}$")


def clean_text(text: str) -> str:
    """NFC, no control characters, at most one blank line in a row, no trailing spaces; what is stored."""
    text = nfc(text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = "".join(ch for ch in text if ch in _KEEP or not unicodedata.category(ch).startswith("C"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_line(text: str) -> str:
    """One line (a name): the same cleaning, line breaks become spaces."""
    return _SPACES.sub(" ", clean_text(text).replace("\n", " ")).strip()


def normalise_phone(raw: str) -> str:
    """A Vietnamese phone number as 0xxxxxxxxx: '+84 912 345 678', '0912.345.678' -> '0912345678'.

    Raises Refused for anything else (the form shows the message)."""
    number = _PHONE_JUNK.sub("", nfc(raw or ""))
    if number.startswith("+84"):
        number = "0" + number[3:]
    elif number.startswith("84") and len(number) == 11:
        number = "0" + number[2:]
    if not (_VN_MOBILE.match(number) or _VN_LANDLINE.match(number)):
        raise Refused(_("Số điện thoại chưa đúng: nhập 10 chữ số, ví dụ 0912 345 678."))
    return number


def normalise_email(raw: str) -> str:
    """Addresses are compared and stored in lower case (people type them both ways)."""
    return (raw or "").strip().lower()


def mask_email(email: str) -> str:
    """'nguyen.van.a@gmail.com' -> 'n•••a@gmail.com': the sender recognises it, a reader of the link learns little."""
    if not email or "@" not in email:
        return ""
    local, domain = email.split("@", 1)
    shown = local[0] + "•••" + (local[-1] if len(local) > 2 else "")
    return f"{shown}@{domain}"


def mask_phone(phone: str) -> str:
    """'0912345678' -> '0912•••678'."""
    return f"{phone[:4]}•••{phone[-3:]}" if len(phone) >= 8 else ""
