"""Streamlit-side helpers shared by dashboard.py and views/: caching, filters, provenance."""
