"""Write renderer/data/simplified.txt: each Traditional character and its Simplified form.

Run once, with OpenCC installed (`pip install opencc`), when the table should follow a newer
OpenCC; the importer reads the file and needs no OpenCC. The table is OpenCC's t2s conversion
of every character of the CJK Unified Ideographs block taken one at a time (OpenCC's
dictionaries are Apache-2.0).
"""

from __future__ import annotations

from pathlib import Path

import opencc  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parent.parent / "renderer" / "data" / "simplified.txt"


def main() -> None:
    """Convert each ideograph alone and keep the ones that change into one character."""
    characters = [chr(code) for code in range(0x4E00, 0xA000)]
    converted = opencc.OpenCC("t2s.json").convert("\n".join(characters)).split("\n")
    pairs = [f"{t}{s}" for t, s in zip(characters, converted, strict=True)
             if t != s and len(s) == 1]
    header = ("# Traditional → Simplified, one pair a line (tools/simplified_map.py, "
              f"OpenCC {opencc.__version__} t2s)\n")
    OUT.write_text(header + "\n".join(pairs) + "\n", encoding="utf-8")
    print(f"{len(pairs)} pairs → {OUT}")


if __name__ == "__main__":
    main()
