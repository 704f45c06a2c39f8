"""The Open Referral HSDS 3.0 exchange formats: the tabular data package (a zip of CSV
files with a datapackage.json) and the JSON form (services with everything nested).

Both go through the same rows: `reading` turns a file into the tables' rows (JSON is
flattened on the way in), `importer` checks and writes them, and `exporter` builds both
forms from the tables described in `schema`.
"""
