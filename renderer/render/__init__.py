"""Render a script: plan the clips, master the episode, write it and what goes beside it."""
