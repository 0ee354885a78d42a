"""LYBL Insight: the entry script (`streamlit run dashboard.py`). The frame around every page, its navigation,
Place and LAP filters and plain-words errors, is ui/frame.py; the pages are pages/*.py."""
from ui import frame

frame.run()
