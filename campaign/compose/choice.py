"""Choose phrasings that fit together: a lead-in that suits its points, each fact said once.

A letter's paragraphs are chosen in a fixed order (the lead-in, the points in the action's
order, the concern, the close, the opening), each from its phrasings in the order the
supporter's variation gives them. The first combination in that order in which the lead-in
fits every point's kind and no fact is stated twice is the letter's: with no clash, that is
simply each paragraph's own pick.
"""

from collections.abc import Callable, Iterator, Sequence
from itertools import combinations

from campaign.content.checks import Problem
from campaign.content.models import Action, Phrasing
from campaign.content.rules import MAX_POINTS, MIN_POINTS

# Puts a paragraph's phrasings in the order they are tried, e.g. Variation.order.
Order = Callable[[str, Sequence[Phrasing]], Sequence[Phrasing]]


def _in_given_order(slot: str, options: Sequence[Phrasing]) -> Sequence[Phrasing]:
    return options


def paragraph_slots(
    action: Action, point_ids: Sequence[str], openings: Sequence[Phrasing] | None = None
) -> list[tuple[str, Sequence[Phrasing]]]:
    """Return the paragraphs to choose, by slot name, in the order they are chosen."""
    wording = action.letter
    return [
        ("call", wording.calls),
        *((f"point:{pid}", action.point(pid).phrasings) for pid in point_ids),
        ("concern", wording.concerns),
        ("close", wording.closes),
        ("opening", wording.openings if openings is None else openings),
    ]


def choose_phrasings(
    slots: Sequence[tuple[str, Sequence[Phrasing]]],
    order: Order = _in_given_order,
    *,
    facts_once: bool = True,
) -> dict[str, Phrasing] | None:
    """Return the first fitting phrasing of every slot, or None if no combination fits.

    The lead-in ("call") must fit every point's kind; with `facts_once`, no two chosen
    phrasings state the same fact.
    """
    # Text given as plain strings (as in tests' hand-made wording) says nothing of itself.
    ordered = [
        (slot, [p if isinstance(p, Phrasing) else Phrasing(p) for p in order(slot, options)])
        for slot, options in slots
    ]
    chosen: dict[str, Phrasing] = {}

    def fits(slot: str, phrasing: Phrasing, stated: frozenset[str]) -> bool:
        if facts_once and phrasing.states & stated:
            return False
        call = chosen.get("call")
        return not (
            slot.startswith("point:") and call is not None and not call.leads_into(phrasing)
        )

    def search(index: int, stated: frozenset[str]) -> bool:
        if index == len(ordered):
            return True
        slot, options = ordered[index]
        for phrasing in options:
            if fits(slot, phrasing, stated):
                chosen[slot] = phrasing
                if search(index + 1, stated | phrasing.states):
                    return True
        chosen.pop(slot, None)
        return False

    return dict(chosen) if search(0, frozenset()) else None


def choose_letter_phrasings(
    action: Action, point_ids: Sequence[str], openings: Sequence[Phrasing], order: Order
) -> dict[str, Phrasing]:
    """Return the phrasing of every paragraph, the first combination that fits in `order`.

    Content checks refuse actions where none fits. Should one slip through, the facts rule
    gives way first (a fact said twice reads better than a lead-in that clashes), then the
    kinds too, and every paragraph takes its own first pick.
    """
    slots = paragraph_slots(action, point_ids, openings)
    return (
        choose_phrasings(slots, order)
        or choose_phrasings(slots, order, facts_once=False)
        or {slot: order(slot, options)[0] for slot, options in slots}
    )


def quote_start(text: str, count: int = 6) -> str:
    """Quote a phrasing by its first words, to name it in a message."""
    words = text.split()
    return "'" + " ".join(words[:count]) + ("…'" if len(words) > count else "'")


def _why_no_lead_in_fits(action: Action, point_ids: Sequence[str]) -> str:
    reasons = []
    for call in action.letter.calls:
        for pid in point_ids:
            kinds = sorted({p.kind or "unsaid" for p in action.point(pid).phrasings})
            if not any(call.leads_into(p) for p in action.point(pid).phrasings):
                reasons.append(
                    f"lead-in {quote_start(call)} fits none of the phrasings of point '{pid}' "
                    f"({', '.join(kinds)})"
                )
                break
    return "; ".join(reasons)


def _who_states_what(action: Action) -> str:
    stating: dict[str, list[str]] = {}
    for slot, options in paragraph_slots(action, [p.id for p in action.points]):
        for phrasing in options:
            for fact in sorted(phrasing.states):
                stating.setdefault(fact, []).append(f"{slot} {quote_start(phrasing)}")
    return "; ".join(f"'{fact}' by {', '.join(where)}" for fact, where in sorted(stating.items()))


def phrasings_combine(action: Action) -> Iterator[Problem]:
    """Find the sets of points for which no combination of phrasings fits together."""
    ids = [point.id for point in action.points]
    for size in range(MIN_POINTS, min(MAX_POINTS, len(ids)) + 1):
        for point_ids in combinations(ids, size):
            slots = paragraph_slots(action, point_ids)
            if choose_phrasings(slots) is not None:
                continue
            chosen = ", ".join(point_ids)
            if choose_phrasings(slots, facts_once=False) is None:
                message = (
                    f"with the points {chosen}, no lead-in (calls) fits a phrasing of each "
                    f"point: {_why_no_lead_in_fits(action, point_ids)}"
                )
            else:
                message = (
                    f"with the points {chosen}, every combination of phrasings states a fact "
                    f"twice: {_who_states_what(action)}"
                )
            yield Problem(f"{action.source}: field 'letter'", message)
