"""Check that an import lost no words: every source line is in the script or in the report."""

from __future__ import annotations

import itertools

from renderer.importer.dedupe import comparison_key
from renderer.importer.document import collapse_spaces
from renderer.importer.labels import parse_label
from renderer.importer.pipeline import ImportResult
from renderer.importer.run_together import labels_inside, names_to_split_at
from renderer.importer.sources import load_document

_PROBE = 12  # letters taken from the middle of each kept line and looked for in the script


def lost_lines(path, result: ImportResult) -> list[tuple[int, str]]:
    """Source lines the importer says it kept whose words are not in the script.

    For every block (line) of the article that no report entry accounts for, a run of its
    letters (without the speaker label) must appear in a turn's text or note.
    """
    document = load_document(path)
    reported = result.report.lines_with()
    script = result.script
    heard = comparison_key("\n".join(
        f"{turn.text}\n{turn.note or ''}" for _, turn in script.turns()))
    titles = comparison_key("\n".join(c.title for c in script.chapters) + script.title)
    labels = [parse_label(block) for block in document.blocks]
    names, forms = names_to_split_at([label for label in labels if label],
                                     [block for block in document.blocks if block.kind == "text"])
    lost = []
    for block, label in zip(document.blocks, labels, strict=True):
        if block.kind != "text" or block.line in reported:
            continue
        # a line may hold several turns run together: look for each one's words
        inside = labels_inside(block, names, forms)
        cuts = [0, *(other.start for other in inside), len(block.text)]
        for start, end in itertools.pairwise(cuts):
            piece = block.text[start:end]
            found = label if start == 0 else next(o for o in inside if o.start == start)
            # a label's rest runs to the end of the line; keep the part inside this piece
            rest = found.rest[:len(found.rest) - (len(block.text) - end)] if found else piece
            words = comparison_key(collapse_spaces(rest))
            if len(words) < _PROBE:
                continue
            middle = len(words) // 2
            probe = words[middle - _PROBE // 2: middle + _PROBE // 2]
            if probe not in heard and probe not in titles:
                lost.append((block.line, piece[:80]))
    return lost
