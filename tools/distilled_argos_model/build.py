#!/usr/bin/env python
# ruff: noqa: E501  (sentence templates and word lists read best on one line)
"""Build a small but REAL English->Spanish Argos Translate package, distilled from Apertium.

The copy model (``tools/tiny_argos_model``) lets tests assert exact outputs; this one
behaves like a real Argos package instead: it actually translates, its SentencePiece
model has NO byte fallback and uses ``nmt_nfkc`` (an unseen character such as U+E000
becomes ``<unk>`` and decodes as `` ⁇ ``), and its training data holds no placeholder
tokens and no private-use characters. It is a sequence-level distillation of Apertium
eng-spa: Apertium translates a synthetic English news corpus, the Transformer learns
to reproduce Apertium's output.

Usage (from the repository root; each stage reads the previous stage's files in
``--workdir``)::

    PY=/work/buildvenv/bin/python
    $PY tools/distilled_argos_model/build.py data  --workdir /tmp/distil-work
    $PY tools/distilled_argos_model/build.py train --workdir /tmp/distil-work [--resume]
    $PY tools/distilled_argos_model/build.py package --workdir /tmp/distil-work \\
        --out tests/fixtures/distilled-en-es.argosmodel

``package --quick`` exports the latest checkpoint without the evaluations (the early
package for development). Stages:

1. ``data``: generate English news-like sentences (a small probabilistic grammar over
   news vocabulary, Babel's English territory and language names, wamerican proper
   names and words, gender-guesser first names, synthetic Caucasus/Persian-style
   surnames, a few glossary names); assert that no sentence of the benchmark articles
   is in it; translate with ``apertium -u eng-spa``; split into train/dev/test;
   train SentencePiece (unigram, shared vocabulary, ``byte_fallback=False``,
   ``nmt_nfkc``).
2. ``train``: pre-norm Transformer (``tools/argos_kit.py``), label smoothing 0.1, AdamW,
   warm-up + cosine decay, checkpoints every few minutes, ``--resume``.
3. ``package``: export to CTranslate2 (int8), choose the alignment layer/heads that
   best align copied names, measure chrF against Apertium (beam 4 and greedy), write
   metadata.json + README.md and a deterministic zip with one top-level folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from argos_kit import (  # noqa: E402
    build_torch_model,
    export_ctranslate2,
    make_batches,
    train_sentencepiece,
    write_zip,
)

REPO = Path(__file__).resolve().parents[2]
SEED = 20261202
PACKAGE_DIRNAME = "translate-en_es-distilled-0_1"
PACKAGE_VERSION = "0.1"
N_DEV, N_TEST = 500, 500

# --------------------------------------------------------------------------------------
# 1. Vocabulary
# --------------------------------------------------------------------------------------

TITLES = """president|prime minister|foreign minister|defence minister|energy minister|
economy minister|interior minister|finance minister|transport minister|health minister|
justice minister|deputy foreign minister|deputy prime minister|spokesman|spokeswoman|
ambassador|special envoy|governor|mayor|general|army chief|navy commander|chairman|
chief executive|senator|opposition leader|speaker of parliament|central bank governor|
head of the delegation|chief negotiator|adviser|senior aide|supreme leader|king|queen|
crown prince|secretary general|party leader|police chief|judge|prosecutor|mediator|
analyst|economist|professor|historian|journalist|diplomat|lawmaker|activist|
human rights lawyer|border guard commander|trade representative|vice president""".replace(
    "\n", ""
).split("|")

DEMONYMS = """Azerbaijani|Armenian|Iranian|Georgian|Russian|Turkish|Ukrainian|American|
British|French|German|Spanish|Italian|Chinese|Japanese|Indian|Pakistani|Afghan|Iraqi|
Syrian|Israeli|Palestinian|Lebanese|Egyptian|Saudi|Qatari|Emirati|Kazakh|Uzbek|Turkmen|
Kyrgyz|Tajik|Belarusian|Polish|Romanian|Hungarian|Greek|Serbian|Croatian|Bulgarian|Dutch|
Belgian|Swedish|Norwegian|Finnish|Danish|Austrian|Swiss|Portuguese|Brazilian|Mexican|
Argentine|Chilean|Colombian|Venezuelan|Cuban|Canadian|Australian|Nigerian|Kenyan|
Ethiopian|Moroccan|Algerian|Tunisian|Libyan|Sudanese|South African|European|Western|
Arab|Kurdish|Caspian|Asian|African|Baltic|Nordic|regional|local|foreign|federal""".replace(
    "\n", ""
).split("|")

CITIES = """Baku|Tehran|Yerevan|Tbilisi|Moscow|Ankara|Istanbul|Kyiv|Minsk|Warsaw|Berlin|
Paris|London|Madrid|Rome|Brussels|Vienna|Geneva|Zurich|Prague|Budapest|Bucharest|Sofia|
Athens|Belgrade|Stockholm|Oslo|Helsinki|Copenhagen|Amsterdam|Lisbon|Dublin|Washington|
New York|Chicago|Houston|Ottawa|Toronto|Mexico City|Havana|Caracas|Bogota|Lima|Santiago|
Buenos Aires|Brasilia|Sao Paulo|Cairo|Tripoli|Tunis|Algiers|Rabat|Khartoum|Addis Ababa|
Nairobi|Lagos|Abuja|Johannesburg|Cape Town|Riyadh|Jeddah|Doha|Dubai|Abu Dhabi|Muscat|
Kuwait City|Baghdad|Basra|Erbil|Damascus|Aleppo|Beirut|Amman|Jerusalem|Tel Aviv|Gaza|
Kabul|Herat|Islamabad|Karachi|Lahore|New Delhi|Mumbai|Dhaka|Colombo|Kathmandu|Beijing|
Shanghai|Hong Kong|Tokyo|Osaka|Seoul|Pyongyang|Taipei|Manila|Jakarta|Bangkok|Hanoi|
Singapore|Kuala Lumpur|Sydney|Canberra|Astana|Almaty|Tashkent|Samarkand|Ashgabat|Bishkek|
Dushanbe|Ganja|Sumgait|Lankaran|Shusha|Khankendi|Stepanakert|Gyumri|Vanadzor|Batumi|
Kutaisi|Poti|Rustavi|Tabriz|Mashhad|Isfahan|Shiraz|Ardabil|Rasht|Bandar Abbas|Qom|
Astrakhan|Makhachkala|Grozny|Derbent|Sochi|Rostov|Volgograd|Kazan|St Petersburg|Odesa|
Kharkiv|Lviv|Dnipro|Trabzon|Kars|Izmir|Antalya|Aktau|Atyrau|Turkmenbashi""".replace("\n", "").split(
    "|"
)

REGIONS = """the Caspian Sea|the Black Sea|the South Caucasus|the North Caucasus|the Middle East|
Central Asia|the Gulf|the Balkans|the Mediterranean|the Persian Gulf|the Red Sea|
Eastern Europe|the Baltic|the Arctic|the Sahel|the Horn of Africa|Western Europe|
the Pacific|the Indian Ocean|the Strait of Hormuz|the Aras river|the Kura river|
the Volga|the Danube|Nakhchivan|Karabakh|Syunik|Lachin|Abkhazia|South Ossetia|Ajara|
Kakheti|Dagestan|Chechnya|Crimea|Donbas|Kurdistan|Baluchistan|Khuzestan|Gilan|
Mazandaran|Kashmir|Siberia|Anatolia|Kosovo|Transnistria|Lapland|Patagonia""".replace(
    "\n", ""
).split("|")

ORGS = """the United Nations|the UN|NATO|the European Union|the EU|the OSCE|the IMF|
the World Bank|the Red Cross|the World Health Organization|the WHO|OPEC|the African Union|
the Arab League|the Council of Europe|the European Commission|the European Parliament|
the Security Council|the UN Security Council|the G20|the G7|the Kremlin|the White House|
the State Department|the Pentagon|the Foreign Ministry|the Defence Ministry|
the Interior Ministry|the Energy Ministry|the Finance Ministry|the Economy Ministry|
the central bank|the Supreme Court|the Constitutional Court|parliament|the government|
the cabinet|the opposition|the ruling party|the army|the navy|the police|the coast guard|
Gazprom|Rosneft|Lukoil|SOCAR|BP|Shell|TotalEnergies|Chevron|ExxonMobil|Equinor|Eni|
Naftogaz|Aramco|the National Iranian Oil Company|Azerbaijan Airlines|Turkish Airlines|
Aeroflot|Reuters|AFP|the Associated Press|the BBC|Al Jazeera|EFE|TASS|IRNA|Interfax|
the Asian Development Bank|the European Investment Bank|Amnesty International|
Human Rights Watch|Doctors Without Borders|the International Atomic Energy Agency|
the IAEA|the International Criminal Court|the International Court of Justice|
the Organization of Islamic Cooperation|the Shanghai Cooperation Organisation|
the Collective Security Treaty Organization|the Eurasian Economic Union|
the Islamic Revolutionary Guard Corps|the Revolutionary Guards|the IRGC|
the Caspian Pipeline Consortium|the state railway company|the port authority|
the weather service|the election commission|the stock exchange""".replace("\n", "").split("|")

MEDIA_SOURCES = """Reuters|AFP|the Associated Press|Bloomberg|the Financial Times|
The New York Times|The Guardian|Le Monde|El País|Der Spiegel|Kommersant|Tehran Times|
state television|state media|local media|the official news agency|a government statement|
a senior official|two diplomats|people familiar with the talks|witnesses|the ministry|
officials|analysts|residents""".replace("\n", "").split("|")

DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = """January February March April May June July August September October
November December""".split()
MONTH_ABBR = "Jan. Feb. March April May June July Aug. Sept. Oct. Nov. Dec.".split()

TOPICS = """the peace treaty|border delimitation|gas exports|oil exports|the transit corridor|
sanctions|the nuclear programme|the nuclear deal|grain shipments|the ceasefire|
prisoner exchanges|oil prices|gas prices|the election results|refugee returns|
the new constitution|interest rates|the pipeline|the gas pipeline|visa rules|
the budget deficit|landmine clearance|the railway link|the rail link|drone strikes|
water shortages|the falling level of the Caspian Sea|fishing rights|shipping rules|
trade tariffs|customs checks|the border crossing|the new port|electricity supplies|
wheat imports|the debt crisis|the drought|climate change|the floods|the storm damage|
air traffic|flight bans|road links|the bridge|the highway|energy security|cyber attacks|
human rights|press freedom|corruption charges|the trial|the investigation|tax reform|
pension reform|military exercises|arms sales|the naval drill|troop withdrawals|
the humanitarian corridor|food prices|inflation|unemployment|the housing crisis|
public health|the vaccine programme|the school reform|migration|the fishing ban|
maritime borders|the free trade agreement|the gas swap|the oil spill|the power plant|
the dam|the mining project|the wind farm|the solar park|the airport expansion""".replace(
    "\n", ""
).split("|")

NOUNS_PL = """officials|diplomats|protesters|soldiers|investors|analysts|residents|lawmakers|
journalists|farmers|workers|students|ministers|negotiators|observers|voters|police officers|
doctors|nurses|teachers|pilots|passengers|refugees|migrants|fishermen|engineers|
delegates|leaders|experts|villagers|shoppers|drivers|miners|traders|tourists|
rescuers|firefighters|volunteers|prisoners|families|children|pensioners|companies|
banks|airlines|ships|tankers|trains|trucks|flights|schools|hospitals|ports|villages""".replace(
    "\n", ""
).split("|")

NOUNS_SG = """agreement|deal|treaty|plan|proposal|decision|statement|report|law|bill|budget|
contract|memorandum|declaration|project|programme|strategy|investigation|inquiry|
meeting|summit|conference|visit|election|referendum|vote|crisis|conflict|dispute|
attack|explosion|fire|earthquake|storm|flood|drought|accident|strike|protest|
ceasefire|offensive|operation|exercise|reform|loan|investment|pipeline|railway|road|
bridge|tunnel|port|airport|terminal|border|crossing|corridor|route|factory|refinery|
mine|power station|dam|market|economy|currency|price|tax|tariff|embargo|ban|
ship|tanker|train|flight|convoy|delegation|committee|commission|court|verdict|
sentence|appeal|campaign|coalition|cabinet|government|ministry|embassy|consulate""".replace(
    "\n", ""
).split("|")

ADJ = """new|former|senior|local|foreign|regional|national|international|joint|
bilateral|historic|major|minor|key|crucial|controversial|long-awaited|fragile|
temporary|permanent|first|second|third|final|last|next|previous|recent|
main|official|unofficial|secret|public|private|state-owned|economic|political|military|
diplomatic|nuclear|strategic|commercial|humanitarian|financial|environmental|legal|
small|large|huge|brief|long|short|difficult|tense|cordial|productive|constructive|
heavy|strong|weak|sharp|sudden|gradual|rapid|slow|serious|deadly|peaceful|violent|
gale-force|long-term|short-term|cross-border|state-run|high-level|year-long|so-called|
well-known|full-scale|low-cost|oil-rich|land-locked|far-reaching|two-day|three-day""".replace(
    "\n", ""
).split("|")

VERB_SAID = """said|told reporters|announced|warned|confirmed|denied|insisted|added|stressed|
noted|argued|acknowledged|suggested|claimed|wrote|told parliament|told state television|
told a news conference|said in a statement|told the BBC""".replace("\n", "").split("|")

VERB_T_PAST = """criticised|welcomed|rejected|approved|blocked|supported|condemned|discussed|
reviewed|postponed|suspended|opened|closed|delayed|signed|ratified|proposed|accepted|
launched|praised|questioned|backed|denounced|cancelled|extended|renewed|finalised|
negotiated|announced|endorsed|challenged|defended|revised|unveiled|halted|resumed|
inspected|visited|toured|hosted|attended|boycotted|joined|left|reached|agreed on""".replace(
    "\n", ""
).split("|")

VERB_T_BASE = """criticise|welcome|reject|approve|block|support|condemn|discuss|review|
postpone|suspend|open|close|delay|sign|ratify|propose|accept|launch|back|cancel|extend|
renew|finalise|negotiate|endorse|challenge|defend|revise|unveil|halt|resume|inspect|
visit|host|attend|join|reach|build|finish|fund|expand|protect|monitor|investigate""".replace(
    "\n", ""
).split("|")

VERB_I_PAST = """rose|fell|collapsed|stalled|ended|began|resumed|continued|failed|succeeded|
collapsed|improved|worsened|increased|decreased|doubled|recovered|slowed|
broke down|went ahead|was postponed|was cancelled|was delayed|was suspended|was extended|
was approved|was rejected|was signed|was completed|was closed|was reopened""".replace(
    "\n", ""
).split("|")

EVENTS = """storm|earthquake|flood|fire|explosion|landslide|blizzard|heatwave|power cut|
train crash|bus accident|gas leak|drone attack|missile strike|cyber attack|
shooting|bombing|oil spill""".replace("\n", "").split("|")

COMMODITIES = """oil|gas|natural gas|crude|Brent crude|wheat|grain|gold|copper|cotton|
electricity|petrol|diesel|bread|sugar|rice|coal|steel|aluminium|fertiliser""".replace(
    "\n", ""
).split("|")

TIME_ADV = """last week|last month|last year|this week|this month|this year|next week|
next month|next year|earlier this year|later this month|in recent weeks|in recent days|
for the first time|again|on Monday evening|on Friday morning|overnight|yesterday|
today|tomorrow|by the end of the year|within days|within weeks|so far|at the weekend""".replace(
    "\n", ""
).split("|")

QUOTE_TEXT = """We will not accept this|There is no alternative to dialogue|
The door remains open|It is too early to say|We do not negotiate in public|
This is a historic day for our people|Nobody wants another war|
The agreement is ready to be signed|We have done everything we could|
They are not serious about peace|Our position has not changed|
The border must remain open|We expect transparency from all our neighbours|
This is a second lifeline for the region|Relations have never been closer|
The talks were constructive|We need more time|The decision is final|
Prices will keep rising|The railway will be finished next year|
We are ready to help|It was a difficult day|The storm caught everyone by surprise|
We want guarantees|This is purely defensive|There is no threat to anyone|
The sea is shrinking|We must protect our ports|Trade is growing fast|
Security comes first|We will respond|The investigation will continue|
Our country will not be divided|Both sides showed goodwill|
We will keep talking|The problem is political, not technical""".replace("\n", "").split("|")

NUMBER_WORDS = """two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|dozens of|
hundreds of|thousands of|several|many|few|some|most""".replace("\n", "").split("|")

# Sentence frames with names in them: typical news sentences, not drawn from the
# benchmark articles (the builder asserts that no benchmark sentence is in the data).


# --------------------------------------------------------------------------------------
# Name sources
# --------------------------------------------------------------------------------------

THE_COUNTRY = re.compile(
    r"^(United|Central African|Czech|Dominican Republic)|(Islands|Netherlands|Philippines|"
    r"Bahamas|Gambia|Maldives|Emirates|Territories|Republic|Kingdom|States)$"
)

PUA_RE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def strip_pua(s: str) -> str:
    return PUA_RE.sub("", s)


def load_names(log) -> dict:
    """Proper-name pools. Each source is optional; the builder logs what it found."""
    out: dict[str, list[str]] = {}
    try:
        import babel

        loc = babel.Locale("en")
        terr = [
            v
            for k, v in loc.territories.items()
            if k.isalpha()
            and "(" not in v
            and "&" not in v
            and "Outlying" not in v
            and "Unknown" not in v
        ]
        langs = [v for v in loc.languages.values() if " " not in v and v[:1].isupper()]
        out["countries"] = sorted(set(terr))
        out["languages"] = sorted(set(langs))[:400]
    except ImportError:
        out["countries"] = ["Azerbaijan", "Armenia", "Iran", "Georgia", "Russia", "Turkey"]
        out["languages"] = ["English", "Russian", "Persian", "Azerbaijani", "Armenian"]
    words = Path("/usr/share/dict/american-english")
    caps, lower = [], []
    if words.exists():
        for w in words.read_text(encoding="utf-8", errors="ignore").split():
            if "'" in w or not w.isalpha() or not w.isascii():
                continue
            if w[0].isupper() and w[1:].islower() and len(w) >= 3:
                caps.append(w)
            elif w.islower() and 4 <= len(w) <= 11:
                lower.append(w)
    out["proper"] = sorted(set(caps))
    out["lower"] = sorted(set(lower))
    first_m, first_f = [], []
    for cand in sorted(
        REPO.glob(".venv/lib/python3*/site-packages/gender_guesser/data/nam_dict.txt")
    ):
        for line in cand.read_text(encoding="iso-8859-1").splitlines():
            g, _, rest = line.partition(" ")
            name = rest.strip().split(" ")[0] if rest.strip() else ""
            if not name.isalpha() or not name.isascii() or not name[:1].isupper():
                continue
            if g in ("M", "1M", "?M"):
                first_m.append(name)
            elif g in ("F", "1F", "?F"):
                first_f.append(name)
        break
    if not first_m:
        first_m = "John Ali Mehmet Ivan Giorgi Armen Reza Hassan Pierre Carlos".split()
        first_f = "Maria Leyla Anna Nino Fatima Elena Sara Aylin Zara Olga".split()
    out["first_m"] = sorted(set(first_m))
    out["first_f"] = sorted(set(first_f))
    gloss = {"person": [], "place": [], "organisation": []}
    try:
        import yaml

        for f in sorted((REPO / "glossaries").glob("*.yaml")):
            for e in yaml.safe_load(f.read_text(encoding="utf-8"))["entries"]:
                en = e.get("terms", {}).get("en")
                term = en.get("preferred") if isinstance(en, dict) else en
                if isinstance(term, str) and e.get("type") in gloss and "&" not in term:
                    gloss[e["type"]].append(term)
    except Exception as exc:  # noqa: BLE001
        log(f"glossaries not read: {exc}")
    out.update({f"gloss_{k}": v for k, v in gloss.items()})
    log("name pools: " + ", ".join(f"{k} {len(v)}" for k, v in out.items()))
    return out


SYL_START = "ba be ka ko da de ga gu ha ho ja ka la le ma mi na no pa pe ra ri sa se ta to va vo za zu sha shi cha kha gha ar er ir or al el il az ab ag".split()
SYL_MID = "ra li ma na ro sa ta ya za ba ha ni me lo du gi ve sh kh".split()
SURNAME_SUFFIX = "ov ova ev eva yan ian adze idze shvili iani zadeh i pour lu oglu ly bekov aliyev zade nejad khani uri".split()
PLACE_SUFFIX = "abad kent shahr li grad ovo ino ask an stan dere su chay kala ebi eti".split()


# --------------------------------------------------------------------------------------
# 2. English grammar
# --------------------------------------------------------------------------------------


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Grammar:
    def __init__(self, rng: random.Random, names: dict):
        self.r = rng
        self.n = names
        # a fixed pool of synthetic surnames / towns, Zipf-sampled: few frequent, many rare
        self.surnames = sorted({self._synth(SURNAME_SUFFIX) for _ in range(6000)})
        self.towns = sorted({self._synth(PLACE_SUFFIX) for _ in range(3000)})
        rng.shuffle(self.surnames)
        rng.shuffle(self.towns)

    def _synth(self, suffixes) -> str:
        r = self.r
        s = r.choice(SYL_START) + "".join(r.choice(SYL_MID) for _ in range(r.randint(0, 2)))
        return (s + r.choice(suffixes)).capitalize()

    def zipf(self, pool: list[str], a: float = 1.1) -> str:
        # index ~ Zipf: frequent head, long tail of names seen once or twice
        i = int(len(pool) * (self.r.random() ** (1 + a * 2))) % len(pool)
        return pool[i]

    # ---- names
    def surname(self) -> str:
        r = self.r.random()
        if r < 0.45:
            return self.zipf(self.surnames)
        if r < 0.97:
            return self.zipf(self.n["proper"])
        g = self.n["gloss_person"]
        return g[self.r.randrange(len(g))].split()[-1] if g else self.zipf(self.surnames)

    def person(self) -> str:
        r = self.r
        x = r.random()
        if x < 0.01 and self.n["gloss_person"]:
            return r.choice(self.n["gloss_person"])
        first = self.zipf(self.n["first_m"] if r.random() < 0.65 else self.n["first_f"])
        if x < 0.12:
            return self.surname()  # surname only, as in later mentions
        return f"{first} {self.surname()}"

    def person_np(self) -> str:
        r = self.r
        x = r.random()
        if x < 0.35:
            return f"{r.choice(DEMONYMS)} {r.choice(TITLES)} {self.person()}"
        if x < 0.5:
            return f"{self.person()}, the {r.choice(TITLES)} of {self.country()},"
        if x < 0.6:
            return f"{self.country()}'s {r.choice(TITLES)}, {self.person()},"
        if x < 0.7:
            return f"the {r.choice(TITLES)}"
        return self.person()

    def country(self) -> str:
        r = self.r
        if r.random() < 0.35:
            return r.choice(
                "Azerbaijan Armenia Iran Georgia Russia Turkey Ukraine Kazakhstan Turkmenistan".split()
            )
        c = self.zipf(self.n["countries"], 0.3)
        return f"the {c}" if THE_COUNTRY.search(c) else c

    def place(self) -> str:
        r = self.r
        x = r.random()
        if x < 0.04 and self.n["gloss_place"]:
            return r.choice(self.n["gloss_place"])
        if x < 0.35:
            return self.zipf(CITIES, 0.5)
        if x < 0.55:
            return self.country()
        if x < 0.65:
            return r.choice(REGIONS)
        if x < 0.82:
            return self.zipf(self.towns)
        return self.zipf(self.n["proper"])

    def org(self) -> str:
        r = self.r
        x = r.random()
        if x < 0.04 and self.n["gloss_organisation"]:
            return r.choice(self.n["gloss_organisation"])
        if x < 0.75:
            return self.zipf(ORGS, 0.4)
        if x < 0.87:
            return f"the {self.country()} {r.choice(['Ministry of Energy', 'Foreign Ministry', 'central bank', 'Development Fund', 'Railways', 'State Oil Company', 'Football Federation'])}"
        return f"{self.zipf(self.n['proper'])} {r.choice(['Group', 'Holding', 'Bank', 'Energy', 'Airlines', 'Shipping', 'Institute', 'University', 'Foundation', 'Party', 'Movement'])}"

    # ---- small phrases
    def number(self) -> str:
        r = self.r
        k = r.randrange(8)
        if k == 0:
            return str(r.randint(2, 99))
        if k == 1:
            return f"{r.randint(100, 999)}"
        if k == 2:
            return f"{r.randint(1, 99):,}{r.choice(['', ',000'])}"
        if k == 3:
            return r.choice(NUMBER_WORDS)
        if k == 4:
            return f"{r.randint(1, 9)} million"
        return str(r.randint(2, 60))

    def when(self) -> str:
        r = self.r
        k = r.randrange(7)
        if k == 0:
            return f"on {r.choice(DAYS)}"
        if k == 1:
            return f"on {r.choice(MONTHS)} {r.randint(1, 31)}"
        if k == 2:
            return f"in {r.choice(MONTHS)}"
        if k == 3:
            return f"in {r.randint(1990, 2030)}"
        if k == 4:
            return f"on {r.randint(1, 31)} {r.choice(MONTHS)}"
        if k == 5:
            return f"on {r.choice(DAYS)}, {r.choice(MONTHS)} {r.randint(1, 31)}"
        return r.choice(TIME_ADV)

    def obj(self) -> str:
        r = self.r
        k = r.randrange(7)
        if k == 0:
            return f"the {r.choice(ADJ)} {r.choice(NOUNS_SG)}"
        if k == 1:
            return f"a {r.choice(ADJ)} {r.choice(NOUNS_SG)} on {r.choice(TOPICS)}"
        if k == 2:
            return f"the {r.choice(NOUNS_SG)} with {self.country()}"
        if k == 3:
            return r.choice(TOPICS)
        if k == 4:
            return f"the {r.choice(self.n['lower'])} {r.choice(['project', 'plan', 'law', 'issue', 'programme', 'contract', 'case'])}"
        if k == 5:
            return f"{self.org()}'s {r.choice(NOUNS_SG)}"
        return f"the {r.choice(NOUNS_SG)}"

    def pp(self) -> str:
        r = self.r
        k = r.randrange(12)
        if k < 3:
            return f"in {self.place()}"
        if k < 5:
            return self.when()
        if k == 5:
            return f"after talks in {self.place()}"
        if k == 6:
            return f"during a visit to {self.place()}"
        if k == 7:
            return f"for the first time since {r.randint(1991, 2024)}"
        if k == 8:
            return f"at a news conference in {self.place()}"
        if k == 9:
            return f"despite {r.choice(TOPICS)}"
        if k == 10:
            return f"according to {r.choice(MEDIA_SOURCES + ORGS)}"
        return f"near the border with {self.country()}"

    def subj(self) -> str:
        r = self.r
        x = r.random()
        if x < 0.4:
            return self.person_np()
        if x < 0.6:
            return self.org()
        if x < 0.72:
            return self.country()
        if x < 0.85:
            return f"{r.choice(DEMONYMS)} {r.choice(NOUNS_PL)}"
        return (
            f"{r.choice(NOUNS_PL).capitalize() if False else r.choice(NOUNS_PL)} in {self.place()}"
        )

    # ---- clauses
    def clause(self) -> str:
        r = self.r
        k = r.randrange(20)
        s = self.subj()
        if k < 4:
            c = f"{s} {r.choice(VERB_T_PAST)} {self.obj()}"
        elif k < 6:
            c = f"{s} will {r.choice(VERB_T_BASE)} {self.obj()}"
        elif k == 6:
            c = f"{s} {r.choice(['is expected to', 'plans to', 'wants to', 'refused to', 'agreed to', 'promised to', 'tried to', 'could'])} {r.choice(VERB_T_BASE)} {self.obj()}"
        elif k == 7:
            c = f"{self.person_np()} met {self.person_np()} in {self.place()}"
        elif k == 8:
            c = f"talks on {r.choice(TOPICS)} {r.choice(VERB_I_PAST)}"
        elif k == 9:
            c = f"{self.number()} people were {r.choice(['killed', 'injured', 'evacuated', 'arrested', 'rescued', 'detained'])} when a {r.choice(EVENTS)} hit {self.place()}"
        elif k == 10:
            c = f"the price of {r.choice(COMMODITIES)} {r.choice(['rose', 'fell', 'jumped', 'dropped'])} by {r.randint(1, 40)} percent"
        elif k == 11:
            c = f"{self.country()} and {self.country()} agreed to {r.choice(VERB_T_BASE)} {self.obj()}"
        elif k == 12:
            c = f"the {r.choice(NOUNS_SG)} {r.choice(VERB_I_PAST)}"
        elif k == 13:
            c = f"{s} {r.choice(['visited', 'left', 'arrived in', 'returned to', 'flew to', 'travelled to'])} {self.place()}"
        elif k == 14:
            c = f"{r.choice(['flights', 'trains', 'ships', 'trucks', 'ferries'])} between {self.place()} and {self.place()} were {r.choice(['cancelled', 'suspended', 'delayed', 'resumed'])}"
        elif k == 15:
            c = f"{s} {r.choice(['held talks with', 'spoke by phone with', 'called', 'thanked', 'accused', 'criticised', 'praised'])} {self.person_np()}"
        elif k == 16:
            c = f"there {r.choice(['was', 'is', 'will be'])} {r.choice(['no', 'a', 'little', 'new'])} {r.choice(NOUNS_SG)} {self.pp()}"
        elif k == 17:
            c = f"{self.org()} {r.choice(['said', 'reported', 'estimated'])} that {self.number()} {r.choice(NOUNS_PL)} {r.choice(['had left', 'had arrived in', 'were stuck in', 'live in', 'work in'])} {self.place()}"
        elif k == 18:
            c = f"{s} {r.choice(['is', 'was', 'remains'])} {r.choice(['ready', 'unwilling', 'eager', 'expected'])} to {r.choice(VERB_T_BASE)} {self.obj()}"
        else:
            c = f"{s} signed {r.choice(['an agreement', 'a memorandum', 'a contract', 'a declaration'])} on {r.choice(TOPICS)} with {self.org()}"
        for _ in range(r.choice([0, 1, 1, 1, 2, 2])):
            c += " " + self.pp()
        return c

    def sentence(self) -> str:
        r = self.r
        k = r.randrange(14)
        if k < 4:
            s = self.clause()
        elif k in (4, 5, 10):
            s = f"{self.clause()}, {r.choice(['and', 'but', 'while', 'although', 'after', 'before', 'because', 'as'])} {self.clause()}"
        elif k == 6:
            s = f"{self.person_np()} {r.choice(VERB_SAID)} that {self.clause()}"
        elif k == 7:
            q = r.choice(QUOTE_TEXT) if r.random() < 0.5 else self.clause()
            s = f'"{q[:1].upper() + q[1:]}," {self.person()} {r.choice(VERB_SAID)}'
        elif k == 8:
            s = f'{self.person_np()} {r.choice(VERB_SAID)} the {r.choice(NOUNS_SG)} was "{r.choice(ADJ)} and {r.choice(ADJ)}"'
        elif k == 9:
            p = self.pp()
            s = f"{p[:1].upper()}{p[1:]}, {self.clause()}"
        elif k == 10:
            s = f"{self.clause()}, {r.choice(['and', 'but', 'while', 'although', 'after', 'before', 'because'])} {self.clause()}"
        elif k == 11:
            city = self.zipf(CITIES, 0.5)
            date = r.choice(
                [
                    f"{r.randint(1, 31)} {r.choice(MONTH_ABBR)}",
                    f"{r.choice(MONTHS)} {r.randint(1, 31)}",
                ]
            )
            s = f"{r.choice([city, city.upper()])}, {date} — {_cap(self.clause())}"
        elif k == 12:
            x = r.randrange(5)
            if x == 0:
                s = f"{self.clause()}; {self.clause()}"
            elif x == 1:
                s = f"{self.clause()} ({r.choice(MEDIA_SOURCES[:6] + ORGS[:20])})"
            elif x == 2:
                q = r.choice(QUOTE_TEXT)
                s = f'{self.person_np()} {r.choice(VERB_SAID)}: "{q}."'
            elif x == 3:
                city = self.zipf(CITIES, 0.5).upper()
                s = f"{city}, {r.choice(MONTHS)} {r.randint(1, 31)} ({r.choice(['Desk', 'Reuters', 'AFP', 'AP'])}) - {_cap(self.clause())}"
            else:
                s = f"{self.clause()}, {r.choice(['the ministry', 'officials', 'the agency', 'witnesses', self.person()])} said"
        else:
            s = f"{r.choice(['Why', 'When', 'How'])} did {self.subj()} {r.choice(VERB_T_BASE)} {self.obj()}"
            s += "?"
            return s[:1].upper() + s[1:]
        s = s.replace(",,", ",").replace(",'s", "'s").replace(", ,", ",")
        if s.endswith(","):
            s = s[:-1]
        return s[:1].upper() + s[1:] + "."


# --------------------------------------------------------------------------------------
# Real English prose from Debian's man pages and docs (general vocabulary and syntax)
# --------------------------------------------------------------------------------------

TROFF_ESC = re.compile(
    r"\\(f[BIRP1-4]|f\(..|f\[[^]]*\]|\(..|\[[^]]*\]|\*\(..|\*.|s[-+]?\d+|[&|^%e0-]|.)"
)
BAD_CHARS = re.compile(r"[=<>{}\[\]_/\\|$#@*~^`%+]|\.\w|\w\(|--|\s-\w|\d\.\d\.")
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def prose_sentences(limit: int, log) -> list[str]:
    """Sentences of 6-40 words that look like ordinary English prose."""
    import gzip

    files = sorted(Path("/usr/share/man").glob("man[1578]/*.gz"))
    files += sorted(Path("/usr/share/doc").glob("*/README*"))
    out, seen = [], set()
    for f in files:
        try:
            raw = f.read_bytes()
            text = (gzip.decompress(raw) if f.suffix == ".gz" else raw).decode("utf-8")
        except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
            continue
        lines = []
        for line in text.splitlines():
            if line.startswith((".", "'")):
                lines.append("")  # a request: paragraph boundary
                continue
            lines.append(TROFF_ESC.sub("", line))
        for para in "\n".join(lines).split("\n\n"):
            para = " ".join(para.split())
            for sent in SENT_SPLIT.split(para):
                words = sent.split()
                if not 6 <= len(words) <= 40 or not sent.endswith(".") or not sent[0].isupper():
                    continue
                if not sent.isascii() or BAD_CHARS.search(sent) or sent in seen:
                    continue
                alpha = sum(w.strip(",.;:()\"'").isalpha() for w in words)
                if alpha < 0.9 * len(words) or sum(w.isupper() and len(w) > 1 for w in words) > 2:
                    continue
                seen.add(sent)
                out.append(sent)
    log(f"prose: {len(out)} candidate sentences from {len(files)} Debian files")
    rng = random.Random(SEED + 7)
    rng.shuffle(out)
    return out[:limit]


# --------------------------------------------------------------------------------------
# Benchmark guard
# --------------------------------------------------------------------------------------


def benchmark_sentences() -> list[str]:
    out = []
    for f in sorted((REPO / "benchmarks" / "quality").glob("*.en.*")):
        text = re.sub(r"[#*_>`]", " ", f.read_text(encoding="utf-8"))
        for para in re.split(r"\n\s*\n", text):
            para = " ".join(para.split())
            for s in re.split(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])", para):
                s = s.strip()
                if len(s.split()) >= 4:
                    out.append(s)
    return out


def norm_ws(s: str) -> str:
    return " ".join(s.split())


def assert_no_benchmark(lines: list[str], log) -> None:
    bench = benchmark_sentences()
    blob = "\n".join(norm_ws(x) for x in lines)
    hits = [b for b in bench if norm_ws(b) in blob or norm_ws(b).rstrip(".") in blob.split("\n")]
    assert not hits, f"benchmark sentences in the training data: {hits[:3]}"
    log(f"benchmark guard: none of {len(bench)} benchmark sentences appear in the corpus")


# --------------------------------------------------------------------------------------
# Apertium
# --------------------------------------------------------------------------------------


def apertium_file(src: Path, dst: Path) -> subprocess.Popen:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    return subprocess.Popen(["apertium", "-u", "eng-spa", str(src), str(dst)], env=env)


def translate_with_apertium(lines: list[str], work: Path, log, jobs: int = 2) -> list[str]:
    chunks = np.array_split(np.arange(len(lines)), jobs * 4)
    paths = []
    for i, idx in enumerate(chunks):
        p = work / f"ap_in_{i:02d}.txt"
        p.write_text("\n".join(lines[j] for j in idx) + "\n", encoding="utf-8")
        paths.append((p, work / f"ap_out_{i:02d}.txt", len(idx)))
    t0 = time.time()
    pending = list(paths)
    running: list[tuple[subprocess.Popen, Path]] = []
    while pending or running:
        while pending and len(running) < jobs:
            src, dst, _ = pending.pop(0)
            if dst.exists() and dst.stat().st_size > 0 and dst.with_suffix(".done").exists():
                continue
            running.append((apertium_file(src, dst), dst))
        for pr, dst in list(running):
            if pr.poll() is not None:
                assert pr.returncode == 0, f"apertium failed on {dst}"
                dst.with_suffix(".done").write_text("ok")
                running.remove((pr, dst))
        time.sleep(0.5)
    out = []
    for src, dst, n in paths:
        got = dst.read_text(encoding="utf-8").split("\n")
        if got and got[-1] == "":
            got.pop()
        assert len(got) == n, f"apertium changed the line count of {src}: {n} -> {len(got)}"
        out += got
    log(f"apertium: {len(lines)} sentences in {time.time() - t0:.0f}s")
    return out


def clean_spanish(s: str) -> str:
    # -u drops '*' marks; '#' (generation) and '@' (transfer) marks may remain
    s = s.replace("#", "").replace("@", "")
    return strip_pua(norm_ws(s))


# --------------------------------------------------------------------------------------
# Stage: data
# --------------------------------------------------------------------------------------


def stage_data(args, log) -> None:
    work = args.workdir
    rng = random.Random(SEED)
    names = load_names(log)
    g = Grammar(rng, names)
    n_total = args.sentences + N_DEV + N_TEST
    seen: set[str] = set()
    lines: list[str] = []
    bench = {norm_ws(b) for b in benchmark_sentences()}
    for s in prose_sentences(int(n_total * args.prose_share), log):
        s = strip_pua(norm_ws(s))
        if s not in bench and s not in seen:
            seen.add(s)
            lines.append(s)
    n_prose = len(lines)
    while len(lines) < n_total:
        s = strip_pua(norm_ws(g.sentence()))
        nw = len(s.split())
        if not 5 <= nw <= 40 or s in seen or s in bench:
            continue
        seen.add(s)
        lines.append(s)
    random.Random(SEED + 8).shuffle(lines)
    log(f"{n_prose} prose + {len(lines) - n_prose} generated sentences")
    nw = np.array([len(s.split()) for s in lines])
    log(
        f"english: {len(lines)} sentences, words mean {nw.mean():.1f}, min {nw.min()}, max {nw.max()}"
    )
    assert_no_benchmark(lines, log)
    es = translate_with_apertium(lines, work, log, jobs=args.apertium_jobs)
    es = [clean_spanish(x) for x in es]
    pairs = [(e, s) for e, s in zip(lines, es, strict=True) if s.strip()]
    for e, s in pairs:
        assert not PUA_RE.search(e) and not PUA_RE.search(s)
    test, dev, train = pairs[:N_TEST], pairs[N_TEST : N_TEST + N_DEV], pairs[N_TEST + N_DEV :]
    train_src = {e for e, _ in train}
    assert not any(e in train_src for e, _ in test + dev), "dev/test overlap training"
    for name, part in (("train", train), ("dev", dev), ("test", test)):
        (work / f"{name}.en").write_text("\n".join(e for e, _ in part) + "\n", encoding="utf-8")
        (work / f"{name}.es").write_text("\n".join(s for _, s in part) + "\n", encoding="utf-8")
    log(f"pairs: train {len(train)}, dev {len(dev)}, test {len(test)}")
    # SentencePiece: one shared model over both sides (as Argos packages have)
    sp_text = work / "sp_corpus.txt"
    sp_rng = random.Random(SEED + 1)
    sample = sp_rng.sample(train, min(len(train), 120000))
    sp_text.write_text("\n".join(x for pair in sample for x in pair) + "\n", encoding="utf-8")
    train_sentencepiece(
        sp_text,
        work / "sentencepiece",
        args.vocab,
        byte_fallback=False,
        character_coverage=0.9995,
        normalization_rule_name="nmt_nfkc",
        remove_extra_whitespaces=True,
        split_digits=True,
        num_threads=2,
    )
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(work / "sentencepiece.model"))
    text = "Talks in \ue000 ended."
    probe = sp.encode(text, out_type=str)
    back = sp.decode(sp.encode(text))
    md5 = hashlib.md5((work / "sentencepiece.model").read_bytes()).hexdigest()
    log(f"sentencepiece: {sp.get_piece_size()} pieces, md5 {md5}; {text!r} -> {probe} -> {back!r}")
    assert b"/tmp" not in (work / "sentencepiece.model").read_bytes()


# --------------------------------------------------------------------------------------
# Stage: train
# --------------------------------------------------------------------------------------


def model_cfg(args, vocab_size: int) -> dict:
    return {
        "vocab": vocab_size,
        "d_model": args.d_model,
        "heads": args.heads,
        "ffn": args.ffn,
        "enc_layers": args.layers[0],
        "dec_layers": args.layers[1],
        "eps": 1e-6,
        "max_pos": 512,
    }


def load_pairs(work: Path, name: str, sp) -> list[tuple[list[int], list[int]]]:
    en = (work / f"{name}.en").read_text(encoding="utf-8").splitlines()
    es = (work / f"{name}.es").read_text(encoding="utf-8").splitlines()
    return [(sp.encode(a), sp.encode(b)) for a, b in zip(en, es, strict=True)]


def collate_pairs(examples, idx, pad, bos, eos):
    """source + </s> (CTranslate2 add_source_eos); decoder <s>+target -> target+</s>."""
    import torch

    srcs = [examples[i][0] for i in idx]
    tgts = [examples[i][1] for i in idx]
    S = max(len(s) for s in srcs) + 1
    T = max(len(t) for t in tgts) + 1
    src = torch.full((len(idx), S), pad, dtype=torch.long)
    tin = torch.full((len(idx), T), pad, dtype=torch.long)
    tout = torch.full((len(idx), T), -100, dtype=torch.long)
    for j, (s, t) in enumerate(zip(srcs, tgts, strict=True)):
        src[j, : len(s)] = torch.tensor(s, dtype=torch.long)
        src[j, len(s)] = eos
        tin[j, 0] = bos
        tin[j, 1 : len(t) + 1] = torch.tensor(t, dtype=torch.long)
        tout[j, : len(t)] = torch.tensor(t, dtype=torch.long)
        tout[j, len(t)] = eos
    return src, src == pad, tin, tout


def pair_len(ex) -> int:
    return max(len(ex[0]), len(ex[1]))


def dev_loss(model, dev, ids) -> float:
    import torch

    model.eval()
    tot, n = 0.0, 0
    with torch.no_grad():
        for idx in make_batches(dev, 6000, random.Random(0), length=pair_len):
            src, src_pad, tin, tout = collate_pairs(dev, idx, ids["pad"], ids["bos"], ids["eos"])
            logits = model(src, src_pad, tin)
            loss = torch.nn.functional.cross_entropy(
                logits.view(-1, logits.shape[-1]), tout.view(-1), ignore_index=-100, reduction="sum"
            )
            tot += float(loss)
            n += int((tout != -100).sum())
    model.train()
    return tot / n


def stage_train(args, log) -> None:
    import sentencepiece as spm
    import torch

    work = args.workdir
    torch.set_num_threads(args.threads)
    sp = spm.SentencePieceProcessor(model_file=str(work / "sentencepiece.model"))
    train = load_pairs(work, "train", sp)
    dev = load_pairs(work, "dev", sp)
    ids = {"pad": sp.pad_id(), "bos": sp.bos_id(), "eos": sp.eos_id()}
    lens = np.array([len(t) for _, t in train])
    log(
        f"train pairs {len(train)}, target pieces {lens.sum() / 1e6:.2f}M (mean {lens.mean():.1f}, max {lens.max()})"
    )
    cfg = model_cfg(args, sp.get_piece_size())
    steps, warm, peak = args.steps, args.warmup, args.lr

    budget = args.minutes * 60 if args.minutes else None

    def progress(s, wall):
        # fraction of the schedule done: by steps, or by wall-clock time with --minutes
        # (the machine is shared, so a time budget is the reliable way to finish on time)
        p = (s - warm) / max(1, steps - warm)
        if budget:
            p = max(p, (wall - warm_wall) / max(1.0, budget - warm_wall))
        return min(1.0, max(0.0, p))

    def lr_at(s, wall):
        if s < warm:
            return peak * (s + 1) / warm
        return peak * (0.03 + 0.97 * 0.5 * (1 + math.cos(math.pi * progress(s, wall))))

    torch.manual_seed(SEED)
    model = build_torch_model(cfg)
    opt = torch.optim.AdamW(
        model.parameters(), lr=peak, betas=(0.9, 0.98), eps=1e-9, weight_decay=0.01
    )
    rng = random.Random(SEED + 2)
    step, tok_seen, batches, wall_before, warm_wall = 0, 0, [], 0.0, 0.0
    ckpt = work / "checkpoint.pt"
    if args.resume and ckpt.exists():
        st = torch.load(ckpt, weights_only=False)
        model.load_state_dict(st["model"])
        opt.load_state_dict(st["opt"])
        step, tok_seen, batches, wall_before = st["step"], st["tok_seen"], st["batches"], st["wall"]
        warm_wall = st.get("warm_wall", 0.0)
        rng.setstate(st["rng"])
        torch.set_rng_state(st["torch_rng"])
        log(f"resumed at step {step}")
    n_params = sum(p.numel() for p in model.parameters())
    log(
        f"model {n_params / 1e6:.2f}M parameters, cfg {cfg}, steps {steps}, batch {args.batch_tokens} tokens, {args.precision}"
    )
    t0, last_ck, loss_acc, nacc = time.time(), time.time(), 0.0, 0

    def save():
        tmp = ckpt.with_suffix(".tmp")
        torch.save(
            {
                "model": model.state_dict(),
                "opt": opt.state_dict(),
                "step": step,
                "tok_seen": tok_seen,
                "batches": batches,
                "wall": wall_before + time.time() - t0,
                "warm_wall": warm_wall,
                "rng": rng.getstate(),
                "torch_rng": torch.get_rng_state(),
                "cfg": cfg,
            },
            tmp,
        )
        tmp.replace(ckpt)

    model.train()
    while step < steps:
        wall = wall_before + time.time() - t0
        if step == warm:
            warm_wall = wall
        if step > warm and progress(step, wall) >= 1.0:
            break
        if not batches:
            batches = make_batches(train, args.batch_tokens, rng, length=pair_len)
        idx = batches.pop()
        src, src_pad, tin, tout = collate_pairs(train, idx, ids["pad"], ids["bos"], ids["eos"])
        for gr in opt.param_groups:
            gr["lr"] = lr_at(step, wall)
        # bf16 autocast (fp32 master weights): about twice as fast on a CPU with avx512_bf16
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.precision == "bf16"):
            logits = model(src, src_pad, tin)
        loss = torch.nn.functional.cross_entropy(
            logits.float().view(-1, logits.shape[-1]),
            tout.view(-1),
            ignore_index=-100,
            label_smoothing=0.1,
        )
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        tok_seen += int((tout != -100).sum())
        loss_acc += float(loss.detach())
        nacc += 1
        if step % 50 == 0 or step == steps:
            wall = wall_before + time.time() - t0
            msg = f"step {step}/{steps} loss {loss_acc / nacc:.3f} lr {lr_at(step - 1, wall):.2e} tokens {tok_seen / 1e6:.1f}M wall {wall:.0f}s"
            loss_acc, nacc = 0.0, 0
            if step % 500 == 0 or step == steps:
                msg += f" dev-nll {dev_loss(model, dev, ids):.3f}"
            log(msg)
        if time.time() - last_ck > args.checkpoint_minutes * 60:
            save()
            last_ck = time.time()
            log(f"checkpoint at step {step}")
    save()
    log(
        f"training done: {step} steps, {tok_seen / 1e6:.1f}M target tokens, "
        f"wall {wall_before + time.time() - t0:.0f}s, dev-nll {dev_loss(model, dev, ids):.3f}"
    )
    (work / "TRAIN_DONE").write_text(str(step))


# --------------------------------------------------------------------------------------
# Stage: package (export, alignment choice, evaluation, zip)
# --------------------------------------------------------------------------------------


def translate(model_dir: Path, sp, sents, beam=1, attention=False, max_batch=32):
    import ctranslate2

    tr = ctranslate2.Translator(str(model_dir), device="cpu", inter_threads=1, intra_threads=2)
    toks = [sp.encode(s, out_type=str) for s in sents]
    res = tr.translate_batch(
        toks,
        beam_size=beam,
        max_batch_size=max_batch,
        length_penalty=0.2 if beam > 1 else 1.0,
        return_attention=attention,
        max_decoding_length=256,
    )
    return toks, res


def chrf(hyps, refs) -> float:
    import sacrebleu

    return sacrebleu.corpus_chrf(hyps, [refs]).score


def name_alignment_cases(test_en, test_es, sp):
    """(sentence, source piece span, name pieces) for capitalised names that Apertium
    copied unchanged and that tokenise to the same pieces on both sides."""
    cases = []
    for en, es in zip(test_en, test_es, strict=True):
        words = en.split()
        for i, w in enumerate(words):
            w = w.strip(",.\"'?")
            if i == 0 or not w[:1].isupper() or not w.isalpha() or len(w) < 4:
                continue
            if not re.search(rf"\b{re.escape(w)}\b", es):
                continue
            cases.append((en, w))
    return cases


def find_sub(seq, sub):
    for i in range(len(seq) - len(sub) + 1):
        if seq[i : i + len(sub)] == sub:
            return i
    return -1


def alignment_score(model_dir, sp, cases) -> tuple[float, int]:
    sents = sorted({en for en, _ in cases})
    toks, res = translate(model_dir, sp, sents, beam=1, attention=True)
    by_sent = {s: (t, r) for s, t, r in zip(sents, toks, res, strict=True)}
    hit = tot = 0
    for en, w in cases:
        src_t, r = by_sent[en]
        hyp = r.hypotheses[0]
        att = r.attention[0]
        name_t = sp.encode(" " + w, out_type=str)
        si, ti = find_sub(src_t, name_t), find_sub(hyp, name_t)
        if si < 0 or ti < 0:
            continue
        for k in range(len(name_t)):
            a = int(np.argmax(att[ti + k]))
            hit += si <= a < si + len(name_t)
            tot += 1
    return (hit / tot if tot else 0.0), tot


PACKAGE_README = """# Distilled en→es model (Dragoman test fixture)

A small English→Spanish Transformer distilled from Apertium eng-spa, packaged as a
genuine Argos Translate package so Dragoman's neural-engine code can be tested offline
against a model that really translates (and makes real mistakes). Not for production.

* Built by `tools/distilled_argos_model/build.py` in the Dragoman repository (seed {seed}).
* Training data: {n_train} synthetic English news sentences translated by Apertium
  (`apertium -u eng-spa`); no placeholder tokens, no private-use characters.
* model/: CTranslate2 {ct2} TransformerSpec, {enc}+{dec} layers, d_model {d}, {heads} heads,
  FFN {ffn}, {quant} weights, {params:.1f}M parameters; sinusoidal positions ({max_pos});
  `</s>` appended to the source (add_source_eos); attention returned from decoder layer
  {al_layer} averaged over the first {al_heads} head(s).
* sentencepiece.model: unigram, {vocab} pieces shared by source and target, nmt_nfkc,
  no byte fallback (unknown characters become `<unk>`, decoded as " ⁇ ").
* {quality}
"""


def stage_package(args, log) -> None:
    import ctranslate2
    import sentencepiece as spm
    import torch

    work = args.workdir
    torch.set_num_threads(args.threads)
    sp = spm.SentencePieceProcessor(model_file=str(work / "sentencepiece.model"))
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    st = torch.load(work / "checkpoint.pt", weights_only=False)
    cfg = st["cfg"]
    model = build_torch_model(cfg)
    model.load_state_dict(st["model"])
    model.eval()
    n_params = sum(p.numel() for p in model.parameters())
    log(f"checkpoint step {st['step']}, wall {st['wall']:.0f}s, {n_params / 1e6:.2f}M parameters")
    test_en = (work / "test.en").read_text(encoding="utf-8").splitlines()
    test_es = (work / "test.es").read_text(encoding="utf-8").splitlines()
    al_layer, al_heads = args.alignment_layer, args.alignment_heads
    figures: dict = {"checkpoint_step": st["step"], "train_wall_s": round(st["wall"])}
    if not args.quick:
        cases = name_alignment_cases(test_en, test_es, sp)
        dev_en = (work / "dev.en").read_text(encoding="utf-8").splitlines()
        dev_es = (work / "dev.es").read_text(encoding="utf-8").splitlines()
        cases += name_alignment_cases(dev_en, dev_es, sp)
        log(f"alignment: {len(cases)} copied capitalised names in dev+test")
        best = None
        scores = {}
        for layer in range(-1, -cfg["dec_layers"] - 1, -1):
            for heads in (1, 2, cfg["heads"]):
                d = work / "ct2-align"
                export_ctranslate2(
                    model,
                    cfg,
                    vocab,
                    d,
                    args.quantization,
                    alignment_layer=layer,
                    alignment_heads=heads,
                )
                sc, n = alignment_score(d, sp, cases)
                scores[f"layer {layer}, heads {heads}"] = round(sc, 3)
                log(f"alignment layer {layer} heads {heads}: {sc:.3f} of {n} name pieces")
                if best is None or sc > best[0]:
                    best = (sc, layer, heads, n)
        _, al_layer, al_heads, _ = best
        figures["alignment"] = scores
        figures["alignment_choice"] = {
            "layer": al_layer,
            "heads": al_heads,
            "score": round(best[0], 3),
            "pieces": best[3],
        }
    pkg_root = work / "package" / PACKAGE_DIRNAME
    if pkg_root.exists():
        shutil.rmtree(pkg_root)
    pkg_root.mkdir(parents=True)
    model_dir = pkg_root / "model"
    export_ctranslate2(
        model,
        cfg,
        vocab,
        model_dir,
        args.quantization,
        alignment_layer=al_layer,
        alignment_heads=al_heads,
    )
    chrf1 = chrf4 = float("nan")
    if not args.quick:
        for beam in (4, 1):
            t0 = time.time()
            _, res = translate(model_dir, sp, test_en, beam=beam)
            hyps = [sp.decode(r.hypotheses[0]) for r in res]
            score = chrf(hyps, test_es)
            figures[f"chrf_beam{beam}"] = round(score, 1)
            log(
                f"chrF vs Apertium, beam {beam}: {score:.1f} ({time.time() - t0:.1f}s for {len(test_en)})"
            )
            if beam == 4:
                chrf4 = score
                (work / "test.hyp.es").write_text("\n".join(hyps) + "\n", encoding="utf-8")
                for e, h, ref in list(zip(test_en, hyps, test_es, strict=True))[:5]:
                    log(f"  en : {e}\n  mt : {h}\n  ap : {ref}")
            else:
                chrf1 = score
        # out of distribution: the benchmark articles (never in the training data),
        # scored against Apertium's translation of the same sentences
        bench = benchmark_sentences()
        bench_dir = work / "bench"
        bench_dir.mkdir(exist_ok=True)
        bench_ap = [clean_spanish(x) for x in translate_with_apertium(bench, bench_dir, log, 1)]
        for beam in (4, 1):
            _, res = translate(model_dir, sp, bench, beam=beam)
            hyps = [sp.decode(r.hypotheses[0]) for r in res]
            figures[f"benchmark_chrf_beam{beam}"] = round(chrf(hyps, bench_ap), 1)
            if beam == 4:
                (work / "bench.hyp.es").write_text("\n".join(hyps) + "\n", encoding="utf-8")
        bench_cases = name_alignment_cases(bench, bench_ap, sp)
        sc, n = alignment_score(model_dir, sp, bench_cases)
        figures["benchmark_alignment"] = {"score": round(sc, 3), "pieces": n}
        log(
            f"benchmark articles ({len(bench)} sentences) vs Apertium: chrF beam 4 "
            f"{figures['benchmark_chrf_beam4']}, greedy {figures['benchmark_chrf_beam1']}; "
            f"name alignment {sc:.3f} of {n} pieces"
        )
        probes = [
            "Talks in \ue000 ended.",
            "Pezeshkian met Aliyev in Baku on Monday.",
            "The talks in Tbilisi ended on Friday.",
        ]
        for beam in (4, 1):
            toks, res = translate(model_dir, sp, probes, beam=beam)
            for p, t, r in zip(probes, toks, res, strict=True):
                log(
                    f"probe beam {beam}: {p!r} {t} -> {r.hypotheses[0]} -> {sp.decode(r.hypotheses[0])!r}"
                )
                figures.setdefault("probes", {})[f"{p} (beam {beam})"] = sp.decode(r.hypotheses[0])
    shutil.copy(work / "sentencepiece.model", pkg_root / "sentencepiece.model")
    n_train = sum(1 for _ in open(work / "train.en", encoding="utf-8"))
    metadata = {
        "package_version": PACKAGE_VERSION,
        "argos_version": "1.11.0",
        "code": "translate-en_es",
        "type": "translate",
        "package_type": "translate",
        "from_code": "en",
        "from_name": "English",
        "to_code": "es",
        "to_name": "Spanish",
        "links": [],
        "description": "Dragoman test fixture: small en->es model distilled from Apertium eng-spa (translates, imperfectly)",
        "dragoman_fixture": {
            "task": "translate (distilled from apertium eng-spa)",
            "seed": SEED,
            "parameters": n_params,
            "train_sentences": n_train,
            **{k: v for k, v in figures.items() if k != "probes"},
        },
    }
    (pkg_root / "metadata.json").write_text(
        json.dumps(metadata, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (pkg_root / "README.md").write_text(
        PACKAGE_README.format(
            seed=SEED,
            n_train=n_train,
            ct2=ctranslate2.__version__,
            enc=cfg["enc_layers"],
            dec=cfg["dec_layers"],
            d=cfg["d_model"],
            heads=cfg["heads"],
            ffn=cfg["ffn"],
            quant=args.quantization,
            params=n_params / 1e6,
            max_pos=cfg["max_pos"],
            al_layer=al_layer,
            al_heads=al_heads,
            vocab=len(vocab),
            quality=(
                f"EARLY export of training step {st['step']}: not evaluated."
                if args.quick
                else f"chrF against Apertium on {len(test_en)} held-out sentences: "
                f"beam 4 {chrf4:.1f}, greedy {chrf1:.1f}."
            ),
        ),
        encoding="utf-8",
    )
    write_zip(pkg_root, args.out, PACKAGE_DIRNAME)
    size = args.out.stat().st_size
    assert size <= 15_000_000, f"package too large: {size}"
    (work / "figures.json").write_text(
        json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    log(
        f"wrote {args.out} ({size / 1e6:.2f} MB, md5 {hashlib.md5(args.out.read_bytes()).hexdigest()}); figures {json.dumps(figures, ensure_ascii=False)}"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("stage", choices=["data", "train", "package"])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/distil-work"))
    ap.add_argument("--out", type=Path, default=Path("tests/fixtures/distilled-en-es.argosmodel"))
    ap.add_argument("--sentences", type=int, default=200000, help="training sentences to generate")
    ap.add_argument("--apertium-jobs", type=int, default=2)
    ap.add_argument("--prose-share", type=float, default=0.3, help="share of Debian man-page prose")
    ap.add_argument("--vocab", type=int, default=7000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--d-model", type=int, default=256)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--ffn", type=int, default=1024)
    ap.add_argument("--layers", type=int, nargs=2, default=(3, 3), metavar=("ENC", "DEC"))
    ap.add_argument("--steps", type=int, default=2400)
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch-tokens", type=int, default=6000)
    ap.add_argument("--checkpoint-minutes", type=float, default=4.0)
    ap.add_argument(
        "--precision", choices=["bf16", "fp32"], default="bf16", help="training matmuls"
    )
    ap.add_argument(
        "--minutes",
        type=float,
        default=None,
        help="wall-clock budget: the cosine decay follows elapsed time, training stops at it",
    )
    ap.add_argument("--resume", action="store_true")
    ap.add_argument("--quantization", default="int8")
    ap.add_argument("--alignment-layer", type=int, default=-1, help="used with --quick")
    ap.add_argument("--alignment-heads", type=int, default=1, help="used with --quick")
    ap.add_argument("--quick", action="store_true", help="package: export only, no evaluation")
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    t_start = time.time()
    logf = open(args.workdir / f"{args.stage}.log", "a", encoding="utf-8")

    def log(msg):
        line = f"[{time.strftime('%H:%M:%S')} {time.time() - t_start:7.1f}s] {msg}"
        print(line, flush=True)
        logf.write(line + "\n")
        logf.flush()

    {"data": stage_data, "train": stage_train, "package": stage_package}[args.stage](args, log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
