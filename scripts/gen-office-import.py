#!/usr/bin/env python3
"""Writes the office staff lists of testdata/imports/ as a real office's LibreOffice
file looks: a merged title, two header rows and a row of column numbers, unit names
(not codes), birth dates as text and as date cells, names in decomposed Unicode (NFD),
a signature footer; the first file has three bad rows, the second ("-da-sua") has them
fixed. It writes flat ODS (.fods) and converts it with LibreOffice:

    python3 scripts/gen-office-import.py   # needs soffice (apt-get install libreoffice-calc)

The .xlsx files are committed: the tests do not need LibreOffice.
"""
import os, subprocess, sys, tempfile, unicodedata
from xml.sax.saxutils import escape

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "imports")
NFD = lambda s: unicodedata.normalize("NFD", s)

class D(str):
    """A date cell (ISO date), shown dd/mm/yyyy."""

def rows(fixed):
    bad_date = "28/02/1980" if fixed else "31/02/1980"
    bad_cccd = "001192012345" if fixed else "00119201234"
    no_name = "Lý Văn Hải" if fixed else ""
    return [
        [1, NFD("Trần Văn An"), "Phòng Văn hóa – Xã hội", "Nam", D("1980-05-12"), "Kinh", "001080123456", "Trưởng phòng", "HTXSNV", "HTTNV", D("2005-09-01")],
        [2, "Lê Thị Bình", "Ban Chỉ huy Quân sự", "Nữ", "15/08/1990", "Tày", "001190765432", "Chuyên viên", "HTTNV", "HTTNV", "01/03/2015"],
        [3, "Nguyễn Thị Hồng Nhung", "Phòng Văn hóa – Xã hội", "Nữ", D("1985-04-02"), "", "", "", "HTXSNV", "HTXSNV", ""],
        [4, NFD("Phạm Văn Cường"), "Ban Chỉ huy Quân sự", "Nam", "1/9/1975", "Kinh", "", "Chỉ huy phó", "HTNV", "HTTNV", ""],
        [5, "Hoàng Văn Dũng", "Phòng Tài chính - Kế Hoạch", "Nam", bad_date, "Kinh", "", "Kế toán", "", "", ""],
        [6, NFD("Đỗ Thị Em"), "Phòng Văn hóa – Xã hội", "Nữ", "03/03/1992", "Kinh", bad_cccd, "Chuyên viên", "", "", ""],
        [7, no_name, "Ban Chỉ huy Quân sự", "Nam", "10/10/1988", "Kinh", "", "Chiến sĩ", "", "", ""],
        [8, "Vũ Đức Giang", "Phòng Tài chính - Kế Hoạch", "Nam", D("1988-08-15"), "Mường", "", "Trưởng phòng", "HTTNV", "HTXSNV", D("2012-01-02")],
    ]

HEAD = ["STT", "Họ và tên", "Đơn vị", "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Chức vụ", "Xếp loại", None, "Ngày tuyển dụng"]
WIDTH = len(HEAD)

def cell(v, span=None, rowspan=None):
    attrs = ""
    if span:
        attrs += f' table:number-columns-spanned="{span}"'
    if rowspan:
        attrs += f' table:number-rows-spanned="{rowspan}"'
    if v is None or v == "":
        return f"<table:table-cell{attrs}/>"
    if isinstance(v, D):
        y, m, d = v.split("-")
        return (f'<table:table-cell table:style-name="date" office:value-type="date" office:date-value="{v}"{attrs}>'
                f"<text:p>{d}/{m}/{y}</text:p></table:table-cell>")
    if isinstance(v, int):
        return f'<table:table-cell office:value-type="float" office:value="{v}"{attrs}><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"{attrs}><text:p>{escape(v)}</text:p></table:table-cell>'

def covered(n=1):
    return "<table:covered-table-cell/>" * n

def row(cells):
    return "<table:table-row>" + "".join(cells) + "</table:table-row>\n"

def sheet(fixed):
    out = []
    out.append(row([cell("DANH SÁCH CÁN BỘ, CÔNG CHỨC, NGƯỜI LAO ĐỘNG NĂM 2026", span=WIDTH), covered(WIDTH - 1)]))
    out.append(row([cell("Đơn vị: Ủy ban nhân dân xã Đông Hòa", span=WIDTH), covered(WIDTH - 1)]))
    h = []
    for j, name in enumerate(HEAD):
        if name is None:
            continue
        if name == "Xếp loại":
            h += [cell(name, span=2), covered()]
        else:
            h.append(cell(name, rowspan=2))
    out.append(row(h))
    sub = [covered(8), cell("Năm 2024"), cell("Năm 2025"), covered()]
    out.append(row(sub))
    out.append(row([cell(f"({j + 1})") for j in range(WIDTH)]))
    for r in rows(fixed):
        out.append(row([cell(v) for v in r]))
    out.append(row([cell("")]))
    out.append(row([cell("")] * 7 + [cell("Đông Hòa, ngày 15 tháng 01 năm 2026")]))
    out.append(row([cell(""), cell("NGƯỜI LẬP BIỂU")] + [cell("")] * 5 + [cell("THỦ TRƯỞNG ĐƠN VỊ")]))
    out.append(row([cell(""), cell("(Ký, ghi rõ họ tên)")] + [cell("")] * 5 + [cell("(Ký tên, đóng dấu)")]))
    out.append(row([cell("")]))
    out.append(row([cell("")]))
    out.append(row([cell(""), cell(NFD("Nguyễn Văn Lập"))] + [cell("")] * 5 + [cell("Trần Quốc Trưởng")]))
    return "".join(out)

DOC = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="ddmmyyyy">
  <number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/>
 </number:date-style>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="ddmmyyyy"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="Danh sách">
%s</table:table>
</office:spreadsheet></office:body></office:document>
"""

def main():
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for fixed, name in ((False, "danh-sach-can-bo-van-phong"), (True, "danh-sach-can-bo-van-phong-da-sua")):
            src = os.path.join(tmp, name + ".fods")
            with open(src, "w", encoding="utf-8") as f:
                f.write(DOC % sheet(fixed))
            subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile",
                            "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", OUT, src], check=True)
    print("written to", os.path.normpath(OUT))

if __name__ == "__main__":
    sys.exit(main())
