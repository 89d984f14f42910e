#!/usr/bin/env python3
"""Makes the sample page's variants and their gold files.

The same three reports in the other forms readout reads: a web copy (headlines on top,
one paragraph per line, ASCII punctuation, source and editor lines), a web copy on one
line (paragraphs separated by a single space), print columns flattened into spaces, and
the print page in traditional characters. Each gold file is the sample's gold file put
through the same change as its page, so a variant must extract what the sample does.

Run from the repository root:
    pip install opencc-python-reimplemented   # for the traditional-character variant
    python3 tests/data/variants/make_variants.py
"""
import copy, json, pathlib, re

ROOT = pathlib.Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "000_33a1af8f75da2c74.txt"
GOLD = json.loads((ROOT / "000_33a1af8f75da2c74.gold.json").read_text(encoding="utf-8"))
OUT = pathlib.Path(__file__).resolve().parent
DATE = "2024-04-02"
CODES = {"kind", "role", "time_of_day", "unit_kind", "source", "note"}


def map_gold(gold, change, source):
    """The gold file with every text value changed like the page (codes stay)."""
    def walk(value, key=None):
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key not in CODES:
            return change(value)
        return value
    out = walk(copy.deepcopy(gold))
    out["source"] = source
    out["note"] = f"The sample page's gold file, changed like its page ({source})."
    return out


ASCII = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"})


def ascii_punctuation(s):
    s = s.translate(ASCII)
    return s.replace("“", '"').replace("”", '"')


def web_copy(change, one_line):
    lines = ["来源:解放日报" if change is ascii_punctuation else "来源：解放日报"]
    for article in GOLD["articles"]:
        lines.append("")
        lines.extend(change(h) for h in article["headlines"])
        paragraphs = [change(p) for p in article["paragraphs"]]
        paragraphs[0] = "本报讯 " + paragraphs[0]
        if one_line:
            lines.append(" ".join(paragraphs))
        else:
            lines.extend(paragraphs)
    lines += ["", "责任编辑:王某" if change is ascii_punctuation else "责任编辑：王某"]
    return "\n".join(lines) + "\n"


def flattened():
    """The print page as a PDF extractor that loses column breaks prints it: each paragraph
    in rows of about three column lines, a space where each column line ended, paragraphs
    apart by a blank line; the headlines and pull quotes after the articles, as printed."""
    out = []
    for article in GOLD["articles"]:
        for i, paragraph in enumerate(article["paragraphs"]):
            text = ("本报讯 " if i == 0 else "") + paragraph
            pieces = [text[k:k + 13] for k in range(0, len(text), 13)]
            rows = [" ".join(pieces[k:k + 3]) for k in range(0, len(pieces), 3)]
            out += rows + [""]
    for article in GOLD["articles"]:
        for headline in article["headlines"]:
            out += [headline, ""]
    for article in GOLD["articles"]:
        for quote in article["pull_quotes"]:
            out += [quote, ""]
    return "\n".join(out)


def write(name, page, gold):
    (OUT / f"{name}.txt").write_text(page, encoding="utf-8")
    (OUT / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main():
    text = SAMPLE.read_text(encoding="utf-8")
    for name, page, change in [
        (f"sample_web_ascii_{DATE}", web_copy(ascii_punctuation, False), ascii_punctuation),
        (f"sample_web_one_line_{DATE}", web_copy(lambda s: s, True), lambda s: s),
        (f"sample_flattened_{DATE}", flattened(), lambda s: s),
    ]:
        gold = map_gold(GOLD, change, f"{name}.txt")
        if "web" in name:
            for article in gold["articles"]:
                article["pull_quotes"] = []
        write(name, page, gold)
    from opencc import OpenCC
    converter = OpenCC("s2t")
    table = {}

    def s2t(s):
        # Character by character, so that a name converts the same in the page and in the gold.
        return "".join(table.setdefault(c, converter.convert(c)) for c in s)

    name = f"sample_traditional_{DATE}"
    write(name, s2t(text), map_gold(GOLD, s2t, f"{name}.txt"))


if __name__ == "__main__":
    main()
