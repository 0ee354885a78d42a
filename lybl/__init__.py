"""LYBL Insight engine: build, query and statistics, importable without Streamlit."""
