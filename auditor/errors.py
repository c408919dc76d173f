"""Errors the command line turns into one clear line and exit status 2."""


class InputError(Exception):
    """The input cannot be read as a report (missing, binary, undecodable, empty)."""


class UsageError(Exception):
    """The command line or the configuration asks for something impossible."""
