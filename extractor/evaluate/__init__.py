"""Scoring against gold JSON Lines, with the matching rules of the output contract.

gold reads and checks gold files and keeps what both sides cover; scoring pairs predictions
with gold lines and counts every score; report turns the counts into the text table, the
error list and the JSON object of `policy-extract eval`.
"""

from .gold import GOLD_SUFFIX, Gold, doc_name, load_gold, restrict
from .report import format_errors, format_report, report_json
from .scoring import (
    JUDGED_FIELDS,
    REL_TOLERANCE,
    Agreement,
    FieldScore,
    Scores,
    Tally,
    match,
    overlap,
    region_agrees,
    score,
    values_agree,
)

__all__ = [
    "GOLD_SUFFIX",
    "JUDGED_FIELDS",
    "REL_TOLERANCE",
    "Agreement",
    "FieldScore",
    "Gold",
    "Scores",
    "Tally",
    "doc_name",
    "format_errors",
    "format_report",
    "load_gold",
    "match",
    "overlap",
    "region_agrees",
    "report_json",
    "restrict",
    "score",
    "values_agree",
]
