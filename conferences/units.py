"""Load the administrative map of a province, in both eras, from the maintained `vietnamadminunits` dataset.

Legacy map (63 provinces, province -> district -> commune) is valid until 30/06/2025; the 2025 map
(34 provinces -> communes) from 01/07/2025. Successor links come from the package's old -> new converter table.
"""

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import vietnamadminunits
from django.db import transaction

from .models import LEGACY_END, TWO_TIER_START, AdministrativeUnit, UnitKind
from .text import fold

DATA_DIR = Path(vietnamadminunits.__file__).parent / "data"

PROVINCE_KINDS = {"Tỉnh": UnitKind.PROVINCE, "Thành phố": UnitKind.CENTRAL_CITY}
DISTRICT_KINDS = {
    "Huyện": UnitKind.DISTRICT,
    "Quận": UnitKind.URBAN_DISTRICT,
    "Thị xã": UnitKind.TOWN,
    "Thành phố": UnitKind.PROVINCIAL_CITY,
}
COMMUNE_KINDS = {
    "Xã": UnitKind.COMMUNE,
    "Phường": UnitKind.WARD,
    "Thị trấn": UnitKind.TOWNSHIP,
    "Đặc khu": UnitKind.SPECIAL_ZONE,
}


class UnknownProvince(ValueError):
    pass


@dataclass
class LoadStats:
    created: int = 0
    updated: int = 0
    successor_links: int = 0
    provinces: list[str] = field(default_factory=list)

    def count(self, created: bool) -> None:
        if created:
            self.created += 1


def _rows(sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    with sqlite3.connect(DATA_DIR / "dataset.db") as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql, params).fetchall()


def _province_kind(full_name: str) -> str:
    return PROVINCE_KINDS["Thành phố" if full_name.startswith("Thành phố") else "Tỉnh"]


def _matching_keys(name: str) -> tuple[set[str], set[str]]:
    """Province keys in each era whose name folds to the requested name ('Lạng Sơn', 'lang son', 'Tỉnh Hà Nam')."""
    wanted = fold(name).replace("tinh ", "").replace("thanh pho ", "").replace(" ", "")
    legacy = {
        r["provinceKey"]
        for r in _rows("SELECT DISTINCT provinceShort, provinceKey FROM admin_units_legacy")
        if fold(r["provinceShort"]).replace(" ", "") == wanted
    }
    current = {
        r["provinceKey"]
        for r in _rows("SELECT DISTINCT provinceShort, provinceKey FROM admin_units")
        if fold(r["provinceShort"]).replace(" ", "") == wanted
    }
    return legacy, current


def _upsert(source_key: str, **values) -> tuple[AdministrativeUnit, bool]:
    unit = AdministrativeUnit.objects.filter(source_key=source_key).first()
    if unit is None:
        unit = AdministrativeUnit(source_key=source_key, **values)
        unit.save()
        return unit, True
    changed = any(getattr(unit, k) != v for k, v in values.items())
    if changed:
        for k, v in values.items():
            setattr(unit, k, v)
        unit.save()
    return unit, False


def _province_keys(name: str, province_map: dict[str, list[str]]) -> tuple[set[str], set[str], set[str]]:
    """Legacy and 2025 province keys to load for `name`, and the keys of provinces the reform left whole."""
    legacy_keys, current_keys = _matching_keys(name)
    if not legacy_keys and not current_keys:
        raise UnknownProvince(name)
    # A merged province pulls in its successor; a new province pulls in the provinces merged into it.
    for new_key, old_keys in province_map.items():
        if legacy_keys & set(old_keys):
            current_keys.add(new_key)
        if new_key in current_keys:
            legacy_keys.update(old_keys)
    # A province the reform left whole (Lạng Sơn) is one unit across both eras; only its children change.
    unchanged = {new_key for new_key, old_keys in province_map.items() if old_keys == [new_key]}
    return legacy_keys, current_keys, unchanged


def _legacy_province(pkey: str, whole: bool, rows: list[sqlite3.Row], stats: LoadStats) -> AdministrativeUnit:
    first = rows[0]
    province, created = _upsert(
        f"province:{pkey}" if whole else f"legacy:{pkey}",
        name=first["provinceShort"],
        kind=_province_kind(first["province"]),
        tier=1,
        parent=None,
        code=first["provinceCode"] or "",
        valid_from=None,
        valid_to=None if whole else LEGACY_END,
    )
    stats.count(created)
    stats.provinces.append(province.full_name if whole else f"{province.full_name} (trước 01/07/2025)")
    return province


def _load_legacy(pkey: str, whole: bool, stats: LoadStats) -> dict[str, AdministrativeUnit]:
    """One province of the legacy map: province -> districts -> communes, valid until 30/06/2025."""
    rows = _rows("SELECT * FROM admin_units_legacy WHERE provinceKey = ? ORDER BY districtCode, wardCode", (pkey,))
    if not rows:
        return {}
    province = _legacy_province(pkey, whole, rows, stats)
    units = {pkey: province}
    districts: dict[str, AdministrativeUnit] = {}
    for row in rows:
        dkey = f"{pkey}_{row['districtKey']}"
        if dkey not in districts:
            districts[dkey], created = _upsert(
                f"legacy:{dkey}",
                name=row["districtShort"],
                kind=DISTRICT_KINDS[row["districtType"]],
                tier=2,
                parent=province,
                code=row["districtCode"] or "",
                valid_from=None,
                valid_to=LEGACY_END,
            )
            stats.count(created)
        if not row["wardKey"]:
            continue  # island districts with no communes
        wkey = f"{dkey}_{row['wardKey']}"
        units[wkey], created = _upsert(
            f"legacy:{wkey}",
            name=row["wardShort"],
            kind=COMMUNE_KINDS[row["wardType"]],
            tier=3,
            parent=districts[dkey],
            code=row["wardCode"] or "",
            valid_from=None,
            valid_to=LEGACY_END,
        )
        stats.count(created)
    return units


def _current_province(pkey: str, whole: bool, first: sqlite3.Row, stats: LoadStats) -> AdministrativeUnit:
    if whole:
        return AdministrativeUnit.objects.get(source_key=f"province:{pkey}")
    province, created = _upsert(
        f"2025:{pkey}",
        name=first["provinceShort"],
        kind=_province_kind(first["province"]),
        tier=1,
        parent=None,
        code=first["provinceCode"] or "",
        valid_from=TWO_TIER_START,
        valid_to=None,
    )
    stats.count(created)
    stats.provinces.append(f"{province.full_name} (từ 01/07/2025)")
    return province


def _load_current(pkey: str, whole: bool, stats: LoadStats) -> dict[str, AdministrativeUnit]:
    """One province of the 2025 map: province -> communes, valid from 01/07/2025."""
    rows = _rows("SELECT * FROM admin_units WHERE provinceKey = ? ORDER BY wardCode", (pkey,))
    province = _current_province(pkey, whole, rows[0], stats)
    units = {pkey: province}
    for row in rows:
        # Tier 3 in both eras: a commune is a commune whether or not a district sits above it.
        units[f"{pkey}_{row['wardKey']}"], created = _upsert(
            f"2025:{pkey}_{row['wardKey']}",
            name=row["wardShort"],
            kind=COMMUNE_KINDS[row["wardType"]],
            tier=3,
            parent=province,
            code=row["wardCode"] or "",
            valid_from=TWO_TIER_START,
            valid_to=None,
        )
        stats.count(created)
    return units


def _successor_links(converter: dict, legacy: dict, current: dict, unchanged: set[str]) -> set[tuple[int, int]]:
    """(old unit, new unit) pairs: provinces, then communes (undivided old -> new, divided old -> several new)."""
    links: set[tuple[int, int]] = set()
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            if old_key in legacy and new_key in current and old_key not in unchanged:
                links.add((legacy[old_key].pk, current[new_key].pk))
    for new_pkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        if new_pkey not in current:
            continue
        for new_wkey, old_full_keys in wards.items():
            new_unit = current.get(f"{new_pkey}_{new_wkey}")
            for old_full in old_full_keys:
                old_unit = legacy.get(old_full)
                if new_unit and old_unit:
                    links.add((old_unit.pk, new_unit.pk))
    for new_pkey, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        if new_pkey not in current:
            continue
        for old_full, targets in divided.items():
            old_unit = legacy.get(old_full)
            for target in targets:
                new_unit = current.get(f"{new_pkey}_{target['newWardKey']}")
                if old_unit and new_unit:
                    links.add((old_unit.pk, new_unit.pk))
    return links


def _store_links(links: set[tuple[int, int]]) -> None:
    through = AdministrativeUnit.successors.through
    existing = set(
        through.objects.filter(from_administrativeunit_id__in=[a for a, _ in links]).values_list(
            "from_administrativeunit_id", "to_administrativeunit_id"
        )
    )
    missing = links - existing
    through.objects.bulk_create(
        [through(from_administrativeunit_id=a, to_administrativeunit_id=b) for a, b in sorted(missing)]
    )


@transaction.atomic
def load_province_units(name: str) -> LoadStats:
    """Create or update one province in both eras with validity dates and successor links. Idempotent."""
    converter = json.loads((DATA_DIR / "converter_2025.json").read_text(encoding="utf-8"))
    legacy_keys, current_keys, unchanged = _province_keys(name, converter["DICT_PROVINCE"])
    stats = LoadStats()
    legacy: dict[str, AdministrativeUnit] = {}
    current: dict[str, AdministrativeUnit] = {}
    for pkey in sorted(legacy_keys):
        legacy.update(_load_legacy(pkey, pkey in unchanged, stats))
    for pkey in sorted(current_keys):
        current.update(_load_current(pkey, pkey in unchanged, stats))
    links = _successor_links(converter, legacy, current, unchanged)
    _store_links(links)
    stats.successor_links = len(links)
    return stats
