#!/usr/bin/env python3
"""Turns a corpus written by examples/corpus.rs into a Hugo site for scripts/bench.sh.

    to_hugo.py CORPUS_DIR HUGO_SITE_DIR

Each programmes/<slug>/index.md becomes content/programmes/<slug>.md (the same Markdown,
byte for byte, after a front matter with the programme's title, document type and region),
so Hugo publishes programmes/<slug>/index.html as gongkai does. hugo.toml and layouts/ come
from scripts/bench/hugo/.
"""
import json
import os
import re
import shutil
import sys

TYPES = {"plan": "实施方案", "work_points": "工作要点", "report": "进展报道"}


def field(yaml_text, name):
    m = re.search(r"^" + name + r": (.*)$", yaml_text, re.M)
    if not m:
        return ""
    value = m.group(1).strip()
    return json.loads(value) if value.startswith('"') else value


def main():
    corpus, site = sys.argv[1], sys.argv[2]
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hugo")
    if os.path.exists(site):
        shutil.rmtree(site)
    os.makedirs(os.path.join(site, "content", "programmes"))
    shutil.copy(os.path.join(here, "hugo.toml"), site)
    shutil.copytree(os.path.join(here, "layouts"), os.path.join(site, "layouts"))
    root = os.path.join(corpus, "programmes")
    count = 0
    for slug in sorted(os.listdir(root)):
        with open(os.path.join(root, slug, "programme.yaml"), encoding="utf-8") as f:
            yaml_text = f.read()
        with open(os.path.join(root, slug, "index.md"), encoding="utf-8") as f:
            body = f.read()
        region = re.search(r"^region: \{ province: (.*?), city: (.*?), county: (.*?) \}$", yaml_text, re.M)
        front = {
            "title": field(yaml_text, "title"),
            "document_type": TYPES.get(field(yaml_text, "document_type"), ""),
            "region": " ".join(region.groups()) if region else "",
        }
        with open(os.path.join(site, "content", "programmes", slug + ".md"), "w", encoding="utf-8") as f:
            f.write(json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + body)
        count += 1
    print(f"wrote {count} pages to {site}")


if __name__ == "__main__":
    main()
