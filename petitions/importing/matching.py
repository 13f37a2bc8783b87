"""Finding a conference's bridge points and issue groups from what people write in a list."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from conferences.models import AdministrativeUnit, BridgePoint, IssueGroup
from conferences.text import fold

from ..similarity import text_similarity

# A name this close is offered as "Có phải: …"; only one at least _SURE_MIN close (a typo, an extra word) comes
# pre-selected, so "Áp dụng và kiểm tra lại" never applies a guess nobody chose.
_SUGGEST_MIN = 0.3
_SURE_MIN = 0.7


_UNIT_WORDS = re.compile(r"^(diem cau|tinh|thanh pho|huyen|quan|thi xa|thi tran|xa|phuong|dac khu)\s+")


def _bare(name: str) -> str:
    """'Điểm cầu xã Tân Minh' -> 'tan minh': folded, without the kind words in front."""
    text = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(name)).split())
    previous = None
    while previous != text:
        previous, text = text, _UNIT_WORDS.sub("", text)
    return text


@dataclass(frozen=True)
class Suggestion:
    """A site or group offered for a row the list did not name clearly; `sure` ones come pre-selected."""

    pk: int
    name: str
    sure: bool


@dataclass
class SiteInfo:
    pk: int
    name: str
    bare: str
    full: str
    parent_bare: str
    parent_name: str
    tier: int
    in_scope: bool


class SiteMatcher:
    """Finds a conference's bridge point from what people write: 'Xã Tân Minh', 'tan minh', 'Điểm cầu Tân Minh'."""

    def __init__(self, sites: list[BridgePoint], scope_pks: set[int]):
        self.sites = []
        for site in sites:
            unit: AdministrativeUnit | None = site.unit
            self.sites.append(
                SiteInfo(
                    pk=site.pk,
                    name=site.name,
                    bare=_bare(unit.name if unit else site.name),
                    full=" ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(site.name)).split()),
                    parent_bare=_bare(unit.parent.name) if unit and unit.parent_id else "",
                    parent_name=unit.parent.full_name if unit and unit.parent_id else "",
                    tier=unit.tier if unit else 3,
                    in_scope=site.pk in scope_pks,
                )
            )
        self.by_key: dict[str, list[SiteInfo]] = {}
        for info in self.sites:
            for key in {info.bare, info.full}:
                self.by_key.setdefault(key, []).append(info)

    def resolve(self, text: str, unit: str = "") -> tuple[SiteInfo | None, str | None, Suggestion | None]:
        """(site, problem, suggestion). A name shared by several sites is settled by the district named with it;
        a name found nowhere gets a suggestion, from the row's unit first (see `suggest`)."""
        written = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split())
        first = _bare(re.split(r"[,(\-–]", fold(text))[0])
        found = self.by_key.get(written) or self.by_key.get(_bare(text)) or self.by_key.get(first) or []
        if len(found) > 1:
            narrowed = [s for s in found if s.parent_bare and s.parent_bare in written.replace(first, "", 1)]
            if len(narrowed) == 1:
                found = narrowed
            else:
                in_scope = [s for s in found if s.in_scope]
                if len(in_scope) == 1:
                    found = in_scope
        if len(found) == 1:
            site = found[0]
            if not site.in_scope:
                return None, _("Điểm cầu “%(name)s” không thuộc phạm vi đơn vị của bạn.") % {"name": site.name}, None
            return site, None, None
        if len(found) > 1 and not any(s.in_scope for s in found):
            return None, _("Điểm cầu “%(name)s” không thuộc phạm vi đơn vị của bạn.") % {"name": text}, None
        if len(found) > 1:
            names = ", ".join(f"{s.name} ({s.parent_name})" if s.parent_name else s.name for s in found)
            return None, _("“%(text)s” có thể là: %(names)s. Hãy ghi rõ hơn.") % {"text": text, "names": names}, None
        suggestion = self.suggest(text, unit)
        return None, _("Không tìm thấy điểm cầu “%(text)s”.") % {"text": text}, suggestion

    def suggest(self, text: str, unit: str = "") -> Suggestion | None:
        """The site the row's unit names ("Đoàn xã Kim Đồng" -> Xã Kim Đồng) is the sure guess: the unit is who
        raised the petition, the site column only where. Otherwise the in-scope site whose name is closest to
        `text`: offered from _SUGGEST_MIN, pre-selected only from _SURE_MIN (letters alike are not places alike)."""
        named = self.infer_from_unit(unit) if unit else None
        if named:
            return Suggestion(named.pk, named.name, sure=True)
        bare = _bare(text)
        scored = [(text_similarity(bare, s.bare), s) for s in self.sites if s.in_scope]
        scored = [(score, s) for score, s in scored if score >= _SUGGEST_MIN]
        if not scored:
            return None
        score, site = max(scored, key=lambda item: (item[0], -item[1].tier))
        return Suggestion(site.pk, site.name, sure=score >= _SURE_MIN)

    def infer_from_unit(self, unit_text: str) -> SiteInfo | None:
        """'Bí thư Đoàn xã Tân Minh' -> the Tân Minh site: the longest in-scope site name the unit ends with."""
        written = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(unit_text)).split())
        best = None
        for site in self.sites:
            if site.in_scope and site.bare and (written.endswith(" " + site.bare) or written == site.bare):
                key = (len(site.bare), site.tier)
                if best is None or key > (len(best.bare), best.tier):
                    best = site
        return best


class GroupMatcher:
    def __init__(self, groups: list[IssueGroup]):
        self.groups = [(g.pk, g.name, " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(g.name)).split())) for g in groups]

    def resolve(self, text: str) -> tuple[int | None, str | None, Suggestion | None]:
        written = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split())
        written = re.sub(r"^(nhom van de|nhom|linh vuc)\s+(ve\s+)?", "", written)
        written = re.sub(r"^([ivxlc]+|\d+)\s+", "", written)
        exact = [g for g in self.groups if g[2] == written]
        if not exact and written:
            # Every word written appears in exactly one group's name: "vốn", "OCOP", "nông thôn mới".
            words = set(written.split())
            exact = [g for g in self.groups if words <= set(g[2].split())]
        if len(exact) == 1:
            return exact[0][0], None, None
        scored = sorted(((text_similarity(written, g[2]), g) for g in self.groups), key=lambda x: -x[0])
        suggestion = None
        if scored and scored[0][0] >= _SUGGEST_MIN:
            (score, (pk, name, _folded)) = scored[0]
            suggestion = Suggestion(pk, name, sure=score >= _SURE_MIN)
        return None, _("Không có nhóm vấn đề “%(text)s” trong hội nghị này.") % {"text": text}, suggestion
