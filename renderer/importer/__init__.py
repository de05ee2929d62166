"""Import a scraped dialogue article into a podcast script."""

from .pipeline import ImportOptions, ImportResult, import_article

__all__ = ["ImportOptions", "ImportResult", "import_article"]
