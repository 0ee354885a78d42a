"""Read time: one module per page question, answering from the named queries' frames. Plain pandas, no
Plotly and no Streamlit (tests/test_layout.py checks); lybl.present writes and draws what they answer."""
