"""What is written about the audio: tags and chapter frames, chapters JSON, transcripts."""
