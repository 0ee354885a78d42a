"""Streamlit-side helpers shared by dashboard.py and pages/: caching, filters, provenance."""
