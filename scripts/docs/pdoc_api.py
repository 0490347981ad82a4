"""Runs pdoc on the installed peeker_core. The package presents its classes as
`peeker_core.X` (their __module__), which keeps reprs short but hides from pdoc
where each class is defined; pdoc then cannot read the class's source nor
resolve its annotations. Here each class gets its defining module back first
(only in this process). Usage: pdoc_api.py <pdoc arguments>..."""

import importlib
import inspect
import pkgutil
import re
import sys

import pdoc.__main__

import peeker_core

for info in pkgutil.iter_modules(peeker_core.__path__):
    module = importlib.import_module(f"peeker_core.{info.name}")
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):  # the native module
        continue
    for name, value in list(vars(module).items()):
        # Defined here (a `class Name` line of this module), not imported.
        if isinstance(value, type) and value.__module__ == "peeker_core" and re.search(rf"^\s*class {name}\b", source, re.M):
            value.__module__ = module.__name__
sys.argv = ["pdoc", *sys.argv[1:]]
pdoc.__main__.cli()
