"""A city's own files into the warehouse: one module per kind, every problem listed, all or nothing."""
