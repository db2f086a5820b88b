"""Exceptions of the model layer."""


class ModelInputError(ValueError):
    """Input the model cannot use; the message names where, what and the fix."""


class ParameterError(ModelInputError):
    """A parameter table is malformed or a key the code needs is missing."""
