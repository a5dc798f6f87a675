"""First names and the sex they are given to, from the 1990 US Census name files (public
domain; as shipped in the PyPI package `names` 0.3.0, MIT), kept in first_names.txt: names
at least 0.005% frequent in one list and ten times as frequent there as in the other. Names
given to both (Jamie, Terry, Jordan) are left out: they tell nothing."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def first_names() -> dict[str, str]:
    """Lower-case first name -> "m" or "f"."""
    text = resources.files("nutgraf.engine").joinpath("first_names.txt").read_text("utf-8")
    names: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            sex, name = line.split()
            names[name] = sex
    return names
