from .gcpause import pause_startup

pause_startup()  # until the modules the run needs are loaded (cli.main ends it)

from .cli import main  # noqa: E402

main()
