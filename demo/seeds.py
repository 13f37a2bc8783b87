"""Parsers for the real documents in seeds/ (plain-text extractions kept as written, typos included)."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from conferences.text import nfc

SEED_DIR = Path(__file__).parent / "seeds"
NOTICE_2023 = SEED_DIR / "000_f2b5e3d6ed5042ed.txt"
PLAN_2024 = SEED_DIR / "001_6139bc06e338363c.txt"
APPENDIX_TRANG_DINH = SEED_DIR / "003_7cad536d27f2db5b.txt"
PARTY_NOTICE_HA_NAM = SEED_DIR / "004_13a6090d2288f5d4.txt"

_MARKUP = re.compile(r"\*\*|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|^#+\s*", re.MULTILINE)


def read(path: Path) -> str:
    return nfc(path.read_text(encoding="utf-8"))


def strip_markup(line: str) -> str:
    """Drop the markdown emphasis and heading marks of the extraction, keep the words."""
    line = re.sub(r"<sub>(.*?)</sub>", r"\1", line)
    line = re.sub(r"^#+\s*", "", line.strip())
    line = line.replace("**", "")
    line = re.sub(r"(?<![\w*])\*(?=\S)(.*?)(?<=\S)\*(?![\w*])", r"\1", line)
    return line.strip()


def keep_emphasis(line: str) -> str:
    """A line of the extraction with its bold and italic marks kept (they are the notice markup's own: **bold**,
    *italic*, ***both***); heading marks and HTML subscripts dropped."""
    line = re.sub(r"<sub>(.*?)</sub>", r"\1", line)
    return re.sub(r"^#+\s*", "", line.strip()).strip()


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs; a paragraph the page break cut mid-sentence is joined back."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(part.strip() for part in block.strip().splitlines() if part.strip())
        if not block:
            continue
        if out and block[0].islower() and not out[-1].rstrip().endswith((".", ";", ":", "!", "?")):
            out[-1] = f"{out[-1]} {block}"
        else:
            out.append(block)
    return out


@dataclass
class NoticeDirective:
    number: str
    heading: str
    text: str


@dataclass
class NoticeSectionText:
    number: str
    heading: str
    body: str = ""
    directives: list[NoticeDirective] = field(default_factory=list)


@dataclass
class ParsedNotice:
    title: str
    legal_bases: str
    opening: str
    sections: list[NoticeSectionText]
    closing_line: str
    recipients: list[str]
    authority: str
    authority_line: str
    signer_title: str
    signer_name: str
    drafter_code: str


_SECTION = re.compile(r"^(\d+)\.\s+(.*)$")
_SUB = re.compile(r"^(\d+\.\d+)\.\s+(.*)$")


def parse_notice_2023() -> ParsedNotice:
    """Seed 000: the Lạng Sơn 2023 conclusion notice, split into the parts the portal stores."""
    raw = read(NOTICE_2023)
    paras = [strip_markup(p) for p in paragraphs(raw)]
    title = next(p for p in paras if p.startswith("Kết luận của"))
    legal = next(p for p in paras if p.startswith("Căn cứ"))
    start = paras.index(legal) + 1
    first_section = next(i for i, p in enumerate(paras) if _SECTION.match(p) and not _SUB.match(p))
    opening = "\n".join(paras[start:first_section])
    closing_idx = next(i for i, p in enumerate(paras) if "nghiêm túc triển khai thực hiện" in p)

    sections: list[NoticeSectionText] = []
    current_directive: NoticeDirective | None = None
    for para in paras[first_section:closing_idx]:
        sub = _SUB.match(para)
        top = _SECTION.match(para)
        if sub and para.split(".")[0] == "2":
            # "2.2. Sở Kế hoạch và Đầu tư: chủ trì..." carries its text inline after the colon.
            heading, _, inline = sub.group(2).partition(":") if ":" in sub.group(2)[:80] else (sub.group(2), "", "")
            current_directive = NoticeDirective(sub.group(1), heading.strip(), inline.strip())
            sections[-1].directives.append(current_directive)
        elif top and not sub:
            sections.append(NoticeSectionText(top.group(1), top.group(2)))
            current_directive = None
        elif current_directive is not None:
            current_directive.text = "\n".join(filter(None, [current_directive.text, para]))
        else:
            sections[-1].body = "\n".join(filter(None, [sections[-1].body, para]))

    tail = raw.split("Nơi nhận:", 1)[1]
    recipients = [strip_markup(line)[1:].strip() for line in tail.splitlines() if line.strip().startswith("- ")]
    drafter = recipients[-1].removeprefix("Lưu:").strip().rstrip(".")
    recipients.pop()  # "Lưu: VT, NC(PVD)." is rendered from the drafter code.
    after_archive = tail.split("- Lưu:", 1)[1].split("\n", 1)[1]
    sign_lines = [strip_markup(x) for x in after_archive.splitlines() if strip_markup(x)]
    authority, _, authority_line = sign_lines[0].partition(" ")
    return ParsedNotice(
        title=title,
        legal_bases=legal,
        opening=opening,
        sections=sections,
        closing_line=paras[closing_idx],
        recipients=recipients,
        authority=authority,
        authority_line=authority_line.strip(),
        signer_title=sign_lines[1],
        signer_name=sign_lines[2],
        drafter_code=drafter.split(",", 1)[1].strip(),
    )


@dataclass
class AppendixRow:
    number: int
    content: str
    unit: str
    answer: str


def _clean_cell(lines: list[str]) -> str:
    """Trim each line, keep the line structure, one blank line at most between paragraphs."""
    text = "\n".join(line.strip() for line in lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def parse_appendix_trang_dinh() -> tuple[str, str, list[AppendixRow]]:
    """Seed 003: a table extracted as tab-led cells; a row starts with ' \\t' (or '\\t1' for the first)."""
    lines = read(APPENDIX_TRANG_DINH).splitlines()
    title = " ".join(line.strip() for line in lines[:4] if line.strip() and not line.startswith("("))
    reference = next(line.strip() for line in lines if line.strip().startswith("(Ban hành kèm theo"))
    body = lines[lines.index("\tNỘI DUNG GIẢI ĐÁP") + 1 :]
    rows: list[list[list[str]]] = []
    for line in body:
        if line.startswith(" \t") or re.match(r"^\t\d+\s*$", line):
            rows.append([])
            if line.startswith(" \t"):
                rows[-1].append([line[2:]])
            continue
        if not rows:
            continue
        if line.startswith("\t"):
            rows[-1].append([line[1:]])
        elif rows[-1]:
            rows[-1][-1].append(line)
    parsed = []
    for number, cells in enumerate(rows, start=1):
        content, unit, *answer = cells
        answer_lines = [line for cell in answer for line in cell]
        parsed.append(
            AppendixRow(
                number=number,
                content=_clean_cell(content),
                unit=" ".join(" ".join(unit).split()),
                answer=_clean_cell(answer_lines),
            )
        )
    return title, reference, parsed
