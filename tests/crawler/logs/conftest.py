"""Make `crawler.logs` the package, not this test folder.

pytest puts tests/ on sys.path (pyproject: pythonpath = ["tests"]), so tests/crawler/logs/ would be
imported as a namespace package `crawler.logs` and hide the real one. The repository root goes first.
"""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[3])
if sys.path[:1] != [ROOT]:
    sys.path.insert(0, ROOT)
for _name in [m for m in sys.modules if m == "crawler" or m.startswith("crawler.")]:
    if getattr(sys.modules[_name], "__file__", None) is None:  # a namespace stand-in
        del sys.modules[_name]
