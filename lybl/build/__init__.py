"""Build time: everything that runs when the database is made (`make db`, `python -m lybl build`).

database.py is the build itself (load, derive, write a new file, swap); ingest/ reads each kind of file;
derive.py computes what the build adds (sums up the area tree, intervals, disclosure control, benchmarks,
trends); geo.py, boundaries.py and lap_profiles.py make the LAPs; schema.sql, derived.sql and marts/ are the
tables. extract.py, fetch.py, imports.py, uploads.py, releases.py and template.py bring data in.
"""
