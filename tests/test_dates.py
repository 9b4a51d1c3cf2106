import datetime as dt

import pandas as pd
import pytest

from arnews.dates import as_date, numeric_ymd, parse_dateline, period_bounds


def test_as_date_coerces_and_rejects():
    day = dt.date(2025, 8, 19)
    assert as_date(day) == day
    assert as_date(dt.datetime(2025, 8, 19, 13, 5)) == day
    assert as_date(" 2025-08-19T10:00 ") == day
    assert [as_date(v) for v in (None, float("nan"), pd.NaT, "  ")] == [None] * 4
    with pytest.raises(ValueError):
        as_date("19 أغسطس")


def test_numeric_ymd_orders():
    assert numeric_ymd("19", "08", "2025") == (2025, 8, 19)
    assert numeric_ymd("2025", "08", "19") == (2025, 8, 19)
    assert numeric_ymd("08", "19", "2025") == (2025, 8, 19)  # month first, English order
    assert numeric_ymd("19", "08", "25") is None
    assert numeric_ymd("19", "08", "1700") is None


def test_parse_dateline_shares_the_numeric_rule():
    assert parse_dateline("الثلاثاء ١٩ أغسطس ٢٠٢٥") == dt.date(2025, 8, 19)
    assert parse_dateline("08/19/2025 01:23 PM") == dt.date(2025, 8, 19)
    assert parse_dateline("19-08-2025 و 20-08-2025") is None  # two dates: none


def test_period_bounds_partial_dates():
    assert period_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert period_bounds("2025") == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    for bad in ("2025-13", "2025-02-30", "أمس"):
        with pytest.raises(ValueError):
            period_bounds(bad)


def test_dateline_head_reads_wire_datelines_only():
    from arnews.dates import dateline_head

    assert dateline_head("باريس، 2025/10/07 (وكالات) - أعلنت الشركة") == dt.date(2025, 10, 7)
    assert dateline_head("لندن – الخميس 13 شباط/فبراير 2025 – أعلن") == dt.date(2025, 2, 13)
    assert dateline_head("في 11 يوليو 2025، أعلنت الشركة - ثم") is None  # an event, no place
    assert dateline_head("أعلنت الشركة اليوم - وفق بيان") is None
