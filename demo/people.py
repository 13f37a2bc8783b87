"""Who the demo is about: the Lạng Sơn map (both eras), its agencies before and after the 2025 department merger,
and one login per role. Units load through the same loader as `manage.py load_units`; agencies and people are
reference data an administrator keeps in the admin, found by their code or username before they are written."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from conferences.models import AdministrativeUnit, Agency, AgencyKind, Membership, Role
from conferences.units import load_province_units

DEMO_PASSWORD = "DoiThoai@2024"
REFORM_DAY = date(2025, 3, 1)  # departments merged on 1 March 2025 (Resolution 1659/NQ-UBTVQH15 era)
DISTRICTS_END = date(2025, 6, 30)  # district bodies end with the district tier

# code | name | short name | abbreviation | kind | unit | valid to (- none, reform, districts) | successor code
AGENCIES = """
ubnd-lang-son | Ủy ban nhân dân tỉnh Lạng Sơn | UBND tỉnh Lạng Sơn | UBND | ubnd | province | - | -
vp-ubnd-lang-son | Văn phòng Ủy ban nhân dân tỉnh Lạng Sơn | Văn phòng UBND tỉnh | VP \
  | department | province | - | -
tinh-doan-lang-son | Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Lạng Sơn | Tỉnh đoàn Lạng Sơn | TĐ \
  | youth_union | province | - | -
so-noi-vu-lang-son | Sở Nội vụ tỉnh Lạng Sơn | Sở Nội vụ | SNV | department | province | - | -
so-tai-chinh-lang-son | Sở Tài chính tỉnh Lạng Sơn | Sở Tài chính | STC | department | province | - | -
so-nnmt-lang-son | Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn | Sở Nông nghiệp và Môi trường | SNNMT \
  | department | province | - | -
so-ldtbxh-lang-son | Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn | Sở Lao động - Thương binh và Xã hội | SLĐTBXH \
  | department | province | reform | so-noi-vu-lang-son
so-khdt-lang-son | Sở Kế hoạch và Đầu tư tỉnh Lạng Sơn | Sở Kế hoạch và Đầu tư | SKHĐT \
  | department | province | reform | so-tai-chinh-lang-son
so-nnptnt-lang-son | Sở Nông nghiệp và Phát triển nông thôn tỉnh Lạng Sơn | Sở Nông nghiệp và Phát triển nông thôn \
  | SNNPTNT | department | province | reform | so-nnmt-lang-son
so-gddt-lang-son | Sở Giáo dục và Đào tạo tỉnh Lạng Sơn | Sở Giáo dục và Đào tạo | SGDĐT \
  | department | province | - | -
nhcsxh-lang-son | Chi nhánh Ngân hàng Chính sách xã hội tỉnh Lạng Sơn | Chi nhánh NHCSXH tỉnh | NHCSXH \
  | other | province | - | -
ubnd-trang-dinh | Ủy ban nhân dân huyện Tràng Định | UBND huyện Tràng Định | UBND \
  | ubnd | trang_dinh | districts | -
huyen-doan-trang-dinh | Huyện đoàn Tràng Định | Huyện đoàn Tràng Định | HĐ \
  | youth_union | trang_dinh | districts | -
phong-noi-vu-trang-dinh | Phòng Nội vụ huyện Tràng Định | Phòng Nội vụ | PNV \
  | department | trang_dinh | districts | -
phong-nnptnt-trang-dinh | Phòng Nông nghiệp và Phát triển nông thôn huyện Tràng Định | Phòng Nông nghiệp và PTNT | PNN \
  | department | trang_dinh | districts | -
phong-kt-ht-trang-dinh | Phòng Kinh tế và Hạ tầng huyện Tràng Định | Phòng Kinh tế và Hạ tầng | PKTHT \
  | department | trang_dinh | districts | -
huyen-doan-cao-loc | Huyện đoàn Cao Lộc | Huyện đoàn Cao Lộc | HĐ | youth_union | cao_loc | districts | -
doan-xa-tan-minh | Đoàn xã Tân Minh | Đoàn xã Tân Minh | ĐX | youth_union | tan_minh | districts | -
"""
VALID_TO = {"-": None, "reform": REFORM_DAY, "districts": DISTRICTS_END}


@dataclass
class DemoUser:
    username: str
    full_name: str
    agency: str
    role: str
    is_head: bool = False
    job_title: str = ""


DEMO_USERS = [
    DemoUser("doan_tinh", "Nguyễn Thu Hà", "tinh-doan-lang-son", Role.YOUTH_UNION, job_title="Cán bộ Tỉnh đoàn"),
    DemoUser(
        "doan_trangdinh", "Hoàng Văn Minh", "huyen-doan-trang-dinh", Role.YOUTH_UNION, job_title="Phó Bí thư Huyện đoàn"
    ),
    DemoUser("doan_caoloc", "Lý Thị Mai", "huyen-doan-cao-loc", Role.YOUTH_UNION, job_title="Cán bộ Huyện đoàn"),
    DemoUser("doan_tanminh", "Nông Văn Tú", "doan-xa-tan-minh", Role.YOUTH_UNION, job_title="Bí thư Đoàn xã"),
    DemoUser("noivu_tinh", "Trần Thị Lan", "so-noi-vu-lang-son", Role.HOME_AFFAIRS, job_title="Chuyên viên Sở Nội vụ"),
    DemoUser(
        "noivu_trangdinh",
        "Đàm Văn Quang",
        "phong-noi-vu-trang-dinh",
        Role.HOME_AFFAIRS,
        job_title="Chuyên viên Phòng Nội vụ",
    ),
    DemoUser(
        "canbo_noivu", "Vi Thị Hồng", "so-noi-vu-lang-son", Role.AGENCY_OFFICER, job_title="Chuyên viên phòng Công chức"
    ),
    DemoUser(
        "canbo_laodong",
        "Hoàng Thị Thu",
        "so-ldtbxh-lang-son",
        Role.AGENCY_OFFICER,
        job_title="Chuyên viên phòng Việc làm",
    ),
    DemoUser(
        "canbo_nongnghiep", "Lương Văn Đức", "phong-nnptnt-trang-dinh", Role.AGENCY_OFFICER, job_title="Chuyên viên"
    ),
    DemoUser(
        "truongphong_nongnghiep",
        "Chu Văn Bình",
        "phong-nnptnt-trang-dinh",
        Role.AGENCY_OFFICER,
        is_head=True,
        job_title="Trưởng phòng",
    ),
    DemoUser("lanhdao", "Hồ Tiến Thiệu", "ubnd-lang-son", Role.LEADER, job_title="Chủ tịch UBND tỉnh"),
]


def units() -> dict[str, AdministrativeUnit]:
    load_province_units("Lạng Sơn")
    province = AdministrativeUnit.objects.get(source_key="province:tinhlangson")
    legacy = AdministrativeUnit.objects.filter(path__startswith=province.path, valid_to__isnull=False)
    return {
        "province": province,
        "trang_dinh": legacy.get(tier=2, name="Tràng Định"),
        "cao_loc": legacy.get(tier=2, name="Cao Lộc"),
        "tan_minh": legacy.get(tier=3, name="Tân Minh", parent__name="Tràng Định"),
    }


def agency_rows() -> list[list[str]]:
    """The AGENCIES table, one list of eight cells per agency (a trailing backslash continues a row)."""
    return [[cell.strip() for cell in line.split("|")] for line in AGENCIES.strip().splitlines()]


def agencies(units: dict[str, AdministrativeUnit]) -> dict[str, Agency]:
    found: dict[str, Agency] = {}
    rows = agency_rows()
    for code, name, short, abbr, kind, unit, valid_to, _successor in rows:
        found[code], _created = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "abbreviation": abbr,
                "kind": AgencyKind(kind),
                "unit": units[unit],
                "valid_to": VALID_TO[valid_to],
                "valid_from": None,
            },
        )
    found["so-nnmt-lang-son"].valid_from = REFORM_DAY
    found["so-nnmt-lang-son"].save(update_fields=["valid_from"])
    for code, *_rest, successor in rows:
        if successor != "-":
            Agency.objects.filter(code=code).update(successor=found[successor])
    Agency.objects.filter(code="phong-nnptnt-trang-dinh").update(requires_head_approval=True)
    return found


def _login(username: str, **defaults):
    user, created = get_user_model().objects.get_or_create(username=username, defaults=defaults)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def users(agencies: dict[str, Agency]) -> list[tuple[str, str]]:
    """One login per demo person (and the administrator); returns (username, description) for each."""
    logins = []
    for spec in DEMO_USERS:
        last, _, first = spec.full_name.rpartition(" ")
        user = _login(spec.username, first_name=first, last_name=last, email=f"{spec.username}@demo.langson.gov.vn")
        Membership.objects.update_or_create(
            user=user,
            defaults={
                "agency": agencies[spec.agency],
                "role": spec.role,
                "is_head": spec.is_head,
                "job_title": spec.job_title,
            },
        )
        logins.append(
            (spec.username, f"{spec.full_name} – {agencies[spec.agency].short_name}, {Role(spec.role).label}")
        )
    _login("admin", is_staff=True, is_superuser=True, email="admin@demo.langson.gov.vn", first_name="Quản trị")
    logins.append(("admin", "Quản trị hệ thống (trang /admin/)"))
    return logins
