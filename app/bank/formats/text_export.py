"""Pure: the bank in one of its text formats, as `bank export` and the teacher's export page both write it."""

import json

from app.bank.export import export_document
from app.bank.formats.gift import export_gift
from app.bank.formats.moodle_xml import export_moodle_xml
from app.bank.yamlio import BankFiles

TEXT_FORMATS = ("json", "gift", "moodle-xml")


def export_text(bank: BankFiles, fmt: str, include_drafts: bool = False) -> str:
    """The JSON export (everything, drafts marked), or Moodle GIFT / XML (published, drafts if asked)."""
    if fmt == "json":
        return json.dumps(export_document(bank), ensure_ascii=False, indent=2) + "\n"
    if fmt == "gift":
        return export_gift(bank, include_drafts=include_drafts)
    if fmt == "moodle-xml":
        return export_moodle_xml(bank, include_drafts=include_drafts)
    raise ValueError(f"unknown text format {fmt!r}; choose one of {', '.join(TEXT_FORMATS)}")
