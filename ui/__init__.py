"""Streamlit helpers: connection, mode, texts, formatting, maps. Pages call these; logic lives below in heatdb and ghgmodel."""
