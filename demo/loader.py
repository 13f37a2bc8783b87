"""Demo data built from the real documents: Lạng Sơn 2023 (seed 000), Lạng Sơn 2024 (seed 001), Tràng Định 2024
(seed 003), Hà Nam 2021 (seed 004, a Party-style conclusion). Idempotent: every row is found by its natural key
before it is written. Conferences, their sites, issue groups and status moves, and petitions go through the
services a user's action goes through (demo/lifecycle.py); what has no such service is marked TODO(coordinator).

- people.py: units, agencies, logins; lang_son.py, trang_dinh.py, ha_nam.py: one module per conference;
  signing.py: a demo CA and the People's Committees' demo seals (made at load time, keys never committed).
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from .ha_nam import ha_nam_2021
from .lang_son import lang_son_2023, lang_son_2024
from .people import DEMO_PASSWORD, agencies, units, users
from .signing import demo_seals
from .trang_dinh import trang_dinh_2024

__all__ = ["DEMO_PASSWORD", "load_demo"]
SEALED_BODIES = ("ubnd-lang-son", "ubnd-trang-dinh")


@transaction.atomic
def load_demo() -> list[tuple[str, str]]:
    """Build the demo; returns (username, description) for every demo login."""
    map_units = units()
    bodies = agencies(map_units)
    logins = users(bodies)
    User = get_user_model()
    # A demo CA and seals for the People's Committees that issue, before any notice is issued (so it is signed).
    demo_seals([bodies[code] for code in SEALED_BODIES], User.objects.get(username="admin"))
    actor = User.objects.get(username="noivu_tinh")
    lang_son_2023(map_units, bodies, actor)
    lang_son_2024(map_units, bodies, actor)
    trang_dinh_actor = User.objects.get(username="noivu_trangdinh")
    trang_dinh_2024(map_units, bodies, trang_dinh_actor)
    ha_nam_2021(get_user_model().objects.get(username="admin"))
    return logins
