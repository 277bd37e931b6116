"""The output contract's names (contract v2): the kinds of figure and the record fields, in order.

Scripts and spreadsheets are built on these (README, "Record fields"). They live apart
from the pydantic classes of records.py so that the command line, the engine and the
exporters can use them without importing pydantic (about 60 ms of every start).
"""

KINDS = ("percentage", "money", "count", "population", "length", "area", "duration", "period")

FIELDS = (
    "doc", "article", "title", "source", "published",
    "kind", "metric", "value", "unit", "qualifier", "target", "change",
    "year", "start_year", "end_year",
    "subject", "region", "region_code",
    "text", "start", "end", "sentence",
)

#: The version of the output contract these fields follow (README, "Record fields").
CONTRACT_VERSION = "2"
