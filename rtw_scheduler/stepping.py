"""The smallest change that works, found in few trials (every suggestion's search uses it)."""

from collections.abc import Callable
from typing import TypeVar

Step = TypeVar("Step", int, float)


def smallest_that_works(steps: list[Step], works: Callable[[Step], bool]) -> Step | None:
    """The smallest of ascending `steps` that works, None when none does.

    Galloping, then bisection: steps 1, 2, 4, 8... from the start are tried until one
    works, then the gap below it is halved. The change needed is usually small, so this
    takes few trials there, and at most about twice the logarithm of the steps anyway.
    """
    below, probe = -1, 0
    while probe < len(steps) and not works(steps[probe]):
        below, probe = probe, 2 * probe + 1
    if probe >= len(steps):
        if below == len(steps) - 1 or not works(steps[-1]):
            return None
        probe = len(steps) - 1
    while probe - below > 1:
        middle = (below + probe) // 2
        if works(steps[middle]):
            probe = middle
        else:
            below = middle
    return steps[probe]
