#!/usr/bin/env python3
"""Prints each failed test in the given TRX files with the first lines of its message."""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}

for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as error:
        print(f"FAILED? {path}: unreadable results ({error})")
        continue
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") in ("Passed", "NotExecuted"):
            continue
        message = result.findtext(".//t:ErrorInfo/t:Message", default="", namespaces=NS).strip()
        stack = result.findtext(".//t:ErrorInfo/t:StackTrace", default="", namespaces=NS).strip()
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        for line in (message.splitlines()[:12] + stack.splitlines()[:6]):
            print(f"    {line}")
