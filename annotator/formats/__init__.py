"""File formats: article importers, the native JSON report schema, and report exporters."""
