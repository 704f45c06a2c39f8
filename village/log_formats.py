"""The log's two forms, shared by Django's LOGGING (village/settings.py) and gunicorn's own
lines (village/gunicorn.conf.py), so both write one shape: `text` for a person reading a
terminal, `json` (one object a line) for a log store."""

LOG_FORMATTERS = {
    "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": ["levelname", "name", "message", "process"],
        "rename_fields": {"levelname": "level", "name": "logger"},
        "timestamp": "time",  # ISO 8601 in UTC
    },
}
