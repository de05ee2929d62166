"""Encode the episode: ffmpeg and LAME, MP3 segments and their joining, MP4 files."""
