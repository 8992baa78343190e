#!/usr/bin/env python3
"""One-off content tool: move a programme's full document text out of index.md into a
`full-text.md` sub-page, leaving the editor's note as the page commentary.

Usage: scripts/split-fulltext.py content/programmes/<slug> [...]
"""
import sys
from pathlib import Path

for folder in map(Path, sys.argv[1:]):
    index = folder / "index.md"
    text = index.read_text(encoding="utf-8")
    if (folder / "full-text.md").exists():
        print(f"{folder}: already split")
        continue
    paragraphs = text.split("\n\n")
    note = []
    while paragraphs and paragraphs[0].lstrip().startswith(">"):
        note.append(paragraphs.pop(0))
    body = "\n\n".join(paragraphs).strip() + "\n"
    note_text = "\n\n".join(note).replace("本页刊登", "本站刊登").replace("本页公开", "本站公开").replace("本页发布", "本站发布")
    index.write_text(note_text.strip() + "\n\n[阅读文件全文](full-text/index.html)\n", encoding="utf-8")
    (folder / "full-text.md").write_text("# 文件全文\n\n" + body, encoding="utf-8")
    print(f"{folder}: note {len(note_text)} chars, full text {len(body)} chars")
