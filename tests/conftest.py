import sys
from pathlib import Path

# tests/ modules (sitebuilder, fixtures) import each other by name.
sys.path.insert(0, str(Path(__file__).resolve().parent))
