#!/usr/bin/env python3
"""Adds up the JUnit XML files that every ctest entry writes (lit, GoogleTest,
the end-to-end driver, pytest) and prints "N passed, N failed[, N skipped]".

Exits non-zero if anything failed or if no test ran at all."""
import pathlib
import sys
import xml.etree.ElementTree as ET


def count(path):
    passed = failed = skipped = 0
    root = ET.parse(path).getroot()
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None or case.get("status") == "notrun":
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main():
    results = pathlib.Path(sys.argv[1])
    totals = [0, 0, 0]
    for xml in sorted(results.glob("*.xml")):
        try:
            counts = count(xml)
        except ET.ParseError as error:
            print(f"kiln: unreadable test report {xml}: {error}")
            totals[1] += 1
            continue
        for i, n in enumerate(counts):
            totals[i] += n
    passed, failed, skipped = totals
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
