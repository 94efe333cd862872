"""The single sign-on groups-claim mapping: which groups of the organisation give which role, communities and
product areas (a module of its own so the settings can check the map at start)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protocol import schema

# The highest role any of a user's groups gives wins.
_RANK = {"rep": 0, "product": 1, "admin": 2}
_KINDS = ("role", "community", "product-area")


class GroupMapError(ValueError):
    """The configured map cannot be read."""


@dataclass(frozen=True)
class Access:
    """What a set of groups gives: None when no group maps (no access at all)."""

    role: str
    communities: tuple[str, ...] = ()
    product_areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class GroupMap:
    """`group=kind:value` entries separated by `;` or new lines, e.g.

        product=role:product; palaute-admins=role:admin; cs-payments=community:payments; cards=product-area:cards

    A user whose groups give communities or product areas but no role is a rep."""

    entries: tuple[tuple[str, str, str], ...] = field(default=())

    @classmethod
    def parse(cls, text: str) -> GroupMap:
        entries = []
        # `;`, a new line, or a literal backslash-n (as some env files write one) separates entries.
        for raw in re.split(r";|\n|\\n", text):
            item = raw.strip()
            if not item:
                continue
            group, sep, target = item.rpartition("=")
            kind, colon, value = target.strip().partition(":")
            if not sep or not colon or not group.strip() or not value.strip() or kind not in _KINDS:
                raise GroupMapError(
                    f"PALAUTE_SERVER_OIDC_GROUP_MAP: {item!r} is not group=role:NAME, group=community:SLUG "
                    "or group=product-area:SLUG"
                )
            if kind == "role" and value.strip() not in schema.ROLES:
                raise GroupMapError(f"PALAUTE_SERVER_OIDC_GROUP_MAP: role must be one of {', '.join(schema.ROLES)}")
            entries.append((group.strip(), kind, value.strip()))
        if not entries:
            raise GroupMapError("PALAUTE_SERVER_OIDC_GROUP_MAP maps no group")
        return cls(tuple(entries))

    def access(self, groups: list[str] | tuple[str, ...]) -> Access | None:
        held = set(groups)
        matched = [(kind, value) for group, kind, value in self.entries if group in held]
        if not matched:
            return None
        roles = [value for kind, value in matched if kind == "role"]
        return Access(
            role=max(roles, key=_RANK.__getitem__) if roles else "rep",
            communities=tuple(sorted({v for k, v in matched if k == "community"})),
            product_areas=tuple(sorted({v for k, v in matched if k == "product-area"})),
        )
