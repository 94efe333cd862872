"""mask_pii: replace what find_pii finds, except the items the user chose to keep."""

from __future__ import annotations

from collections.abc import Iterable

from privacy.detector import find_pii
from privacy.kinds import MaskResult


def mask_pii(text: str, keep: Iterable[str] = ()) -> MaskResult:
    """Mask every finding whose key is not in keep; kept findings stay exactly as typed."""
    keep = set(keep)
    masked, kept, parts = [], [], []
    position = 0
    for finding in find_pii(text):
        if finding.key in keep:
            kept.append(finding)
            continue
        parts.append(text[position : finding.start])
        parts.append(finding.masked_after(text[position : finding.start]))
        position = finding.end
        masked.append(finding)
    parts.append(text[position:])
    return MaskResult("".join(parts), masked, kept)
