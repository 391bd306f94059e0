"""Annotator: a desktop fact-checking workbench.

The package is layered (see DESIGN.md): ``domain`` is pure Python, ``storage`` and ``formats``
build on it, ``services`` are the use cases shared by the GUI (``ui``) and the command line
(``cli``).
"""

__version__ = "0.1.0"
