"""The DuckDB warehouse: its schema, the build from the shipped sources, the readers of those sources,
and the queries the app and the command line read it with. Never imports streamlit, and nothing above it
(imports/, portfolio/): see the README, Architecture."""
