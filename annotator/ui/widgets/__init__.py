"""The widgets the main window composes: article view, claim editor, verdict chips."""
