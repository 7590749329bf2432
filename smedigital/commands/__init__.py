"""The sub-commands of ``smedigital-cli`` beyond scoring and planning: exports and the pilot's files
(``template``, ``import``, ``export``, ``compare``, ``sheet``, ``pack``), aggregation (``aggregate``) and
city rule packs (``rules``). Each module has ``register(subparsers)``; ``smedigital.cli`` calls them all.
The heavy libraries are imported by the commands that use them, when they run."""
