#!/usr/bin/env python3
"""Extract the veterinary-drug items of the 2025-2026 sampling notices into notice-evidence.tsv.

Run from the repository root:  python3 rules/national/limits/sources/gb31650/extract-notices.py
Input (read-only, not committed): ../shared/reference/data/notices/notices-2025-2026.jsonl
Output: rules/national/limits/sources/gb31650/notice-evidence.tsv (one line per failed item; the
`mapsTo` column says which limit row or status entry the item is evidence for).
"""
import json, os, sys

SRC = os.path.join("..", "shared", "reference", "data", "notices", "notices-2025-2026.jsonl")
OUT = os.path.join("rules", "national", "limits", "sources", "gb31650", "notice-evidence.tsv")

# item as written -> (instrument or status basis, row it supports); tissue follows the food catalogue
MAP = {
    "恩诺沙星": "GB 31650-2019 恩诺沙星 (鱼 皮+肉 / 猪 肝; 牛蛙: no GB 31650 species row, see pending.tsv)",
    "多西环素": "GB 31650.1-2022 多西环素 鸡 蛋 (basis per 2026 实施细则 表33-72: GB 31650.1)",
    "甲氧苄啶": "GB 31650-2019 甲氧苄啶 鱼 皮+肉",
    "地美硝唑": "GB 31650-2019 表3 地美硝唑 (不得检出)",
    "甲硝唑": "GB 31650-2019 表3 甲硝唑 (不得检出)",
    "地塞米松": "GB 31650-2019 地塞米松 牛 肌肉",
    "土霉素/金霉素/四环素（组合含量)": "GB 31650-2019 土霉素/金霉素/四环素 (单个或组合) 羊 肌肉",
    "孔雀石绿": "农业农村部公告第250号 (status, not a GB 31650 row)",
    "呋喃西林代谢物": "农业农村部公告第250号 (status, not a GB 31650 row)",
    "五氯酚酸钠(以五氯酚计)": "农业农村部公告第250号 (status, not a GB 31650 row)",
}

def main() -> int:
    rows = []
    with open(SRC, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["item"] in MAP:
                rows.append([d["bulletin"], d["province"], d["date"], d["productRaw"], d["productCanonical"],
                             d["category"], d["item"], d["result"], d["limit"], MAP[d["item"]]])
    rows.sort(key=lambda r: (r[6], r[2], r[0]))
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("bulletin\tprovince\tdate\tproductRaw\tproduct\tcategory\titem\tresult\tappliedLimit\tmapsTo\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} rows -> {OUT}")
    return 0

if __name__ == "__main__":
    sys.exit(main())
