"""The unit an imported answer names, found by name or recorded once."""
from __future__ import annotations

import hashlib
import re

from minpan.units.models import Level, Unit


def answering_unit(name: str) -> Unit:
    name = re.sub(r"\s+", "", name)[:100]
    unit = Unit.objects.filter(name=name).order_by("pk").first()
    if unit is not None:
        return unit
    # Recorded switched off: a unit known only from history is in the statistics and the search,
    # not in the dispatch lists, until the center switches it on in the admin.
    code = "hist-" + hashlib.sha256(name.encode()).hexdigest()[:16]
    level = Level.COUNTY if re.search(r"[县区]人民政府|[县区]政府", name) else Level.CITY
    unit, _ = Unit.objects.get_or_create(code=code, defaults={"name": name, "level": level, "active": False})
    return unit
