#!/usr/bin/env python3
"""Adds translations to the Chinese, Kazakh and Russian resource files.

Input (a file or standard input): JSON {"English key": {"zh": "...", "kk": "...", "ru": "..."}}.
Kazakh and Russian entries are marked as machine-made, for review by a native speaker. Existing entries are replaced.
"""
import json, pathlib, re, sys
from xml.sax.saxutils import escape

root = pathlib.Path(__file__).resolve().parent.parent / "src/EventManager.Web/Resources"
files = {"zh": "SharedResource.zh-Hans.resx", "kk": "SharedResource.kk.resx", "ru": "SharedResource.ru.resx"}
data = json.load(open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin)
for lang, name in files.items():
    path = root / name
    text = path.read_text(encoding="utf-8")
    for key, values in data.items():
        if lang not in values:
            continue
        ename = escape(key, {'"': "&quot;"})
        comment = "" if lang == "zh" else "\n    <comment>Machine-made translation: to be reviewed by a native speaker.</comment>"
        entry = f'  <data name="{ename}" xml:space="preserve">\n    <value>{escape(values[lang])}</value>{comment}\n  </data>\n'
        pattern = re.compile(r'  <data name="' + re.escape(ename) + r'" xml:space="preserve">.*?</data>\n', re.S)
        if pattern.search(text):
            text = pattern.sub(lambda _: entry, text, count=1)
        else:
            text = text.replace("</root>", entry + "</root>")
    path.write_text(text, encoding="utf-8")
print(f"{len(data)} strings translated")
