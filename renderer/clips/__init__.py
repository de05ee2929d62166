"""Clips: synthesized, conditioned and cached; laid out with pauses on a timeline."""
