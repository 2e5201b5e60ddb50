"""The web pages: one blueprint per feature, each view thin."""
