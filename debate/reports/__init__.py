"""Read-side reports of a results database: exports (JSON, CSV, Markdown), the judges report,
rating history. They read the record and never call a model."""
