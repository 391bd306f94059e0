"""The names of the export formats, without loading the exporters: the command line's parser
offers them as choices while commands that export nothing (``info``, ``--version``) stay
cheap to start. A test keeps this list equal to ``EXPORT_FORMATS``."""

EXPORT_FORMAT_NAMES = ("json", "html", "pdf", "markdown", "csv", "claimreview", "webannotation")
