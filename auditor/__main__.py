from .gcpause import pause_startup
from .lazy_re import compiled_from_cache

pause_startup()  # until the modules the run needs are loaded (cli.main ends it)
with compiled_from_cache():  # click's modules and the standard ones it imports
    from .cli import main

main()
