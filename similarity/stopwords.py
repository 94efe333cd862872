"""Words that carry no topic in the four languages reps write in (case-folded, with their diacritics).

Kept short on purpose: the store's own document frequencies drop the common domain words ("customer",
"asiakas"); this list only covers what a small store cannot yet know is common.
"""

ENGLISH = """a about after all also am an and any are as at be because been but by can cannot could did do does
doesn don dont for from get gets got had has have he her him his how i if in into is isn it its just me more my
no not now of on only or our out she should so some still than that the their them then there these they this
those to too up us very was wasn we were what when where which while who why will with would you your"""

FINNISH = """ei eikä en et ette ja jo joka jos kanssa kuin kun mutta me mikä minä mitä myös ne niin nyt on ole
olen oli olla ovat se sen siitä sitä tai taas te tämä tää vaan vai voi he hän että jotta koska mukaan vielä"""

SWEDISH = """alla att av de dem den denna det detta du där efter eller en ett fick för från har hon hur här i
inte jag kan med men mig min mot nu när och om på sig sin ska som så till under var vad vi vid är än också"""

SPANISH = """al algo como con cuando de del el ella ellos en era es esta este esto está están fue ha hay la las
le les lo los me mi muy más no nos o para pero por porque que qué se si sin sobre su sus también te tiene un una
uno y ya yo"""

STOP_WORDS = frozenset(" ".join((ENGLISH, FINNISH, SWEDISH, SPANISH)).split())
