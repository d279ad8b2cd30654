"""Where the tests find the standards' schemas and real examples: ``shared/`` beside the clone.

Only tests read them; what the platform needs at run time ships inside the package.
"""

from pathlib import Path

STANDARDS = Path(__file__).resolve().parents[2] / "shared" / "standards"
HSDS_EXAMPLES = STANDARDS / "hsds" / "examples"
HSDS_SCHEMAS = STANDARDS / "hsds" / "schema"
