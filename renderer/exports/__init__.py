"""Files beside the audio: ID3 tags and chapters, Podcasting 2.0 chapters, transcripts."""
