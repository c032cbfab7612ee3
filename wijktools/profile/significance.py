"""'Significant hoger/lager dan gemeente/Nederland': only where the area's 95 %-interval excludes the comparator."""

from __future__ import annotations

RULE = (
    "Significant hoger of lager dan gemeente of Nederland staat er alleen als het hele 95 %-interval "
    "van het gebied boven of onder de waarde van de gemeente of Nederland ligt, uit dezelfde tabel en "
    "hetzelfde jaar. Raakt of omvat het interval die waarde, of ontbreekt een van beide, dan staat er "
    "niets: het verschil kan dan toeval van de schatting zijn."
)
NO_INTERVAL_KERN = (
    "Een kern is samengesteld uit wijken en heeft geen eigen 95 %-interval; daarom staat bij de "
    "RIVM-cijfers van de kern geen significantie."
)
COMPARATORS = {"gemeente": "gemeente", "nederland": "Nederland"}


def mark(lower: float | None, upper: float | None, comparator: float | None) -> str:
    """'hoger', 'lager' or '' (interval missing, comparator missing, or interval touches/holds it)."""
    if lower is None or upper is None or comparator is None:
        return ""
    if lower > comparator:
        return "hoger"
    if upper < comparator:
        return "lager"
    return ""


def text(direction: str, comparator: str) -> str:
    """'significant hoger dan gemeente' ('' without a mark)."""
    if not direction:
        return ""
    return f"significant {direction} dan {COMPARATORS.get(comparator, comparator)}"


def marks_text(gemeente: str, nederland: str) -> str:
    """Both marks of a row in one short phrase: 'significant hoger dan gemeente en Nederland'."""
    if gemeente and gemeente == nederland:
        return f"significant {gemeente} dan gemeente en Nederland"
    return "; ".join(t for t in (text(gemeente, "gemeente"), text(nederland, "nederland")) if t)
