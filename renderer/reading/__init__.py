"""How text is read aloud: readings of Chinese characters, Latin terms, the lexicon, sandhi.

READING_VERSION is part of the clip keys of the engines that use this front end (Kokoro,
espeak-ng): bump it whenever what the front end gives an engine changes, so their clips are
made again once. `tests/test_reading_version.py` holds a digest of the front end's output
on fixed sentences for the current version, and fails when the output moves without a bump.
"""

READING_VERSION = 2
