"""Photo captions and credits, gallery counters and controls."""

from __future__ import annotations

import re

from ingest.clean.rules.bylines import AGENCY, NAMES
from ingest.clean.rules.compile import gated, rx

CAPTION_CREDIT = rx(
    r"(?:\(\s*(?:photos?|fotos?|фото|bild(?:er)?|image(?: credit)?|picture|credit|crédit|crédito|foto ?credit|"
    r"illustration)"
    r"\s*:[^()]{1,80}\)|(?:photos?|fotos?|фото|bild|image|picture|photograph|crédit photo|crédito)\s*:\s*[^.!?]{2,80}|"
    r"\b(?:photos?|fotos?|фото|bild|image|photograph)\s*:\s*(?:[\w/&-]+\.?\s*){1,4}|"
    r"©\s*[^.!?]{2,60}|\b(?:getty images|shutterstock|imago|picture alliance|afp via getty images)|"
    r"(?-i:Credit)\s*:\s*[^.!?]{2,60}|"
    r"\b(?:submitted|staff|file|courtesy|contributed|handout) (?:photo|image)s?|"
    rf"\w\s*/\s*{AGENCY.pattern}(?: file)?)\s*\.?$"  # "... Austria.Leonhard Foeger / Reuters file"
)
CREDIT_ONLY = rx(
    r"^(?:\([^()]{2,80}\)|(?:photos?|fotos?|фото|bild|image|picture|photograph|credit)\s*:\s*\S+(?:\s+\S+){0,4}|"
    r"©.{2,60})$"
)
# What only a caption says of its photo: who stands where (", left,", "(center)"), "pictured at ...",
# "X took this image of ...", "... is seen in this photo".
CAPTION_CUE = gated(
    r"(?:,\s*(?:left|right|center|centre|second from (?:left|right)),|\((?:left|right|center|centre|l-r|r-l)\)|"
    r",\s*pictured (?:at|in|on|with|during)\b|\b(?:took|shows?) this (?:image|photo|picture)\b|"
    r"\b(?:is|are) (?:seen|shown|pictured) (?:here|in this (?:image|photo|picture))\b)"
)
CUED_CAPTION_MAX_WORDS = 60
# A portrait's caption: a full name, and when or where ("John M. Ford in 1987.", "Neil Gaiman and John M. Ford
# in 2002."); one capitalised word is no name ("Born in 1950", "Apple in 2019").
PORTRAIT_CAPTION = re.compile(rf"^(?P<names>{NAMES}) (?:in|at) (?:[\w,.'’ -]{{0,40}} )?\d{{4}}\.?$", re.U)
# A picture agency alone, or a news agency after a photo label without colon ("Photo AFP"): a credit, of
# a photo that may have no caption, so it closes none (the line above may be a paragraph).
_PICTURE_AGENCIES = r"Getty(?: Images)?|Shutterstock|Alamy|AP Photo"
PICTURE_AGENCY = rx(rf"^(?:{_PICTURE_AGENCIES}|imago|picture alliance|(?:photo|foto|bild) {AGENCY.pattern})$")
# A photographer's credit after a caption's last sentence, "Name/Agency" with or without brackets:
# "... Nov. 19, 2019. (Manu Fernandez/AP)", "... rabbits. ( STEVE GSCHMEISSNER/SCIENCE PHOTO LIBRARY)",
# "... to oppose it. Jaafar ASHTIYEH / AFP", or glued on ("... isn't easy.Kathrin Ziegler/Getty").
# Capitals on both sides of the slash: prose ends in a stop. The closing patterns open with the stop,
# what comes before it in a lookbehind, so that `search` tries the line's stops, not all its letters.
CLOSING_CREDIT = re.compile(r"[.!?](?:[\"”’]?\s+|(?<=[a-z][.!?]))\(?\s*[A-Z][\w.'’ -]{1,40}?\s*/\s*[A-Z][\w.'’& -]{1,40}?\s*\)?$")
# The same with a labelled credit or a picture agency alone: "... on Tuesday. (Photo: Getty)", "... of the drug. Getty".
CLOSING_PHOTO_CREDIT = rx(
    r"(?:\(\s*(?:photos?|fotos?|фото|image|picture|credit|crédit|crédito)\s*:[^()]{1,80}\)\s*\.?"
    rf"|[.!?][\"”’]?\s+(?-i:{_PICTURE_AGENCIES}|Reuters/[A-Z][\w ]{{1,30}}))$"
)
# A one-word source after a caption's last sentence, with no stop of its own: "... medical use. Statista"
# (a paragraph signed with a full name, "... de derrubar. Lívia Barros Calado", is a letter's text).
CLOSING_SOURCE = re.compile(r"[.!?](?<=[a-z]{2}[.!?])[\"”’]?\s+[A-Z][\w&'’-]*$")
# A photographer's credit alone on its line, "Name Surname/Outlet": "Jason Cipriani/ZDNet".
NAME_SLASH_CREDIT = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} ?/ ?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}$")
# "... scissor switch keyboard via iFixit": a caption crediting its source; a sentence would end in a stop.
VIA_CREDIT = re.compile(r"\svia (?=\S*[A-Z])[\w.&'-]+(?: [A-Z][\w.&'-]*){0,3}$")  # "via iFixit", not "via email"
TWEET_CREDIT = re.compile(r"^[^()]{1,80}\(@\w{1,15}\)\s+\S.{2,25}\d{4}$")
# The controls of a photo gallery or a caption box, alone on their line ("Close", "Back to Gallery").
GALLERY_CONTROL = rx(
    r"^(?:close|caption|(?:hide|show|toggle) caption|back to (?:the )?gallery|(?:view|open) (?:the )?gallery|"
    r"enlarge(?: this)? image|expand image|full ?screen|schließen|bildunterschrift|fermer|légende|cerrar|pie de foto)$"
)
# "1 of 6", "Image 1 of 6", "Bild 2 von 8" over a photo gallery ("Image 1 of / 6" where a template left a slash).
GALLERY_COUNTER = rx(r"^(?:(?:image|photo|picture|slide|bild|foto|imagen|diapositiva) )?\d{1,3} (?:of|/|von|de|sur)(?: /)? \d{1,3}$")
# A news-agency caption: what the photo shows, then its weekday, full date and place
# ("... dunks during the first half ... on Tuesday, Nov. 19, 2019, in Los Angeles."); a report names
# the day, and rarely closes a sentence on the year and the place.
DATED_CAPTION = gated(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday), (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\.? \d{1,2}, \d{4}, (?:in|at|near|outside) [^.!?\"“”]{2,60}\.$"
)
CAPTION_START = rx(
    r"^(?:(?:file )?(?:photos?|fotos?|фото|bild|image|picture|caption|legende|légende|pie de foto)\s*:|"
    r"(?:figure|fig\.|abbildung|abb\.|grafik|graphique|gráfico)(?: \d{1,3})?\s*:|"  # "Figure 2: ...", "Abbildung 4: ..."
    r"(?:image |photo |video )?(?:caption|source)\s*,|(?:image|photo|video) (?:caption|copyright)\b|"  # "Image caption, ...", "Image source, Getty Images"
    r"(?:image |photo |main image )?credits?\s*(?::|\.{3}|…)|(?:foto ?credits?|(?:bild|foto)(?:quelle|nachweis))\s*:|(?:photo(?:graph)?|image|(?:photo )?illustration)s? by\s).{0,300}$"
)
# The news agencies' caption opener: "In this Dec. 12, 2006, file photo, made available by NASA, ...".
AGENCY_CAPTION = rx(r"^in this (?:[\w.,'’ -]{0,40} )?(?:photo|image|picture)(?: (?:provided|released|made available) by [^,]{1,60})?,")
# A caption or credit label alone on its line ("Image caption,", "Caption:", "Фото:"): the caption
# or credit is the next line.
CAPTION_LABEL = rx(
    r"^(?:(?:image |photo |video )?caption|legende|légende|pie de foto|photos?|fotos?|фото|bild|image credit|credits?)"
    r"\s*[:,]$"
)
