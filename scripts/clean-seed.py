#!/usr/bin/env python3
"""One-off content tool: the full text of a seed document as Markdown, with page noise,
pinyin left by conversion tools and damaged spans handled by explicit, reviewed rules.

Usage: scripts/clean-seed.py 002|004   (writes content/programmes/<slug>/{index,full-text}.md)
Damaged spans are marked 〔原文此处损坏〕, never guessed.
"""
import re
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "notices"
DAMAGED = "〔原文此处损坏〕"
PINYIN = re.compile(r"\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}\)")


def zhumadian():
    text = (SEEDS / "002_3354ae6352d1d001.txt").read_text(encoding="utf-8")
    start = text.index("駐馬店:完善分級診療制度滿足群眾醫療需求\n")
    end = text.index("免責聲明")
    body = text[start:end]
    for damaged in ["??坡撁撕瓦h", "??漆t", "??粕?"]:
        body = body.replace(damaged, DAMAGED)
    lines = [l.strip() for l in body.splitlines() if l.strip()]
    title = lines[0]
    meta = lines[1].split("|點擊量")[0].replace("|", "　")
    paragraphs = lines[2:]
    paragraphs[-1] += "……（原文至此中断）"
    full = "# 文件全文\n\n" + f"**{title}**\n\n{meta}\n\n" + "\n\n".join(paragraphs) + "\n"
    note = ("> 编者按：本站刊登驻马店广视网 2020年12月28日报道《駐馬店:完善分級診療制度滿足群眾醫療需求》全文。"
            "原文为繁体中文，按原样刊登；原文是进展报道，所载为已完成的实际数字（见下方“实际完成数据”），不是目标。"
            f"原文有字符损坏之处以“{DAMAGED}”标出，原文在末段中途中断。\n\n[阅读文件全文](full-text/index.html)\n")
    return "zhumadian-tiered-care-2020", note, full


def gansu():
    text = PINYIN.sub("", (SEEDS / "004_e13ca5f6b3a9eff4.txt").read_text(encoding="utf-8"))
    start = text.index("關于印發")
    end = text.index("電信與信息服務業務經營許可證")
    body = text[start:end]
    for damaged in ["?shù)蒯t", "??颇芰\ue789ㄔO", "?shù)匦l", "??平ㄔO", "??荚u", "?shù)厝嗣裾\ue47f畧?bào)", "???、"]:
        body = body.replace(damaged, DAMAGED + ("、" if damaged.endswith("、") else ""))
    # "???" at a paragraph start was an indent; between the two issuers, a space.
    body = re.sub(r"^\?\?\? ", "", body, flags=re.M).replace("??? ", "　")
    keep = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("發布時間") or "聯系人" in line or line.startswith("聯系電話"):
            continue
        keep.append(line)
    title = keep[0]
    rest = keep[1:]
    out = []
    for line in rest:
        if re.match(r"^[一二三四五六七八九十]+、", line):
            out.append("### " + line)
        else:
            out.append(line)
    full = "# 文件全文\n\n" + f"**{title}**\n\n" + "\n\n".join(out) + "\n"
    note = ("> 编者按：本站刊登甘肃省卫生健康委员会、甘肃省乡村振兴局《關於印發〈甘肅省三級醫院對口幫扶縣級醫院實施方案(2022-2025年)〉的通知》"
            "（甘衛醫政發〔2022〕37號，2022年3月30日）全文。原文为繁体中文，按原样刊登；转换工具留下的括号拼音已删除，"
            f"原文字符损坏之处以“{DAMAGED}”标出。文件所列目标、数字和时间节点见下方各表。\n\n[阅读文件全文](full-text/index.html)\n")
    return "gansu-pairing-2022", note, full


def main():
    which = {"002": zhumadian, "004": gansu}[sys.argv[1]]
    slug, note, full = which()
    folder = Path(__file__).resolve().parent.parent / "content" / "programmes" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(note, encoding="utf-8")
    (folder / "full-text.md").write_text(full, encoding="utf-8")
    print(folder, len(full))


main()
