"""`python -m auditor` and the `audit-budget` script: the command line, started cheaply."""

from .gcpause import pause_startup
from .lazy_re import compiled_from_cache


def run() -> None:
    pause_startup()  # until the modules the run needs are loaded (cli.main ends it)
    with compiled_from_cache():  # click's modules and the standard ones it imports
        from .cli import main

    main()


if __name__ == "__main__":
    run()
