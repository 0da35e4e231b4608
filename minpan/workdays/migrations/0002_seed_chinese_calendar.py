"""Seed the working-day calendar from the chinese-calendar package (2004–2026).

Later years come from `minpan calendar import FILE.csv` (the State Council's notice).
"""
from django.db import migrations

NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def seed(apps, schema_editor):
    from chinese_calendar import constants

    DayOverride = apps.get_model("workdays", "DayOverride")
    ScheduleYear = apps.get_model("workdays", "ScheduleYear")
    rows = [DayOverride(date=d, kind="holiday", name=NAMES.get(n, n)) for d, n in constants.holidays.items()]
    rows += [DayOverride(date=d, kind="workday", name=NAMES.get(n, n)) for d, n in constants.workdays.items()]
    DayOverride.objects.bulk_create(rows, ignore_conflicts=True)
    years = sorted({r.date.year for r in rows})
    for year in range(years[0], years[-1] + 1):
        ScheduleYear.objects.get_or_create(year=year, defaults={"source": "chinese-calendar 1.11.0（国务院办公厅通知）"})


def unseed(apps, schema_editor):
    apps.get_model("workdays", "DayOverride").objects.all().delete()
    apps.get_model("workdays", "ScheduleYear").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
