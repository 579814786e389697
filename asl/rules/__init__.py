"""ASL validation: one module per rule family, and the catalogue of diagnostic codes.

validate(machine)                # findings about one StateMachineSource, sorted
validate_parsed(parsed)          # every finding of a ParsedFile, by file name
check_text(text, "flow.asl.json")
CATALOGUE["ASL104"]              # CodeInfo: severity, title, docs anchor, fixable
"""

from eventsmith.asl.rules._catalogue import CATALOGUE, CodeInfo
from eventsmith.asl.rules._validate import check_text, validate, validate_parsed

__all__ = ["CATALOGUE", "CodeInfo", "check_text", "validate", "validate_parsed"]
