"""What 'Over deze cijfers' shows: the extracts, their sources and status, the known
inconsistencies, and the accessibility statement (pure).
"""

from __future__ import annotations

import polars as pl

from components.common import fmt
from components.common.fmt import Markdown

#: Axe rules (WCAG 2.0/2.1 A and AA) that Streamlit itself still fails on our pages. The
#: browser test fails if a violation outside this list appears, so a new problem, ours or
#: Streamlit's, cannot slip in unnoticed. Keep it in step with ACCESSIBILITY_STATEMENT.
KNOWN_STREAMLIT_VIOLATIONS: dict[str, str] = {}

ACCESSIBILITY_STATEMENT = Markdown("""
Dit dashboard streeft naar WCAG 2.1 niveau AA, de norm voor websites van de overheid.

**Wat we doen**
- Elke grafiek heeft een kop, een conclusie in één zin en dezelfde cijfers als gewone
  HTML-tabel (leesbaar voor schermlezers), plus een download als CSV en Excel.
- Kleuren zijn gekozen op contrast (tekst minimaal 4,5:1) en zijn ook voor kleurenblinden
  te onderscheiden; waar kleur iets betekent staat het er ook in woorden of als label bij.
- De pagina meldt zich als Nederlandstalig (`lang="nl"`) aan hulpsoftware. Streamlit zet
  zelf `lang="en"`; een klein script herstelt dat bij het laden.
- Streamlit geeft zijn eigen knoppen Engelse namen voor een schermlezer ('Skip to main
  content', 'Help for Regio', 'Main menu'). Hetzelfde script maakt er Nederlandse namen
  van ('Naar de inhoud', 'Uitleg bij Regio', 'Hoofdmenu'), ook bij knoppen die later
  verschijnen.
- Een tabel die breder is dan het scherm krijgt de toetsenbordfocus (Tab), zodat de
  pijltjestoetsen hem opzij scrollen; hetzelfde script regelt dat, ook als u inzoomt of
  het venster smaller maakt.
- De omschrijving bij een kerncijfer, een link naar een pagina en een label lopen door op
  een volgende regel, ook op een smal of ingezoomd scherm; Streamlit zou ze afkappen (en
  zo bijvoorbeeld '(voorlopig)' verbergen).
- Een tabel onder een grafiek wordt pas gemaakt als u hem openklapt; dat houdt de pagina
  snel. Hij verschijnt een ogenblik na de klik.
- Alles is met het toetsenbord te bedienen; bij elke bouwronde controleren we elke pagina
  automatisch met axe-core (WCAG 2.0 en 2.1, niveau A en AA) in een echte browser, met
  alle tabellen opengeklapt.

**Wat (nog) niet kan, door Streamlit zelf**
- Een tekst van Streamlit zelf die het script niet kent, blijft Engels (zoals 'Made with
  Streamlit' onder in het hoofdmenu).
- Interactieve grafieken (Plotly) hebben geen eigen tekstalternatief; daarom staan de
  cijfers altijd ook in een tabel onder de grafiek.
- Een korte flits met `lang="en"` en Engelse knopnamen tijdens het laden van de pagina,
  tot het script draait.
""")


def extract_summary(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Per extract: rows, sources, reference dates and statuses (for the 'Over' page)."""
    records = []
    for name, frame in frames.items():
        has_provenance = {"bron", "peildatum", "status"} <= set(frame.columns)
        if frame.is_empty() or not has_provenance:
            records.append((name, frame.height, "–", "–", "–"))
            continue
        first, last = frame["peildatum"].min(), frame["peildatum"].max()
        dates = fmt.peildatum(first) if first == last else f"{fmt.date(first)} – {fmt.date(last)}"
        if frame["peildatum"].null_count() and first is not None:
            dates += f"; bij {frame['peildatum'].null_count()} rijen {fmt.NO_DATE}"
        records.append(
            (
                name,
                frame.height,
                ", ".join(sorted(frame["bron"].unique().to_list())),
                dates,
                ", ".join(sorted(frame["status"].unique().to_list())),
            )
        )
    return pl.DataFrame(
        records,
        schema=["Gegevensbestand", "Rijen", "Bronnen", "Peildatum", "Status"],
        orient="row",
    )
