"""The podcast script: its model and YAML, the voice profiles its speakers name."""
