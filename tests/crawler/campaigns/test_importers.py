"""Every platform and dialect: detected from headers, imported totals equal the file's own totals row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from crawler.campaigns.importer import parse_file
from crawler.common.errors import InputError

METRICS = ("impressions", "clicks", "cost", "conversions", "conversion_value")


def sums(rows: list[dict]) -> dict[str, Decimal | None]:
    out = {}
    for m in METRICS:
        vals = [r[m] for r in rows if r[m] is not None]
        out[m] = sum(vals, Decimal(0)) if vals else None
    return out


@pytest.mark.parametrize(
    ("name", "platform", "encoding", "delimiter", "decimal", "label"),
    [
        ("google_en.csv", "google_ads", "utf-8", ",", ".", "Total: Campaigns"),
        ("google_en.tsv", "google_ads", "utf-8", "\t", ".", "Total: Campaigns"),
        ("google_fr_excel.csv", "google_ads", "utf-16-le", "\t", ",", "Total : campagnes"),
        ("google_fr_semicolon.csv", "google_ads", "cp1252", ";", ",", "Total : campagnes"),
        ("microsoft_ui.csv", "microsoft_ads", "utf-8", ",", ".", "Total"),
    ],
)
def test_imported_totals_equal_the_files_totals_row(fixtures, name, platform, encoding, delimiter, decimal, label):
    parsed = parse_file(fixtures / name)
    info = parsed.info
    assert (info.platform, info.encoding, info.delimiter, info.decimal) == (platform, encoding, delimiter, decimal)
    assert info.totals_row["label"] == label
    assert info.totals_match is True and not info.warnings
    got = sums(parsed.rows)
    for m in METRICS:
        assert float(got[m]) == pytest.approx(info.totals_row[m], abs=0.001), m
    # To the cent, as the client reads it.
    assert f"{got['cost']:.2f}" == f"{info.totals_row['cost']:.2f}"


def test_google_en_rows(fixtures):
    rows = parse_file(fixtures / "google_en.csv").rows
    assert len(rows) == 7  # totals rows are not campaigns
    wine = [r for r in rows if r["campaign"] == "Total Wine"]
    assert len(wine) == 2, "a campaign named 'Total Wine' is still a campaign"
    day2 = next(r for r in wine if r["date"] == date(2026, 9, 2))
    assert day2["clicks"] is None and day2["conversions"] is None, "-- is not reported, not 0"
    assert day2["cost"] == Decimal("9.80")
    assert {r["channel"] for r in rows if r["campaign"] == "Shopping - Sacs"} == {"paid_shopping"}
    assert rows[0]["source_line"] == 4 and rows[0]["campaign_id"] == "20123456781"


def test_google_fr_excel_utf16_numbers(fixtures):
    rows = parse_file(fixtures / "google_fr_excel.csv").rows
    gen = [r for r in rows if r["campaign"] == "Générique - Chaussures"]
    assert gen[0]["cost"] == Decimal("1020.50")  # 1 020,50 with a no-break space
    assert gen[0]["impressions"] == 14020  # 14 020 with a narrow no-break space
    assert sum(r["conversions"] for r in gen) == Decimal("42.75")


def test_french_excel_resave_reads_dd_mm_dates(fixtures):
    info = parse_file(fixtures / "google_fr_semicolon.csv").info
    assert info.date_order == "dmy"
    assert (info.start, info.end) == ("2026-09-12", "2026-09-14")


def test_microsoft_ui_and_api_names_give_the_same_rows(fixtures):
    ui, api = parse_file(fixtures / "microsoft_ui.csv"), parse_file(fixtures / "microsoft_api.csv")
    assert ui.info.platform == api.info.platform == "microsoft_ads"
    keys = ("date", "campaign", "campaign_id", *METRICS)
    assert [tuple(r[k] for k in keys) for r in ui.rows] == [tuple(r[k] for k in keys) for r in api.rows]
    assert api.info.totals_row is None  # the API download has no totals row
    assert sums(api.rows)["cost"] == Decimal("1292.16")
    assert ui.rows[0]["account"] == "Maison Sentier"


@pytest.mark.parametrize("name", ["meta_en.csv", "meta_fr.csv"])
def test_meta_link_clicks_results_reach(fixtures, name):
    parsed = parse_file(fixtures / name)
    assert parsed.info.platform == "meta_ads"
    assert parsed.info.currencies == ["EUR"]  # from "Amount spent (EUR)" / "Montant dépensé (EUR)"
    rows = parsed.rows
    pro = [r for r in rows if r["campaign"] == "Prospection Automne"]
    assert pro[0]["clicks"] == 151 and pro[0]["clicks_all"] == 402, "clicks are link clicks"
    assert pro[0]["results"] == 15230 and pro[0]["conversions"] == 1, "Results (reach here) are not conversions"
    assert pro[1]["conversions"] is None
    assert pro[0]["reach"] == 15230 and pro[0]["frequency"] == Decimal("1.31")
    got = sums(rows)
    assert got["cost"] == Decimal("1159.52")
    assert got["clicks"] == 470
    assert got["conversions"] == 6
    assert got["conversion_value"] == Decimal("1524.40")
    assert {r["date"] for r in rows} == {date(2026, 9, 1), date(2026, 9, 2)}


def test_linkedin_preamble_and_month_first_dates(fixtures):
    parsed = parse_file(fixtures / "linkedin_en.csv")
    assert parsed.info.platform == "linkedin_ads"
    assert parsed.info.header_line == 9
    assert [r["date"] for r in parsed.rows] == [date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 13)]
    assert sums(parsed.rows)["cost"] == Decimal("1227.27")
    assert parsed.rows[0]["channel"] == "paid_social"


def test_generic_mapping(fixtures, settings):
    parsed = parse_file(fixtures / "affiliates.csv", settings)
    assert parsed.info.platform == "generic:affiliates"
    assert parsed.rows[0]["channel"] == "affiliates"
    assert parsed.rows[0]["date"] == date(2026, 9, 1) and parsed.rows[0]["currency"] == "EUR"
    assert sums(parsed.rows)["cost"] == Decimal("255.50")


def test_platform_flag_forces_and_checks(fixtures):
    assert parse_file(fixtures / "google_en.csv", platform="google_ads").info.platform == "google_ads"
    with pytest.raises(InputError, match=r"does not look like Google Ads.*Headers found: 'TimePeriod'"):
        parse_file(fixtures / "microsoft_api.csv", platform="google_ads")
    with pytest.raises(InputError, match="unknown platform"):
        parse_file(fixtures / "google_en.csv", platform="yahoo")


def write_google_xlsx(path: Path) -> dict[str, float]:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Campaign report"])
    ws.append(["September 1, 2026 - September 2, 2026"])
    ws.append(["Day", "Campaign", "Campaign ID", "Impr.", "Clicks", "Cost", "Conversions", "Conv. value"])
    rows = [
        [date(2026, 9, 1), "Brand FR", 20123456781, 1204, 187, 78.54, 9, 612.4],
        [date(2026, 9, 1), "Total Wine", 20123456789, 310, 12, 10.56, 0, 0],
        [date(2026, 9, 2), "Brand FR", 20123456781, 1150, 171, 76.95, 8, 540],
        [date(2026, 9, 2), "Total Wine", 20123456789, 295, "--", 9.8, "--", "--"],
    ]
    for r in rows:
        ws.append(r)
    total = {"impressions": 2959, "clicks": 370, "cost": 175.85, "conversions": 17, "conversion_value": 1152.4}
    ws.append(["Total: Campaigns", None, None, *total.values()])
    wb.save(path)
    return total


def test_xlsx(tmp_path):
    total = write_google_xlsx(tmp_path / "report.xlsx")
    parsed = parse_file(tmp_path / "report.xlsx")
    assert parsed.info.platform == "google_ads" and parsed.info.encoding == "xlsx"
    assert parsed.info.totals_match is True
    got = sums(parsed.rows)
    for k, v in total.items():
        assert float(got[k]) == pytest.approx(v, abs=0.001)
    assert parsed.rows[0]["date"] == date(2026, 9, 1) and parsed.rows[0]["campaign_id"] == "20123456781"
    assert parsed.rows[3]["clicks"] is None


def test_utf16_without_bom_and_header_whitespace(tmp_path, fixtures):
    data = (fixtures / "google_fr_excel.csv").read_bytes()[2:]  # strip the BOM
    (tmp_path / "nobom.csv").write_bytes(data)
    assert parse_file(tmp_path / "nobom.csv").info.rows == 7


def test_totals_mismatch_is_a_warning(tmp_path, fixtures):
    text = (fixtures / "google_en.csv").read_text(encoding="utf-8").replace('"1,374.90"', '"1,374.91"')
    (tmp_path / "g.csv").write_text(text, encoding="utf-8")
    info = parse_file(tmp_path / "g.csv").info
    assert info.totals_match is False and "1374.91" in info.warnings[0]


# ------------------------------------------------------------------ refusals name file, line and column


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("broken_ambiguous_number.csv", r"broken_ambiguous_number\.csv:4: column 'Cost': ambiguous number '1,204'"),
        ("broken_ambiguous_dates.csv", r"broken_ambiguous_dates\.csv:3: column 'Day': ambiguous date '03/04/2026'"),
        ("broken_bad_row.csv", r"broken_bad_row\.csv:6: column 'Cost': expected a number, got '12\.3x'"),
        ("broken_mixed_decimal.csv", r"broken_mixed_decimal\.csv:2: column .*decimal separator"),
        (
            "broken_unknown.csv",
            r"broken_unknown\.csv: is not a known export format\. Headers found: 'Date', 'Source', 'Sessions', "
            r"'Users', 'Bounce rate'\. Nearest known format: ",
        ),
    ],
)
def test_broken_files_are_refused_with_file_line_column(fixtures, name, pattern):
    with pytest.raises(InputError, match=pattern):
        parse_file(fixtures / name)


def test_contradicting_dates_are_refused(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("Day,Campaign,Cost\n13/04/2026,A,1.50\n04/13/2026,A,2.50\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"g\.csv:3: column 'Day'"):
        parse_file(p)


def test_meta_rows_must_be_daily(tmp_path):
    p = tmp_path / "m.csv"
    p.write_text('"Reporting starts","Reporting ends","Campaign name","Amount spent (EUR)","Link clicks"\n'
                 '"2026-09-01","2026-09-30","A","12.50","3"\n', encoding="utf-8")  # fmt: skip
    with pytest.raises(InputError, match=r"m\.csv:2: .*expected one day per row"):
        parse_file(p)


def test_empty_and_headerless_files(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        parse_file(tmp_path / "empty.csv")
    (tmp_path / "only_header.csv").write_text("Day,Campaign,Cost\n", encoding="utf-8")
    with pytest.raises(InputError, match="no campaign rows"):
        parse_file(tmp_path / "only_header.csv")


def test_summary_row_without_campaign_is_a_total(tmp_path, fixtures):
    text = (fixtures / "meta_fr.csv").read_text(encoding="utf-8")
    text += '"2026-09-01","2026-09-02","","","","","","","51277","1159,52","470","","6","1524,40"\n'
    (tmp_path / "m.csv").write_text(text, encoding="utf-8")
    info = parse_file(tmp_path / "m.csv").info
    assert info.rows == 4 and info.totals_match is True


def test_google_without_day_segment_gets_a_hint(tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("Campaign report\nCampaign,Impr.,Clicks,Cost\nBrand FR,100,10,5.00\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"Nearest known format: Google Ads .*Segment > Time > Day"):
        parse_file(p)


def test_microsoft_rows_count_in_header_block_is_checked(tmp_path, fixtures):
    text = (fixtures / "microsoft_ui.csv").read_text(encoding="utf-8").replace('"Rows: 5"', '"Rows: 7"')
    (tmp_path / "ms.csv").write_text(text, encoding="utf-8")
    info = parse_file(tmp_path / "ms.csv").info
    assert info.warnings == ["the report header says 7 rows but 5 campaign rows were read"]
    assert parse_file(fixtures / "microsoft_ui.csv").info.warnings == []


def test_zero_decimal_currency_reads_groups(tmp_path):
    p = tmp_path / "jpy.csv"
    p.write_text('Day,Campaign,Currency code,Impr.,Clicks,Cost\n2026-09-01,Brand JP,JPY,"12,000",300,"12,345"\n',
                 encoding="utf-8")  # fmt: skip
    (row,) = parse_file(p).rows
    assert row["cost"] == 12345 and row["currency"] == "JPY"


def test_a_bare_generic_csv_is_not_taken_for_google(tmp_path):
    p = tmp_path / "network.csv"
    p.write_text("Date,Campaign,Cost,Clicks\n2026-09-01,Spring,12.50,40\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not a known export format"):
        parse_file(p)


def test_old_xls_gets_a_clear_error(tmp_path):
    (tmp_path / "r.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"r\.xls: old Excel \.xls workbook"):
        parse_file(tmp_path / "r.xls")


def test_meta_xlsx_export(tmp_path, fixtures):
    """Ads Manager's default export is XLSX: same headers, native numbers and dates."""
    import csv

    with open(fixtures / "meta_en.csv", encoding="utf-8", newline="") as fh:
        lines = list(csv.reader(fh))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(lines[0])
    for cells in lines[1:]:
        ws.append([date.fromisoformat(c) if i < 3 else (float(c) if c.replace(".", "").isdigit() else c)
                   for i, c in enumerate(cells)])  # fmt: skip
    wb.save(tmp_path / "meta.xlsx")
    parsed = parse_file(tmp_path / "meta.xlsx")
    assert parsed.info.platform == "meta_ads" and parsed.info.rows == 4
    assert sums(parsed.rows)["cost"] == Decimal("1159.52")
    assert parsed.rows[0]["clicks"] == 151 and parsed.rows[0]["results"] == 15230


def test_google_english_excel_csv(tmp_path, fixtures):
    text = (fixtures / "google_en.tsv").read_text(encoding="utf-8")
    (tmp_path / "g.csv").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    parsed = parse_file(tmp_path / "g.csv")
    assert (parsed.info.encoding, parsed.info.delimiter, parsed.info.totals_match) == ("utf-16-le", "\t", True)


def test_dated_row_without_campaign_is_refused(tmp_path, fixtures, settings):
    text = (fixtures / "affiliates.csv").read_text(encoding="utf-8") + "03/09/2026;;12,00;40;1;80,00\r\n"
    (tmp_path / "affiliates.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=r"affiliates\.csv:5: column 'Programme': expected a campaign name"):
        parse_file(tmp_path / "affiliates.csv", settings)


# Google Ads UI downloads (field hardening #1): the totals label sits in the first column and every
# dimension, the date included, is "--". Shapes as the UI writes them: English and French, the comma CSV
# and the UTF-16 tab "Excel CSV", several totals rows each.
GOOGLE_EN = [
    ["Campaign status", "Campaign", "Day", "Currency code", "Clicks", "Impr.", "Cost", "Conversions"],
    ["Enabled", "Brand FR", "2026-10-01", "EUR", "1,204", "18,330", "512.40", "31.00"],
    ["Enabled", "Générique - Chaussures", "2026-10-01", "EUR", "96", "5,480", "58.56", "2.50"],
    ["Paused", "Brand FR", "2026-10-02", "EUR", "1,150", "17,020", "480.10", "28.00"],
    ["Total: Account", "--", "--", "EUR", "2,450", "40,830", "1,051.06", "61.50"],
    ["Total: Search", "--", "--", "EUR", "2,450", "40,830", "1,051.06", "61.50"],
]
GOOGLE_FR = [
    ["État de la campagne", "Campagne", "Jour", "Code de la devise", "Clics", "Impr.", "Coût", "Conversions"],
    ["Activée", "Brand FR", "2026-10-01", "EUR", "1\u202f204", "18\u202f330", "512,40", "31,00"],
    ["Activée", "Générique - Chaussures", "2026-10-01", "EUR", "96", "5\u202f480", "58,56", "2,50"],
    ["En veille", "Brand FR", "2026-10-02", "EUR", "1\u202f150", "17\u202f020", "480,10", "28,00"],
    ["Total : compte", "--", "--", "EUR", "2\u202f450", "40\u202f830", "1\u202f051,06", "61,50"],
    ["Total : campagnes", "--", "--", "EUR", "2\u202f450", "40\u202f830", "1\u202f051,06", "61,50"],
]


def _write(path: Path, rows: list[list[str]], delimiter: str, encoding: str) -> None:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


@pytest.mark.parametrize(("rows", "delimiter", "encoding", "label"), [
    (GOOGLE_EN, ",", "utf-8", "Total: Account"),
    (GOOGLE_EN, "\t", "utf-16", "Total: Account"),
    (GOOGLE_FR, ",", "utf-8", "Total : campagnes"),
    (GOOGLE_FR, "\t", "utf-16", "Total : campagnes"),
])
def test_google_totals_rows_with_dashes_in_every_dimension(tmp_path, rows, delimiter, encoding, label):
    path = tmp_path / "google_ads.csv"
    _write(path, rows, delimiter, encoding)
    parsed = parse_file(path)
    assert parsed.info.platform == "google_ads"
    assert parsed.info.rows == 3, "the totals rows are not campaign rows"
    assert parsed.info.totals_match is True, parsed.info.warnings
    assert parsed.info.totals_row["label"] == label
    assert sums(parsed.rows)["cost"] == Decimal("1051.06")
    assert sums(parsed.rows)["clicks"] == 2450


def test_a_totals_row_that_disagrees_with_its_rows_is_said(tmp_path):
    rows = [*GOOGLE_EN[:4], ["Total: Account", "--", "--", "EUR", "2,450", "40,830", "1,151.06", "61.50"]]
    path = tmp_path / "google_ads.csv"
    _write(path, rows, ",", "utf-8")
    parsed = parse_file(path)
    assert parsed.info.totals_match is False
    assert any("total cost is 1151.06 but its rows add up to 1051.06" in w for w in parsed.info.warnings)
