# US Spanish, in words (see core/formats/__init__.py).
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = r"j \d\e F"
YEAR_MONTH_FORMAT = r"F \d\e Y"
