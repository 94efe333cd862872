# Replaces pyinstaller-hooks-contrib's hook, which names every phonenumbers submodule: the ones
# packaging/exclusions.py leaves out (place names, carriers, time zones) would each warn "not found".
import importlib.util
from pathlib import Path

from PyInstaller.utils.hooks import collect_submodules

_spec = importlib.util.spec_from_file_location("palaute_exclusions", Path(__file__).parents[1] / "exclusions.py")
_exclusions = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_exclusions)
hiddenimports = collect_submodules("phonenumbers", filter=lambda name: _exclusions.module_excluded(name) is None)
