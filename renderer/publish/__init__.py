"""Publish rendered episodes: the show's feed and a preview page."""
