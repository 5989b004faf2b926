"""Errors that the command line turns into a one-line message and an exit code (never a traceback)."""


class TrafficError(Exception):
    """Base for expected failures. ``exit_code`` is what `traffic` exits with."""

    exit_code = 2


class InputError(TrafficError):
    """Bad input: a file, a URL, a configuration value. Message names the file, line and what was expected."""


class CheckFailed(TrafficError):
    """A gate failed (e.g. ``traffic audit --fail-on error`` found errors)."""

    exit_code = 1
