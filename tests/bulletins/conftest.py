"""The reports' data set (tests/reports/conftest.py: ten Tongliao cases across September and
October 2026, every figure known) is the bulletins' too: a bulletin is drafted from those figures."""
from tests.reports.conftest import on, two_months

__all__ = ["on", "two_months"]
