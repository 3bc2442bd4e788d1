#!/usr/bin/env python3
"""Adds every user-facing string found in the sources to Resources/SharedResource.resx (English).

The English text is the key. Run after adding strings; tests/EventManager.Tests checks that none is missing.
"""
import pathlib, re, sys
from xml.sax.saxutils import escape

root = pathlib.Path(__file__).resolve().parent.parent
resx = root / "src/EventManager.Web/Resources/SharedResource.resx"
patterns = [
    re.compile(r'\b[Tt]\["((?:[^"\\]|\\.)*)"'),
    re.compile(r'new DomainError\([^,]*,\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'Display\(Name\s*=\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\.Say\([^,]*,\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\.Failure\("[^"]*",\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\.Plural\("((?:[^"\\]|\\.)*)"'),
    # The built-in reminder rules' names and paragraphs (Core/Reminders/DefaultReminders.cs).
    re.compile(r'\b(?:BuiltIn|Template)\("((?:[^"\\]|\\.)*)"'),
    # The message a required text in several languages gives when it is empty: LocalTextRules.Check's last argument.
    re.compile(r'LocalTextRules\.Check\([^;]*?,\s*"((?:[^"\\]|\\.)*)"\)'),
]
keys = set()
for folder in ["src/EventManager.Web", "src/EventManager.Core"]:
    for path in (root / folder).rglob("*"):
        if path.suffix not in (".cs", ".cshtml") or "/obj/" in str(path) or "/bin/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        for p in patterns:
            for m in p.finditer(text):
                keys.add(m.group(1).replace('\\"', '"'))

existing = {}
if resx.exists():
    for m in re.finditer(r'<data name="(.*?)" xml:space="preserve">\s*<value>(.*?)</value>', resx.read_text(encoding="utf-8"), re.S):
        existing[m.group(1)] = m.group(2)

unused = sorted(set(k for k in existing) - set(escape(k, {'"': "&quot;"}) for k in keys))
entries = dict(existing)
for k in keys:
    name = escape(k, {'"': "&quot;"})
    entries.setdefault(name, escape(k))

out = ['<?xml version="1.0" encoding="utf-8"?>', "<root>",
       '  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>',
       '  <resheader name="version"><value>2.0</value></resheader>',
       '  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>',
       '  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>']
for name in sorted(entries, key=str.lower):
    out.append(f'  <data name="{name}" xml:space="preserve">\n    <value>{entries[name]}</value>\n  </data>')
out.append("</root>\n")
resx.parent.mkdir(parents=True, exist_ok=True)
resx.write_text("\n".join(out), encoding="utf-8")
print(f"{len(entries)} strings in {resx.relative_to(root)}")
if unused:
    print("no longer used (kept):", *unused, sep="\n  ")

# Translations: Chinese covers every string (a test holds it to that); Kazakh and Russian cover what delegates see.
for translated in sorted(resx.parent.glob("SharedResource.*.resx")):
    have = set(re.findall(r'<data name="(.*?)" xml:space="preserve">', translated.read_text(encoding="utf-8")))
    lacking = sorted(set(entries) - have, key=str.lower)
    print(f"{translated.name}: {len(have)} strings, {len(lacking)} still in English only")
    if translated.name == "SharedResource.zh-Hans.resx" and lacking:
        print("  add to it:", *lacking, sep="\n    ")
