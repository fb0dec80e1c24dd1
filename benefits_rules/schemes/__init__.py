"""Registry of calculators that rule files can name in ``calculator:``."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import (
    bijzondere_bijstand,
    huurtoeslag,
    inkomenstoeslag,
    kinderopvangtoeslag,
    kindgebonden_budget,
    kwijtschelding,
    norms,
    participation,
    referral,
    zorgtoeslag,
)
from .base import Calculator, Context

CALCULATORS: Mapping[str, Calculator] = MappingProxyType(
    {
        module.CALCULATOR.name: module.CALCULATOR
        for module in (
            zorgtoeslag,
            huurtoeslag,
            kindgebonden_budget,
            kinderopvangtoeslag,
            norms,
            bijzondere_bijstand,
            inkomenstoeslag,
            kwijtschelding,
            participation,
            referral,
        )
    }
)

__all__ = ["CALCULATORS", "Calculator", "Context"]
