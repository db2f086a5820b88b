"""Exceptions of the warehouse layer."""

from ghgmodel.errors import ModelInputError


class ImportValidationError(ValueError):
    """An input file cannot be imported; the message names file, row, column, value and fix.

    Raised before anything is written: the database is unchanged.
    """


class DatabaseError(RuntimeError):
    """The database is missing, from another version, or cannot be opened."""


__all__ = ["DatabaseError", "ImportValidationError", "ModelInputError"]
