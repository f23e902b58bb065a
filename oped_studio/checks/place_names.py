"""Known capitalised words, so a misspelled one ("Japen", "Europian") is not taken for a name.

A spelling engine's dictionary lacks most people's names, so the spelling filter lets a
capitalised unknown word through as a name. A learner's misspelled country, nationality,
language, month or big city is capitalised too, but it sits one or two letters away from a
word everybody knows; a real rare name ("Kowalczyk", "Ngozi") is far from all of them.
:func:`near_known_name` tells the two apart.

Sources: the countries and their nationality adjectives follow the CIA World Factbook's
"Country name" and "Nationality" fields (public domain), with the main languages, continents,
regions, oceans and seas, and the world's best-known cities added by hand; the US states are
:data:`oped_studio.core.places.STATES`; US cities are those with at least
:data:`CITY_MIN_ZIP_CODES` ZIP codes in the ``zipcodes`` package (MIT), i.e. the big ones.
"""

from __future__ import annotations

import functools

from oped_studio.core.places import STATES, city_names

#: Country: its nationality adjective(s), space-separated words joined with "_".
_COUNTRIES = """
Afghanistan:Afghan Albania:Albanian Algeria:Algerian Andorra:Andorran Angola:Angolan
Argentina:Argentine,Argentinian Armenia:Armenian Australia:Australian Austria:Austrian
Azerbaijan:Azerbaijani Bahamas:Bahamian Bahrain:Bahraini Bangladesh:Bangladeshi
Barbados:Barbadian Belarus:Belarusian Belgium:Belgian Belize:Belizean Benin:Beninese
Bhutan:Bhutanese Bolivia:Bolivian Bosnia:Bosnian Botswana:Botswanan Brazil:Brazilian
Brunei:Bruneian Bulgaria:Bulgarian Burkina_Faso:Burkinabe Burma:Burmese Burundi:Burundian
Cambodia:Cambodian Cameroon:Cameroonian Canada:Canadian Chad:Chadian Chile:Chilean
China:Chinese Colombia:Colombian Comoros:Comoran Congo:Congolese Croatia:Croatian Cuba:Cuban
Cyprus:Cypriot Czechia:Czech Denmark:Danish Djibouti:Djiboutian Dominica:Dominican
Ecuador:Ecuadorian Egypt:Egyptian El_Salvador:Salvadoran England:English Eritrea:Eritrean
Estonia:Estonian Eswatini:Swazi Ethiopia:Ethiopian Fiji:Fijian Finland:Finnish France:French
Gabon:Gabonese Gambia:Gambian Georgia:Georgian Germany:German Ghana:Ghanaian Greece:Greek
Grenada:Grenadian Guatemala:Guatemalan Guinea:Guinean Guyana:Guyanese Haiti:Haitian
Honduras:Honduran Hungary:Hungarian Iceland:Icelandic India:Indian Indonesia:Indonesian
Iran:Iranian Iraq:Iraqi Ireland:Irish Israel:Israeli Italy:Italian Jamaica:Jamaican
Japan:Japanese Jordan:Jordanian Kazakhstan:Kazakh Kenya:Kenyan Korea:Korean Kosovo:Kosovar
Kuwait:Kuwaiti Kyrgyzstan:Kyrgyz Laos:Laotian Latvia:Latvian Lebanon:Lebanese
Lesotho:Basotho Liberia:Liberian Libya:Libyan Liechtenstein:Liechtensteiner
Lithuania:Lithuanian Luxembourg:Luxembourgish Madagascar:Malagasy Malawi:Malawian
Malaysia:Malaysian Maldives:Maldivian Mali:Malian Malta:Maltese Mauritania:Mauritanian
Mauritius:Mauritian Mexico:Mexican Moldova:Moldovan Monaco:Monegasque Mongolia:Mongolian
Montenegro:Montenegrin Morocco:Moroccan Mozambique:Mozambican Myanmar:Burmese
Namibia:Namibian Nepal:Nepali,Nepalese Netherlands:Dutch New_Zealand:New_Zealander
Nicaragua:Nicaraguan Niger:Nigerien Nigeria:Nigerian Norway:Norwegian Oman:Omani
Pakistan:Pakistani Palestine:Palestinian Panama:Panamanian Paraguay:Paraguayan Peru:Peruvian
Philippines:Philippine,Filipino,Filipina Poland:Polish Portugal:Portuguese
Puerto_Rico:Puerto_Rican Qatar:Qatari Romania:Romanian Russia:Russian Rwanda:Rwandan
Samoa:Samoan Saudi_Arabia:Saudi Scotland:Scottish Senegal:Senegalese Serbia:Serbian
Sierra_Leone:Sierra_Leonean Singapore:Singaporean Slovakia:Slovak Slovenia:Slovenian
Somalia:Somali South_Africa:South_African Spain:Spanish Sri_Lanka:Sri_Lankan Sudan:Sudanese
Suriname:Surinamese Sweden:Swedish Switzerland:Swiss Syria:Syrian Taiwan:Taiwanese
Tajikistan:Tajik Tanzania:Tanzanian Thailand:Thai Togo:Togolese Tonga:Tongan
Trinidad:Trinidadian Tunisia:Tunisian Turkey:Turkish Turkmenistan:Turkmen Uganda:Ugandan
Ukraine:Ukrainian United_Kingdom:British United_States:American Uruguay:Uruguayan
Uzbekistan:Uzbek Venezuela:Venezuelan Vietnam:Vietnamese Wales:Welsh Yemen:Yemeni
Zambia:Zambian Zimbabwe:Zimbabwean
"""

#: Peoples and languages that are not a country's adjective above.
_LANGUAGES = """
Arabic Bengali Cantonese Creole Farsi Hindi Hmong Kurdish Mandarin Persian Punjabi Pashto
Swahili Tagalog Tamil Telugu Urdu Yoruba Igbo Amharic Somali Hebrew Latin Cherokee Navajo
Hispanic Latino Latina Asian African European Caribbean Arab Jewish Muslim Christian
Catholic Protestant Buddhist Hindu Sikh Indigenous Native
"""

#: Continents, regions, oceans and seas, and the world's best-known cities.
_PLACES = """
Africa Antarctica Asia Europe America Americas Oceania Arctic Antarctic Atlantic Pacific
Mediterranean Caribbean Balkans Scandinavia Siberia Sahara Amazon Himalayas Andes Alps
Middle_East Latin_America Central_America South_America North_America Southeast_Asia
London Paris Tokyo Beijing Shanghai Moscow Berlin Madrid Rome Lisbon Athens Istanbul Cairo
Dubai Mumbai Delhi Karachi Lagos Nairobi Johannesburg Sydney Melbourne Toronto Montreal
Vancouver Mexico_City Havana Bogota Lima Santiago Buenos_Aires Seoul Manila Jakarta Bangkok
Hanoi Saigon Kabul Baghdad Tehran Jerusalem Amsterdam Brussels Vienna Prague Warsaw Dublin
Edinburgh Stockholm Oslo Copenhagen Helsinki Kyiv Kiev Budapest Geneva Zurich Munich
Barcelona Venice Florence Naples Milan Hollywood Manhattan Brooklyn Queens Bronx
"""

#: Months, days and holidays: always capitalised in English.
MONTHS = (
    "January February March April May June July August September October November December"
).split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
HOLIDAYS = (
    "Christmas Thanksgiving Easter Halloween Hanukkah Ramadan Passover Diwali Kwanzaa Juneteenth"
).split()
#: US cities with at least this many ZIP codes count as known (the big ones: about 330).
CITY_MIN_ZIP_CODES = 8


def _words(block: str) -> list[str]:
    return [w.replace("_", " ") for w in block.split()]


def _country_words() -> list[str]:
    names: list[str] = []
    for pair in _COUNTRIES.split():
        country, adjectives = pair.split(":")
        names.append(country.replace("_", " "))
        names += [a.replace("_", " ") for a in adjectives.split(",")]
    return names


#: Nationalities and languages: capitalised in English ("I speak French", not "french").
NATIONALITIES = frozenset(
    a.replace("_", " ") for pair in _COUNTRIES.split() for a in pair.split(":")[1].split(",")
) | frozenset(_words(_LANGUAGES))


@functools.cache
def _fixed_names() -> frozenset[str]:
    """Every known capitalised single word but the US cities (no data to load)."""
    phrases = _country_words() + _words(_LANGUAGES) + _words(_PLACES) + list(STATES.values())
    phrases += MONTHS + DAYS + HOLIDAYS
    return frozenset(word for phrase in phrases for word in phrase.split() if len(word) >= 4)


@functools.cache
def _index() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Every known word (the big US cities' words of six letters or more too) by each form it
    takes with one letter dropped, folded; and the known words but the cities' by their first
    letter, folded (for two edits, which only they may be)."""
    cities = {
        word
        for city in city_names(CITY_MIN_ZIP_CODES)
        for word in city.split()
        if len(word) >= 6 and word.isalpha()
    }
    fixed = _fixed_names()
    index: dict[str, list[str]] = {}
    for word in sorted(fixed) + sorted(cities - fixed):
        for form in _dropped(word.casefold(), 1):
            index.setdefault(form, []).append(word)
    initials: dict[str, list[str]] = {}
    for word in sorted(fixed):
        initials.setdefault(word[0].casefold(), []).append(word)
    return (
        {form: tuple(words) for form, words in index.items()},
        {letter: tuple(words) for letter, words in initials.items()},
    )


def warm_up() -> None:
    """Read the known names now (about half a second, once): for a worker thread to call
    before the first check needs them."""
    _index()


def _dropped(word: str, times: int) -> set[str]:
    """``word`` with up to ``times`` letters dropped (itself included)."""
    forms = {word}
    for _ in range(times):
        forms |= {form[:i] + form[i + 1 :] for form in forms for i in range(len(form))}
    return forms


def within_edits(a: str, b: str, limit: int) -> bool:
    """True when ``a`` and ``b`` are at most ``limit`` edits apart (an edit: a letter added,
    dropped or changed, or two neighbours swapped), both already case-folded."""
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b:
        return True
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (letter != other))
            if i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                row[j] = min(row[j], previous_previous[j - 2] + 1)
        if min(row) > limit:
            return False
        previous_previous, previous = previous, row
    return previous[-1] <= limit


def _allowed_edits(word: str) -> int:
    """How far a misspelling may be from the word meant: one letter in a short word, two in
    a long one (a five-letter name is easily one or two letters from some place)."""
    if len(word) < 5:
        return 0
    return 1 if len(word) < 8 else 2


@functools.lru_cache(maxsize=4096)
def near_known_names(word: str) -> tuple[str, ...]:
    """The known places, nationalities, languages, months, days or holidays that the
    capitalised ``word`` may be a misspelling of, likeliest first; none when it is near
    none of them (it is a name, say) or is one of them.

    One edit away counts from five letters on, two from eight when the first letter is
    right; a big US city's word counts at one edit only, after the other known words.
    """
    limit = _allowed_edits(word)
    if not limit:
        return ()
    folded = word.casefold()
    index, initials = _index()
    close = [k for form in _dropped(folded, 1) for k in index.get(form, ())]
    if any(known.casefold() == folded for known in close):
        return ()  # a known word itself, just not in the engine's dictionary
    # Known words come before cities' in the index, so a stable order keeps them first.
    found = {k: 0 for k in close if within_edits(folded, k.casefold(), 1)}
    if limit > 1:
        for known in initials.get(folded[0], ()):
            if known not in found and within_edits(folded, known.casefold(), limit):
                found[known] = 1
    return tuple(sorted(found, key=lambda k: found[k]))
