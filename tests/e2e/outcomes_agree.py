"""outcomes_agree.py — the outcome of every scale, as `formc scores --json`
gives it for a group, is what the members' reports and the group summary
print, in English and in French:

- each report's score table gives, row by row, the outcome at post and at
  follow-up (with † where a reliable improvement started past the cutoff)
  and the RCI at post;
- each summary outcome table (after the group, at follow-up) puts each
  scale's title in the column of its outcome, read by position from
  `pdftotext -bbox`, a † where the report has one;
- the summary's counts over perfectionism measures are those of the JSON.

usage: python3 outcomes_agree.py SCORES.json SUMMARY.pdf REPORT_DIR LIBRARY
(REPORT_DIR holds NAME-report.pdf for each member file NAME.form; LIBRARY
is the instrument library, for the scales' French names). Every member of
the JSON is taken to have completed the group but those the summary marks
‡ (left early), whom its counts leave out. Prints one line per
disagreement and exits 1 when there is any."""
import html
import json
import os
import re
import subprocess
import sys

CATEGORIES = ["recovered", "improved", "unchanged", "deteriorated"]
PERFECTIONISM = ("hfmps.", "psps.", "pci.", "cpq.")
LANG = {
    "en": {
        "words": {"recovered": "recovered", "improved": "improved", "unchanged": "unchanged",
                  "deteriorated": "deteriorated", "not computable": "not computable"},
        "heads": {"Recovered": "recovered", "Improved": "improved", "Unchanged": "unchanged",
                  "Deteriorated": "deteriorated"},
        "tables": {"post": "After the group", "followup": "At follow-up"},
        "member": "Member", "table_start": "Scale ", "table_end": ["T-scores (mean", "† The pre score"],
        "decimal": ".",
        "counts": ["Completers with a change that can be judged on a perfectionism measure {n}",
                   "Reliable improvement (recovered or improved) on at least one perfectionism measure {one} of {n}",
                   "Reliable improvement on two or more {two} of {n}",
                   "Reliable deterioration (deteriorated) on at least one {worse} of {n}"],
        "end": "Completers",
    },
    "fr": {
        "words": {"recovered": "rétabli", "improved": "amélioré", "unchanged": "inchangé",
                  "deteriorated": "détérioré", "not computable": "non calculable"},
        "heads": {"Rétabli": "recovered", "Amélioré": "improved", "Inchangé": "unchanged",
                  "Détérioré": "deteriorated"},
        "tables": {"post": "Après le groupe", "followup": "Au suivi"},
        "member": "Membre", "table_start": "Échelle ", "table_end": ["Les scores T (moyenne", "† Le score"],
        "decimal": ",",
        "counts": ["Membres ayant terminé dont le changement peut être jugé sur une mesure de perfectionnisme {n}",
                   "Amélioration fiable (rétabli ou amélioré) sur au moins une mesure de perfectionnisme {one} sur {n}",
                   "Amélioration fiable sur deux mesures ou plus {two} sur {n}",
                   "Détérioration fiable (détérioré) sur au moins une mesure {worse} sur {n}"],
        "end": "Membres",
    },
}
problems = []


def said(where, what):
    problems.append(f"{where}: {what}")


def french_titles(library):
    """{"hfmps.self_oriented": "Perfectionnisme orienté vers soi", ...}"""
    titles, inst = {}, None
    for line in open(library, encoding="utf-8"):
        m = re.match(r'\s*instrument (\w+)', line)
        if m:
            inst = m.group(1)
        m = re.match(r'\s*scale (\w+) "[^"]*" fr "([^"]*)"', line)
        if m and inst:
            titles[f"{inst}.{m.group(1)}"] = m.group(2)
    return titles


def change(s, when):
    return s["change"].get(when) if s["rater"] is None and s["change"] else None


def dagger(c):
    return "†" if c["classification"] == "improved" and c["pre_past_cutoff"] else ""


def text_of(pdf):
    out = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True).stdout
    return " ".join(out.split())


def language(text):
    return "fr" if "Échelle" in text or "Après le groupe" in text else "en"


def check_report(member, path):
    name = os.path.basename(path)
    text = text_of(path)
    L = LANG[language(text)]
    start = text.find(L["table_start"])
    ends = [text.find(e, start) for e in L["table_end"] if text.find(e, start) > 0]
    table = text[start:min(ends)] if start >= 0 and ends else ""
    expected, rcis = [], []
    for s in member["scales"]:
        for when in ("post", "followup"):
            c = change(s, when)
            if c:
                expected.append(L["words"][c["classification"]] + dagger(c))
        c = change(s, "post")
        if c and c["rci"] is not None:
            # as the documents print it: the language's decimal mark, a true minus sign
            rcis.append(f'{c["rci"]:.2f}'.replace(".", L["decimal"]).replace("-", "\u2212"))
    words = "|".join(re.escape(w) for w in sorted(L["words"].values(), key=len, reverse=True))
    found = re.findall(r"(?:" + words + r")†?", table)
    if found != expected:
        said(name, f"the score table's outcomes are {found}, the JSON's {expected}")
    for r in rcis:
        if f" {r} " not in f" {table} ":
            said(name, f"no RCI {r} in the score table")


def words_of(pdf):
    """Every word of a PDF: (page, x, y, text)."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
    words, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*)</word>', line)
        if m:
            words.append((page, float(m.group(1)), float(m.group(2)), html.unescape(m.group(3))))
    return words


def summary_table(words, L, title):
    """The outcome table under the heading title: [(member, {category: text})]
    in the order of its rows, or None."""
    n = len(title.split())
    starts = [i for i in range(len(words) - n) if " ".join(w[3] for w in words[i:i + n]) == title]
    if not starts:
        return None
    i = starts[0]
    while words[i][3] != L["member"]:
        i += 1
    page, y0 = words[i][0], words[i][2]
    below = sorted((w for w in words if w[0] == page and w[2] > y0 - 1), key=lambda w: (round(w[2]), w[1]))
    heads = [(w[1], L["heads"][w[3]]) for w in below if abs(w[2] - y0) < 1 and w[3] in L["heads"]]
    first_x = min(x for x, _ in heads)
    end = min([w[2] for w in below if w[2] > y0 + 1 and (w[3][0] in "†‡" or w[3] == L["end"])] + [1e9])
    rows = []
    for w in below:
        if w[2] < y0 + 1 or w[2] >= end - 1:
            continue
        if w[1] < first_x - 1:                    # the member column
            if not rows or abs(rows[-1][0] - w[2]) > 1:
                rows.append([w[2], w[3], {}])
            else:
                rows[-1][1] += " " + w[3]
            continue
        col = max((h for h in heads if h[0] <= w[1] + 1), key=lambda h: h[0])[1]
        cells = rows[-1][2]
        cells[col] = (cells.get(col, "") + " " + w[3]).strip()
    return [(r[1], r[2]) for r in rows]


def check_summary(members, pdf, fr_titles):
    words = words_of(pdf)
    text = " ".join(w[3] for w in words).replace("\u00ad ", "")     # a word hyphenated at a line's end
    L = LANG[language(text)]
    for when, title in L["tables"].items():
        judged = [m for m in members if any(change(s, when) and change(s, when)["classification"] in CATEGORIES
                                            for s in m["scales"])]
        if not judged:
            continue
        table = summary_table(words, L, title)
        if table is None:
            said("summary", f"no table '{title}'")
            continue
        if len(table) != len(judged):
            said("summary", f"{title}: {len(table)} rows, {len(judged)} members with a change that can be judged")
        for m, (row_name, cells) in zip(judged, table):
            expected = {}
            for s in m["scales"]:
                c = change(s, when)
                if c and c["classification"] in CATEGORIES:
                    t = fr_titles.get(s["scale"], s["title"]) if L is LANG["fr"] else s["title"]
                    expected.setdefault(c["classification"], []).append(t + dagger(c))
            expected = {k: " ".join(v) for k, v in expected.items()}
            if cells != expected:
                said("summary", f"{title}, {m['patient']['name']} ({row_name}): the JSON says {expected}, "
                     f"the table {cells}")

        completers = [m for m, (row_name, _) in zip(judged, table) if not row_name.endswith("‡")]

        def n_with(pred, least):
            return sum(1 for m in completers
                       if sum(1 for s in m["scales"] if s["scale"].startswith(PERFECTIONISM) and change(s, when)
                              and pred(change(s, when)["classification"])) >= least)
        counted = n_with(lambda c: c in CATEGORIES, 1)
        better = lambda c: c in ("recovered", "improved")
        figures = {"n": counted, "one": n_with(better, 1), "two": n_with(better, 2),
                   "worse": n_with(lambda c: c == "deteriorated", 1)}
        part = text[text.find(title):]
        for line in L["counts"]:
            if line.format(**figures) not in part:
                said("summary", f"{title}: no '{line.format(**figures)}'")


def main():
    data = json.load(open(sys.argv[1]))
    members = data["members"]
    for m in members:
        base = os.path.splitext(os.path.basename(m["file"]))[0]
        check_report(m, os.path.join(sys.argv[3], base + "-report.pdf"))
    check_summary(members, sys.argv[2], french_titles(sys.argv[4]))
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


main()
