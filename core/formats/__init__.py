"""Dates as the program's readers write them: in words, one way per language.

Django's own Spanish formats are Spain's: "05/12/2026" is the 5th of December there and
the 12th of May to a Spanish speaker in Texas, who reads numeric dates month first like
their English-speaking neighbours. Words cannot be misread, so every date the app shows
is written out ("December 5, 2026" / "5 de diciembre de 2026"), the short formats too."""
