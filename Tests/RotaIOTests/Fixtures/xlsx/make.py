"""Writes the .xlsx fixtures with openpyxl (a real spreadsheet writer), as Excel saves
them: shared strings, a rich-text cell, a date-formatted cell, numbers.
Run: python3 make.py (needs `pip install openpyxl`); the tests read the files it writes."""
import datetime
import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

HEADER = ["编号", "姓名", "技能", "可服务时间", "不可服务日期", "每周最多小时"]
ROWS = [
    ["v001", "王芳", "legal", "周二,周四 08:00-22:00", None, 20],
    ["v002", "李娜", "legal", "周一至周五 8:00～12:00；周末 09:00-17:00", datetime.date(2026, 3, 4), None],
    ["v003", None, "legal", "工作日 15:00-22:00; 星期六、星期天 08:00-12:00", None, 12.5],
    ["v004", "赵琳", "legal", "每天 08:00至22:00", None, None],
]


def write(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "志愿者"
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    # A name typed with two fonts: rich text runs.
    sheet["B4"] = CellRichText([TextBlock(InlineFont(b=True), "张"), "敏"])
    sheet["E3"].number_format = "yyyy/m/d"
    book.save(path)


write("volunteers.xlsx", ROWS)
bad = [list(r) for r in ROWS]
bad[1][5] = "twenty"
write("bad-volunteers.xlsx", bad)


def to_shared_strings(src, dst):
    """The same workbook as Excel itself writes it: every text in xl/sharedStrings.xml,
    cells referring to it by index (t="s")."""
    import re
    import zipfile
    from xml.sax.saxutils import escape
    with zipfile.ZipFile(src) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    strings = []

    def shared(match):
        attrs, body = match.group(1), match.group(2)
        strings.append(body)
        return "<c%s t=\"s\"><v>%d</v></c>" % (attrs, len(strings) - 1)

    sheet = re.sub(r'<c([^>]*?) t="inlineStr"><is>(.*?)</is></c>', shared, sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(strings), len(strings))
           + "".join("<si>%s</si>" % s.replace("<t>", '<t xml:space="preserve">', 1) if s.startswith("<t>") else "<si>%s</si>" % s for s in strings)
           + "</sst>")
    parts["xl/sharedStrings.xml"] = sst.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


to_shared_strings("volunteers.xlsx", "volunteers-shared-strings.xlsx")
