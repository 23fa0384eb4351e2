#!/usr/bin/env python3
"""Builds sample-data/: ~22 hand-written special accounts (first, ids 74000000NN /
66000000NN / 38000000NN) followed by the output of `energobill generate` at a
small scale (200 accounts, CHE/SVE/IRK, seed 2026, periods 2025-10..2026-10).

    ENERGOBILL_GEN_SAMPLE=/tmp/gen-sample swift test --filter GeneratorTests/sample
    python3 sample-data/make_sample.py /tmp/gen-sample

Integers only; every special value below is written out so it can be checked by hand.
"""
import csv, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = sys.argv[1] if len(sys.argv) > 1 else "/tmp/gen-sample"

PERIODS = [(2025, 10), (2025, 11), (2025, 12)] + [(2026, m) for m in range(1, 11)]

def ym(p): return "%04d-%02d" % p
def nextp(p): return (p[0] + 1, 1) if p[1] == 12 else (p[0], p[1] + 1)
def due(p):  # due date of period p: 10th of next month through 2026-02, 15th from 2026-03
    n = nextp(p)
    return "%04d-%02d-%02d" % (n[0], n[1], 15 if p >= (2026, 3) else 10)

accounts, meters, readings, sms, payments = [], [], [], [], []

def acct(id, holder, address, region, category, residents=2, rooms=2, kind="person", inn="", kpp="",
         area="52.4", email="", phone="", delivery="paper", opened="2012-05-14", closed="", balance="",
         contract="", contract_date="", edo_id=""):
    res = "" if kind == "legal" else str(residents)
    rms = "" if kind == "legal" else str(rooms)
    accounts.append([id, '"%s"' % holder, '"%s"' % address, region, category, kind, inn, kpp, res, rms, area,
                     email, phone, delivery, opened, closed, balance, contract, contract_date, edo_id])

def meter(id, account, zones, digits, installed, verif, initial, removed="", accuracy=None):
    init = [str(v) for v in initial] + [""] * (3 - len(initial))
    meters.append([id, account, str(zones), str(digits), "1", accuracy or ("2.0" if zones == 1 else "1.0"),
                   installed, verif] + init + [removed])

def rd(account, meter, taken, received, source, regs, correction=0):
    r = [str(v) for v in regs] + [""] * (3 - len(regs))
    readings.append([account, meter, taken, received, source] + r + [str(correction)])

def monthly(account, meter, start, vols, source="lk", day=24, skip=(), digits=6, time="19:30:00", upto=None):
    """One reading per period on `day`; vols[i] = kWh per register in period i. Returns the register states."""
    state = list(start)
    states = {}
    for i, p in enumerate(PERIODS):
        if upto and p > upto: break
        v = vols[i] if isinstance(vols[i], (list, tuple)) else [vols[i]]
        state = [(s + x) % (10 ** digits) for s, x in zip(state, v)]
        states[p] = list(state)
        if p in skip: continue
        d = "%s-%02d" % (ym(p), day)
        rd(account, meter, d, d + " " + time, source, state)
    return states

def pay(id, account, paid, amount, channel="lk", period=""):
    payments.append([id, account, paid, amount, channel, period])

def pay_monthly(account, amounts, channel="sberbank", day_before_due=2, named=False, skip=()):
    for i, p in enumerate(PERIODS):
        if p in skip or amounts[i] is None: continue
        y, m, d = due(p).split("-")
        dd = "%s-%s-%02d" % (y, m, int(d) - day_before_due)
        pay("P%s-%s" % (account, ym(p).replace("-", "")), account, dd, amounts[i], channel, ym(p) if named else "")

def rub(kop): return "%d.%02d" % (kop // 100, kop % 100)

def half_up(n, d): return (2 * n + d) // (2 * d)   # n, d > 0: half away from zero

def legal_bill(region, zone_vols, p):
    """What a legal account owes for period p exactly as the close bills it: each zone's line at the
    legal price of the region file (without VAT), VAT on each line (20% to 2025, 22% from 2026)."""
    with open(os.path.join(HERE, "..", "tariffs", region + ".json"), encoding="utf-8") as f:
        versions = [t for t in json.load(f)["tariffs"] if t["category"] == "legal" and t["from"] <= ym(p) + "-01"]
    whole, _, frac = max(versions, key=lambda t: t["from"])["rates"][0]["single"].partition(".")
    price = int(whole) * 10000 + int((frac + "0000")[:4])       # ten-thousandths of a ruble
    rate = 22 if p >= (2026, 1) else 20
    total = 0
    for v in zone_vols:
        net = half_up(v * price, 100)
        total += net + half_up(net * rate, 100)
    return rub(total)
def bill(vols, price_kop):  # rough charge for the payment amount (kopecks, rounded up to rubles)
    out = []
    for v in vols:
        t = sum(v) if isinstance(v, (list, tuple)) else v
        out.append(rub((t * price_kop + 99) // 100 * 100))
    return out

GAS = [180, 205, 240, 250, 225, 200, 170, 150, 140, 145, 150, 165, 185]

# 01 single-rate, actual every month
acct("7400000001", "Соколов Андрей Петрович", "г. Челябинск, ул. Кирова, д. 12, кв. 34", "CHE", "urban_gas", 2, 2,
     email="ls7400000001@example.ru", phone="+79120000001", delivery="email")
meter("900000101", "7400000001", 1, 6, "2019-03-15", "2035-03-14", [15230])
monthly("7400000001", "900000101", [15230], GAS)
pay_monthly("7400000001", bill(GAS, 470))

# 02 two-zone
V2 = [[190, 95], [215, 110], [250, 130], [265, 140], [240, 120], [210, 105], [180, 90], [160, 80], [150, 75],
      [155, 78], [160, 80], [175, 88], [195, 98]]
acct("7400000002", "Морозова Ирина Викторовна", "г. Челябинск, пр. Победы, д. 101, кв. 7", "CHE", "urban_electric", 3, 3,
     area="64.0", phone="+79120000002")
meter("900000201", "7400000002", 2, 6, "2020-08-03", "2036-08-02", [20450, 8120])
monthly("7400000002", "900000201", [20450, 8120], V2, source="gosuslugi", day=23)
pay_monthly("7400000002", bill(V2, 330), channel="sbp")

# 03 three-zone (T1 peak, T2 night, T3 semi-peak)
V3 = [[70, 60, 90], [80, 65, 100], [95, 75, 115], [100, 80, 120], [90, 72, 110], [80, 64, 98], [68, 55, 85],
      [60, 50, 75], [55, 47, 70], [57, 48, 72], [60, 50, 75], [66, 54, 82], [74, 60, 92]]
acct("6600000003", "Лебедев Константин Юрьевич", "г. Екатеринбург, ул. Мира, д. 40, кв. 112", "SVE", "urban_gas", 2, 2,
     phone="+79120000003")
meter("900000301", "6600000003", 3, 6, "2021-02-10", "2037-02-09", [5120, 3310, 7480])
monthly("6600000003", "900000301", [5120, 3310, 7480], V3, source="form", day=25, time="10:05:00")
pay_monthly("6600000003", bill(V3, 590), channel="vtb")

# 04 Irkutsk tiers: December 4600 kWh crosses 3900, January 6300 crosses 6000
V4 = [2100, 3400, 4600, 6300, 5200, 3800, 2600, 1500, 900, 850, 950, 1800, 2500]
acct("3800000004", "Захаров Виктор Николаевич", "Иркутский р-н, с. Хомутово, ул. Лесная, д. 8", "IRK", "urban_electric", 4, 4,
     area="148.5", phone="+79140000004")
meter("900000401", "3800000004", 1, 6, "2018-10-01", "2034-09-30", [48200])
monthly("3800000004", "900000401", [48200], V4, source="lk", day=24)
pay_monthly("3800000004", [rub(k) for k in [357000, 578000, 1168800, 2128600, 1586000, 646000, 442000, 255000,
                                            153000, 144500, 161500, 306000, 425000]])

# 05 missing readings: 4 actual periods, then nothing Feb..Sep 2026 (6 × average, then norm), actual in Oct 2026
V5 = [160, 190, 230, 240, 220, 190, 165, 140, 130, 135, 140, 160, 180]
skip5 = set(PERIODS[4:12])
acct("7400000005", "Орлова Галина Ивановна", "г. Магнитогорск, ул. Труда, д. 5, кв. 18", "CHE", "urban_gas", 1, 1,
     area="33.1", phone="+79120000005")
meter("900000501", "7400000005", 1, 6, "2017-06-20", "2033-06-19", [30100])
monthly("7400000005", "900000501", [30100], V5, skip=skip5)
pay_monthly("7400000005", bill(V5, 470), channel="pochta")

# 06 new account (opened 2026-06-15): June prorated norm, July actual, August norm (< 3 periods of history)
acct("6600000006", "Никитина Юлия Андреевна", "г. Нижний Тагил, ул. Садовая, д. 3, кв. 41", "SVE", "urban_electric", 3, 2,
     area="48.7", phone="+79120000006", opened="2026-06-15")
meter("900000601", "6600000006", 1, 6, "2026-06-15", "2042-06-14", [0])
rd("6600000006", "900000601", "2026-07-24", "2026-07-24 20:10:00", "lk", [180])
rd("6600000006", "900000601", "2026-09-24", "2026-09-24 20:10:00", "lk", [520])
rd("6600000006", "900000601", "2026-10-24", "2026-10-24 20:10:00", "lk", [760])
for p, a in [((2026, 6), "450.00"), ((2026, 7), "740.00"), ((2026, 8), "1150.00"), ((2026, 9), "700.00"), ((2026, 10), "990.00")]:
    y, m, d = due(p).split("-")
    pay("P6600000006-%s" % ym(p).replace("-", ""), "6600000006", "%s-%s-12" % (y, m), a, "lk")

# 07 failed verification: next verification due 2026-03-31, readings ignored from 2026-04 (3 × average, then norm)
V7 = [200, 220, 260, 270, 240, 215, 185, 160, 150, 152, 158, 175, 200]
acct("7400000007", "Павлов Олег Сергеевич", "г. Златоуст, ул. Школьная, д. 17, кв. 2", "CHE", "urban_electric", 2, 2,
     phone="+79120000007")
meter("900000701", "7400000007", 1, 5, "2010-04-01", "2026-03-31", [61500])
monthly("7400000007", "900000701", [61500], V7, digits=5)
pay_monthly("7400000007", bill(V7, 330))

# 08 meter replacement 2026-03-12: old single-rate meter's final reading, new two-zone meter from 0/0
V8 = [170, 195, 225, 235, 215]
acct("7400000008", "Алексеев Игорь Владимирович", "г. Челябинск, ул. Гагарина, д. 9, кв. 77", "CHE", "urban_gas", 2, 3,
     area="71.2", phone="+79120000008")
meter("900000801", "7400000008", 1, 5, "2013-09-05", "2029-09-04", [71230], removed="2026-03-12")
meter("900000802", "7400000008", 2, 6, "2026-03-12", "2042-03-11", [0, 0])
s8 = monthly("7400000008", "900000801", [71230], V8, digits=5, upto=(2026, 2))
rd("7400000008", "900000801", "2026-03-12", "2026-03-12 11:00:00", "office", [s8[(2026, 2)][0] + 80])   # 72270 + 80 kWh since Feb 24 (final)
st = [0, 0]
for p, v in zip(PERIODS[5:], [[90, 40], [120, 60], [105, 52], [95, 48], [92, 46], [96, 48], [105, 52], [118, 60]]):
    st = [a + b for a, b in zip(st, v)]
    rd("7400000008", "900000802", ym(p) + "-24", ym(p) + "-24 18:45:00", "lk", st)
# a reading on the removed meter after the replacement → rejected (meter removed)
rd("7400000008", "900000801", "2026-05-24", "2026-05-24 18:50:00", "lk", [72400])
pay_monthly("7400000008", bill(V8 + [210, 180, 157, 143, 138, 144, 157, 178], 470))

# 09 rollover of a 5-digit meter: 99890 in October, 150 in November (10^5 − 99890 + 150 = 260 kWh)
V9 = [240, 260, 300, 310, 280, 250, 210, 180, 170, 175, 180, 200, 230]
acct("7400000009", "Козлов Михаил Андреевич", "г. Миасс, ул. Октябрьская, д. 22, кв. 9", "CHE", "urban_electric", 3, 2,
     phone="+79120000009")
meter("900000901", "7400000009", 1, 5, "2009-11-11", "2027-11-10", [99650])
monthly("7400000009", "900000901", [99650], V9, digits=5)
pay_monthly("7400000009", bill(V9, 330))

# 10 rejected readings of each kind (every bad row is received after the good one of its month)
V10 = [200] * 13
acct("7400000010", "Фролов Евгений Игоревич", "г. Копейск, ул. Ленина, д. 55, кв. 60", "CHE", "urban_gas", 2, 2,
     phone="+79120000010")
meter("900001001", "7400000010", 1, 6, "2016-01-20", "2032-01-19", [34500])
s10 = monthly("7400000010", "900001001", [34500], V10)
A, M = "7400000010", "900001001"
rd(A, M, "2025-11-25", "2025-11-25 09:00:00", "lk", [1034900])                 # 7 digits on a 6-digit meter
rd(A, M, "2025-12-25", "2025-12-25 09:00:00", "lk", [33000])                   # lower than previous (35100)
rd(A, M, "2026-01-25", "2026-01-25 09:00:00", "lk", [95000])                   # implausible: +59900 kWh over 35100
rd(A, M, "2026-02-25", "2026-02-25 09:00:00", "lk", [35500, 120])              # two registers on a single-rate meter
rd(A, M, "2026-03-28", "2026-03-25 09:00:00", "lk", [35700])                   # taken after it was received
rd(A, "900000101", "2026-04-25", "2026-04-25 09:00:00", "lk", [35900])         # meter of account 7400000001
rd(A, "900000999", "2026-05-25", "2026-05-25 09:00:00", "lk", [36100])         # unknown meter
rd("7499999999", "", "2026-06-25", "2026-06-25 09:00:00", "lk", [36300])       # unknown account
pay_monthly(A, bill(V10, 470))

# 11 control reading overrides the customer's: inspector 2026-04-14 (57190), customer 2026-04-24 typed 57670
acct("6600000011", "Семёнова Наталья Олеговна", "г. Екатеринбург, ул. Строителей, д. 14, кв. 3", "SVE", "urban_gas", 2, 2,
     phone="+79120000011")
meter("900001101", "6600000011", 1, 6, "2015-05-05", "2031-05-04", [55900])
V11 = [170, 190, 220, 230, 210, 190, 160, 140, 130, 135, 140, 155, 175]
s11 = monthly("6600000011", "900001101", [55900], V11, skip={(2026, 4)})
rd("6600000011", "900001101", "2026-04-14", "2026-04-14 14:20:00", "inspector", [s11[(2026, 3)][0] + 80])  # 57190
rd("6600000011", "900001101", "2026-04-24", "2026-04-24 21:00:00", "lk", [s11[(2026, 4)][0] + 400])       # 57670
pay_monthly("6600000011", bill(V11, 600))

# 12 correction (typo 49020 → corrected 40920 the same taken_on) and an exact duplicate in March
acct("7400000012", "Григорьев Павел Сергеевич", "г. Челябинск, ул. Пушкина, д. 30, кв. 15", "CHE", "urban_gas", 2, 2,
     phone="+79120000012")
meter("900001201", "7400000012", 1, 6, "2018-07-07", "2034-07-06", [40000])
V12 = [150, 170, 200, 210, 190, 170, 150, 130, 120, 125, 130, 145, 160]
s12 = monthly("7400000012", "900001201", [40000], V12, skip={(2026, 2)})
rd("7400000012", "900001201", "2026-02-24", "2026-02-24 10:00:00", "lk", [49020])                 # typo
rd("7400000012", "900001201", "2026-02-24", "2026-02-24 18:00:00", "lk", [s12[(2026, 2)][0]], correction=1)  # 40920
rd("7400000012", "900001201", "2026-03-24", "2026-03-24 19:30:00", "lk", [s12[(2026, 3)][0]])   # exact duplicate
pay_monthly("7400000012", bill(V12, 470))

# 13 late reading: May's reading received 2026-05-27 (after the 25th) counts for June; no June reading
acct("6600000013", "Кузьмин Юрий Васильевич", "г. Первоуральск, ул. Мира, д. 2, кв. 28", "SVE", "urban_electric", 2, 1,
     phone="+79120000013")
meter("900001301", "6600000013", 1, 6, "2014-12-01", "2030-11-30", [22000])
V13 = [200, 230, 270, 280, 250, 220, 190, 170, 160, 165, 170, 190, 215]
s13 = monthly("6600000013", "900001301", [22000], V13, skip={(2026, 5), (2026, 6)})
rd("6600000013", "900001301", "2026-05-27", "2026-05-27 10:15:00", "lk", [s13[(2026, 5)][0]])
pay_monthly("6600000013", bill(V13, 420))

# 14 named-period payment: no payment for 2025-11; 2026-02-09 pays naming 2026-01; 2025-11 paid on 2026-04-10
acct("7400000014", "Яковлева Марина Петровна", "г. Челябинск, ул. Набережная, д. 4, кв. 88", "CHE", "urban_gas", 2, 2,
     phone="+79120000014")
meter("900001401", "7400000014", 1, 6, "2019-09-09", "2035-09-08", [12000])
monthly("7400000014", "900001401", [12000], GAS)
b14 = bill(GAS, 470)
pay_monthly("7400000014", [None if p in {(2025, 11), (2026, 1)} else b14[i] for i, p in enumerate(PERIODS)])
pay("P7400000014-202601", "7400000014", "2026-02-09", b14[3], "lk", "2026-01")
pay("P7400000014-202511", "7400000014", "2026-04-10", b14[1], "lk", "2025-11")

# 15 overpayment: 5000.00 on 2025-11-05 for a ~900 ₽ bill; the advance covers the next months
acct("6600000015", "Романов Дмитрий Олегович", "г. Каменск-Уральский, ул. Кирова, д. 19, кв. 5", "SVE", "urban_gas", 1, 1,
     phone="+79120000015")
meter("900001501", "6600000015", 1, 6, "2020-02-02", "2036-02-01", [8000])
V15 = [150, 165, 185, 190, 175, 160, 140, 125, 115, 120, 125, 140, 155]
monthly("6600000015", "900001501", [8000], V15)
pay("P6600000015-202510", "6600000015", "2025-11-05", "5000.00", "sberbank", "")
pay_monthly("6600000015", [None] * 7 + bill(V15, 600)[7:])

# 16 debtor: pays for 2025-10 and 2025-11, then stops; 2025-12's charge passes day 90 on 2026-04-10
acct("7400000016", "Волков Сергей Николаевич", "г. Челябинск, ул. Энтузиастов, д. 7, кв. 140", "CHE", "urban_electric", 4, 3,
     phone="+79120000016")
meter("900001601", "7400000016", 1, 6, "2016-03-03", "2032-03-02", [88000])
V16 = [320, 360, 420, 440, 400, 350, 300, 260, 240, 245, 255, 285, 330]
monthly("7400000016", "900001601", [88000], V16)
pay_monthly("7400000016", bill(V16, 330)[:2] + [None] * 11)

# 17 legal entity, penalty from day 1: ASKUE readings, pays 5 days after every due date (the 18th, ПП442 п.82)
acct("7400000017", "ООО «Уралтехсервис»", "г. Челябинск, ул. Труда, д. 166, офис 12", "CHE", "legal", kind="legal",
     inn="7453000026", kpp="745301001", area="410.0", email="buh@uraltehservis.example.ru", phone="+73512000017",
     delivery="email", opened="2011-02-01", contract="ЭС-CHE-0017/2011", contract_date="2011-02-01",
     edo_id="2BM-7453000026-745301001-0000000017")
meter("900001701", "7400000017", 3, 6, "2021-01-15", "2037-01-14", [150000, 90000, 120000])
V17 = [[900, 600, 1100], [980, 650, 1200], [1050, 700, 1300], [1100, 720, 1350], [1000, 680, 1250], [950, 640, 1150],
       [900, 600, 1100], [850, 560, 1050], [820, 540, 1000], [830, 550, 1010], [860, 570, 1040], [900, 600, 1100], [950, 630, 1150]]
monthly("7400000017", "900001701", [150000, 90000, 120000], V17, source="askue", day=23, time="01:15:00")
for i, p in enumerate(PERIODS):
    pay("P7400000017-%s" % ym(p).replace("-", ""), "7400000017", "%04d-%02d-23" % nextp(p),
        legal_bill("CHE", V17[i], p), "bank_transfer", ym(p))

# 18 opening debt 4520.37: 2000.00 paid on 2025-10-20, then the current bills only
acct("7400000018", "Степанова Людмила Геннадьевна", "Сосновский р-н, с. Долгодеревенское, ул. Заречная, д. 31", "CHE", "rural", 3, 3,
     area="92.0", phone="+79120000018", balance="4520.37")
meter("900001801", "7400000018", 1, 6, "2017-08-08", "2033-08-07", [26000])
V18 = [260, 300, 350, 370, 330, 290, 250, 220, 210, 215, 220, 245, 275]
monthly("7400000018", "900001801", [26000], V18, source="phone", time="12:40:00")
pay("P7400000018-OPEN", "7400000018", "2025-10-20", "2000.00", "pochta", "")
pay_monthly("7400000018", bill(V18, 330), channel="pochta")

# 19 opening advance −1500.00: no payment until February 2026
acct("3800000019", "Борисов Николай Иванович", "г. Иркутск, ул. Советская, д. 48, кв. 21", "IRK", "urban_gas", 2, 2,
     phone="+79140000019", balance="-1500.00")
meter("900001901", "3800000019", 1, 6, "2019-04-04", "2035-04-03", [31000])
V19 = [200, 230, 270, 280, 250, 220, 190, 170, 160, 165, 170, 190, 215]
monthly("3800000019", "900001901", [31000], V19)
pay_monthly("3800000019", [None] * 4 + bill(V19, 180)[4:])

# 20 closed account: closed 2026-04-30 with a final reading; a reading after closing is rejected
acct("6600000020", "Сергеева Анна Михайловна", "г. Екатеринбург, ул. Чкалова, д. 120, кв. 45", "SVE", "urban_gas", 1, 1,
     phone="+79120000020", closed="2026-04-30")
meter("900002001", "6600000020", 1, 6, "2015-10-10", "2031-10-09", [47000])
V20 = [150, 170, 200, 210, 190, 170, 150]
s20 = monthly("6600000020", "900002001", [47000], V20 + [0] * 6, upto=(2026, 3))
rd("6600000020", "900002001", "2026-04-30", "2026-04-30 15:00:00", "office", [47000 + sum(V20[:6]) + 150])
rd("6600000020", "900002001", "2026-06-24", "2026-06-24 19:00:00", "lk", [48300])
pay_monthly("6600000020", bill(V20, 600) + [None] * 6)

# 21 no meter: billed by the norm (urban_gas, 2 rooms, 3 residents)
acct("7400000021", "Николаев Алексей Викторович", "г. Челябинск, ул. Молодёжная, д. 66, кв. 19", "CHE", "urban_gas", 3, 2,
     phone="+79120000021")
pay_monthly("7400000021", ["1185.00"] * 13, channel="terminal")

# 22 readings by SMS (two-zone): text "7400000022 T1 T2" from the account's phone
acct("7400000022", "Гусева Татьяна Александровна", "г. Челябинск, ул. Лесная, д. 11, кв. 6", "CHE", "urban_electric", 2, 2,
     phone="+79120000022")
meter("900002201", "7400000022", 2, 6, "2022-06-01", "2038-05-31", [9100, 4200])
st = [9100, 4200]
for i, p in enumerate(PERIODS):
    st = [st[0] + V2[i][0] - 20, st[1] + V2[i][1] - 10]
    sms.append(["%s-24 08:%02d:00" % (ym(p), 10 + i), "+79120000022", "7400000022 %d %d" % tuple(st)])
pay_monthly("7400000022", bill([[a - 20, b - 10] for a, b in V2], 330), channel="sbp")

# ---------------------------------------------------------------------------
def read_csv(name):
    with open(os.path.join(GEN, name), encoding="utf-8") as f:
        lines = f.read().splitlines()
    return lines[0], lines[1:]

def write(name, header, special, generated):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(header + "\n")
        for r in special: f.write(",".join(r) + "\n")
        for l in generated: f.write(l + "\n")

# readings of an account in time order (accounts in the order they were written)
order = {}
for r in readings: order.setdefault(r[0], len(order))
readings.sort(key=lambda r: (order[r[0]], r[3]))

def with_contract(line):
    """A generated account row with the contract columns: legal entities get a supply contract
    signed on their opening day (no EDO id: their invoices are named by INN_KPP)."""
    f = next(csv.reader([line]))
    if f[5] != "legal": return line + ",,,"
    return line + ",ЭС-%s-%s/%s,%s," % (f[3], f[0][-4:], f[14][:4], f[14])

h, g = read_csv("accounts.csv")
write("accounts.csv", h + ",contract,contract_date,edo_id", accounts, [with_contract(l) for l in g])
for name, special in [("meters.csv", meters), ("readings.csv", readings), ("sms.csv", sms)]:
    h, g = read_csv(name)
    write(name, h, special, g)

# Payments: the generated "sberbank" payments go to the bank's export (cp1251, ';', DD.MM.YYYY, decimal comma).
h, g = read_csv("payments.csv")
kept, bank = [], []
for l in g:
    f = l.split(",")
    (bank if f[4] == "sberbank" else kept).append(f)
write("payments.csv", h, payments, [",".join(f) for f in kept])
with open(os.path.join(HERE, "payments-bank-cp1251.csv"), "wb") as out:
    out.write("payment_id;account_id;paid_on;amount;channel;period\r\n".encode("cp1251"))
    for f in bank:
        y, m, d = f[2].split("-")
        line = ";".join([f[0], f[1], "%s.%s.%s" % (d, m, y), f[3].replace(".", ","), "Сбербанк Онлайн", f[5]])
        out.write((line + "\r\n").encode("cp1251"))
print("special accounts:", len(accounts), "readings:", len(readings), "payments:", len(payments), "bank rows:", len(bank))
