"""Streamlit helpers: connection, mode, texts, formatting, maps. Pages call these; logic lives below in reports, portfolio, imports, heatdb and ghgmodel."""
