"""The dialogs the main window opens: sources, project settings."""
