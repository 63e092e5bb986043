"""Word lists shared by the sentence splitter and the note drafter.

One list for each idea, so the splitter and the drafter never disagree about what
"Mr." or "Sept." is. Kept as prose blocks: easier to read and extend than list literals.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations after which a capitalised word continues the sentence ("Mr. Putin").
HONORIFICS = _words(
    """mr mrs ms messrs mme mlle dr prof st sr jr gen lt col maj capt cmdr cmdre adm sgt
    cpl pte brig gov sen rep rev hon pres supt insp det const atty fr ald amb vs v"""
)
# Abbreviations that continue the sentence only before a number ("Sept. 16", "No. 5").
BEFORE_NUMBER = _words(
    """jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vols p pp fig figs art
    arts ch sec secs para paras"""
)
MONTH_ABBREVIATIONS = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
# Abbreviations whose final "." belongs to the word even at the end of a phrase ("Inc.");
# "art." or "p." there is more often a word or an initial, so those are left out.
ABBREVIATIONS = (HONORIFICS - {"v"}) | MONTH_ABBREVIATIONS | _words("inc ltd co corp ave etc no")

# Nouns that make a title or role: "deputy finance minister", "Acting Mayor".
TITLE_NOUNS = _words(
    """minister secretary president vice-president director chair chairman chairwoman
    chairperson chief officer editor governor mayor senator congressman congresswoman
    representative professor ambassador commissioner manager spokesperson spokesman
    spokeswoman judge justice executive leader premier general colonel admiral captain
    lieutenant sergeant commander superintendent principal dean chancellor provost
    treasurer counsel attorney adviser advisor analyst economist founder partner
    councillor councilor deputy undersecretary coach curator sheriff inspector constable
    bishop archbishop rabbi imam pastor minister-designate clerk trustee warden reeve
    alderman chief-of-staff ceo cfo coo owner publisher planner goalie defenceman
    defenseman forward striker midfielder pitcher quarterback headliner"""
)
# Words that qualify a title without being one: "Acting Mayor", "interim chief".
TITLE_QUALIFIERS = _words(
    """acting interim deputy associate assistant senior junior vice former outgoing
    incoming executive general managing head lead chief"""
)

# Words the note drafter reads values and names by.
MONTHS = _words(
    """January February March April May June July August September October November
    December Jan. Feb. Aug. Sept. Oct. Nov. Dec."""
)
WEEKDAYS = _words("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday""")
SCALES = _words("""thousand million billion trillion""")
NUMBER_WORDS = _words(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred dozen half"""
)
CURRENCY_WORDS = _words("""dollars dollar cents euros euro pounds yen francs""")
# Words that never measure a number: a following one of these ends the value.
NOT_UNITS = _words(
    """on in at to for of and or the a an by with from than after before since as when
    while that which who whom whose votes vote was were is are will would had has have
    be been against per each this last next out up down over under into its their his
    her our said says told"""
)
ORGANISATION_WORDS = _words(
    """council university college company corporation inc. ltd. association club bank
    ministry department agency board committee hospital school party union foundation
    institute society commission authority group church co. corp. court police service
    services league federation network press times news"""
)
PLACE_WORDS = _words(
    """street avenue road boulevard park arena centre center hall river lake county
    province state city town village island bridge square station airport harbour harbor
    bay valley mountain"""
)
PLACE_PREPOSITIONS = _words("""in at near from to outside inside across""")
