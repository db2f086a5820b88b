"""Scale and speed measurements of the warehouse, the map payloads and the model (see README.md)."""
