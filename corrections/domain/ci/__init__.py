"""The store's CI: what it installs, the workflow files each git host reads, and the check
that the two agree. Pure functions; the store writes the files and validate reads them.

Modules: ``install`` (pinned requirements), ``settings`` (the ``[ci]`` table),
``workflows`` (one template per host), ``check`` (findings for ``corrections validate``).
"""
