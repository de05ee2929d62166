"""MP3 streams handled at the frame level: parse frames, write the Xing/LAME info frame."""
