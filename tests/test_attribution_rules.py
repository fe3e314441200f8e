"""Attribution, modality, polarity, trend and confidence on hand-written sentences (no models)."""

from __future__ import annotations

import re

import pytest

from crimegraph.extract.attribution import (
    annotate_events,
    confidence_from,
    cues,
    event_features,
    modality_of,
    speaker_of,
)
from crimegraph.extract.entities import MentionIndex
from crimegraph.extract.events import Sentence
from crimegraph.model import Entity, Event, Mention, Quantity, Span


@pytest.mark.parametrize(
    "lang,sentence,expected",
    [
        ("en", "Police seized 300 kilos of cocaine in Tumbes, officials said.", "officials"),
        ("en", "The lab could produce 500 kilos a week, the commander, Colonel Ana Ruiz, told reporters.", "Colonel Ana Ruiz"),
        ("en", "According to the Interior Ministry, 40 gang members were arrested.", "the Interior Ministry"),
        ("en", "Gangs control the port, said Interior Minister Juan Soto.", "Interior Minister Juan Soto"),
        ("en", "The Attorney General's Office said the mayor took bribes.", "The Attorney General's Office"),
        ("es", "La droga iba a Chile, informó el jefe de la Dirandro.", "el jefe de la Dirandro"),
        ("es", "Según la Policía, el grupo opera en Beni.", "la Policía"),
        ("pt", "Segundo a Polícia Federal, a droga vinha da Bolívia.", "a Polícia Federal"),
    ],
)
def test_speakers(lang, sentence, expected):
    hit = speaker_of(sentence, lang, len(sentence) // 2)
    assert hit is not None and hit[0] == expected


@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("en", "Police seized 300 kilos of cocaine in Tumbes on Monday."),
        ("en", "The president said the raid showed that cartels operate in the country."),  # clause, not a name
        ("es", "Los agentes incautaron 200 kilos de cocaína en Arica."),
    ],
)
def test_no_speaker_in_the_texts_own_voice(lang, sentence):
    hit = speaker_of(sentence, lang, 0)
    if hit is not None:  # the second sentence has a speaker, but it is "The president", never the clause
        assert hit[0] == "The president"


def _event(text: str, sentence: str, trigger: str, etype: str, quantity: Quantity | None = None) -> Event:
    start = text.index(sentence)
    t = text.index(trigger, start)
    return Event("", etype, {}, [Span(start, start + len(sentence))], quantity=quantity,
                 trigger=Span(t, t + len(trigger)))


def _annotate(text: str, lang: str, events: list[Event], entities: list[Entity] = (), **kw) -> list[Event]:
    sentences, start = [], 0
    for m in re.finditer(r"[.!?](?=\s|$)", text):
        chunk = text[start : m.end()]
        lead = len(chunk) - len(chunk.lstrip())
        sentences.append(Sentence(start + lead, m.end(), chunk.strip()))
        start = m.end()
    return annotate_events(events, text, sentences, lang, MentionIndex(list(entities)), min_confidence=0.0, **kw)


def test_pronoun_speaker_refers_to_the_last_named_speaker():
    text = "The factory was huge, Colonel Ana Ruiz told reporters. Agents seized two tons of cocaine, she added."
    ev = _event(text, "Agents seized two tons of cocaine, she added.", "seized", "seizure")
    out = _annotate(text, "en", [ev])
    assert out[0].attribution.speaker == "Colonel Ana Ruiz"


def test_cited_outlet_is_the_source_not_the_speaker():
    text = "Police arrested five men in Cali on Monday, El Tiempo reported."
    i = text.index("El Tiempo")
    media = Entity("m1", "media", "El Tiempo (Colombia)", [Mention(i, i + 9, "El Tiempo")])
    ev = _event(text, text, "arrested", "arrest")
    out = _annotate(text, "en", [ev], [media])
    assert out[0].attribution.source == "El Tiempo"  # as written, not the knowledge-base name
    assert out[0].attribution.speaker is None


def test_wire_dateline_is_the_source_of_the_story():
    text = "LIMA, April 11 (AFP) - Soldiers seized a ton of cocaine in the VRAEM. Two men were arrested."
    ev = _event(text, "Two men were arrested.", "arrested", "arrest")
    out = _annotate(text, "en", [ev])
    assert out[0].attribution.source == "AFP"


def test_publisher_citing_itself_is_not_a_source():
    text = "As InSight Crime has reported, gangs extort bus drivers in Honduras."
    i = text.index("InSight Crime")
    media = Entity("m1", "media", "InSight Crime", [Mention(i, i + 13, "InSight Crime")])
    ev = _event(text, text, "extort", "extortion_kidnapping")
    assert _annotate(text, "en", [ev], [media])[0].attribution.source is None


def test_analysis_section_marks_everything_after_its_heading():
    text = "Police arrested two men in Cali.\nInSight Crime Analysis\nThe gang operates in Cali."
    first = _event(text, "Police arrested two men in Cali.", "arrested", "arrest")
    second = _event(text, "The gang operates in Cali.", "operates", "group_presence")
    out = _annotate(text, "en", [first, second])
    assert [e.attribution.analysis for e in out] == [False, True]


def test_opinion_document_is_analysis():
    text = "Police arrested two men in Cali."
    out = _annotate(text, "en", [_event(text, text, "arrested", "arrest")], analysis_document=True)
    assert out[0].attribution.analysis is True


@pytest.mark.parametrize(
    "lang,sentence,trigger,etype,expected",
    [
        ("en", "Police arrested two men in Cali, officials said.", "arrested", "arrest", "fact"),
        ("en", "The government will deploy 2,000 troops to Rosario.", "deploy", "policy", "planned"),
        ("en", "The gang is believed to operate in Choco.", "operate", "group_presence", "hedged"),
        ("en", "The minister denied that cartels operate in Bolivia.", "operate", "group_presence", "denied"),
        ("en", "Prosecutors accused the mayor of taking bribes from the gang.", "bribes", "corruption", "claim"),
        ("en", "The mayor was convicted of taking bribes from the gang.", "bribes", "corruption", "fact"),
        ("es", "El Gobierno prevé iniciar la erradicación de cultivos en el VRAEM.", "erradicación", "cultivation", "planned"),
        ("es", "La banda estaría vinculada a traficantes y posiblemente opera en Beni.", "opera", "group_presence", "hedged"),
        ("pt", "O governo vai criar uma base na fronteira com a Bolívia.", "criar", "policy", "planned"),
    ],
)
def test_modality(lang, sentence, trigger, etype, expected):
    ev = _event(sentence, sentence, trigger, etype)
    assert modality_of(sentence, sentence.index(trigger), ev, cues(lang), False) == expected


def test_approximate_amount_is_an_estimate():
    sentence = "Police seized about 300 kilos of cocaine in Tumbes."
    ev = _event(sentence, sentence, "seized", "seizure", Quantity(300, "kg", "about 300 kilos", approximate=True))
    assert modality_of(sentence, sentence.index("seized"), ev, cues("en"), False) == "estimate"


def test_modality_cue_far_from_the_trigger_does_not_count():
    sentence = ("Police arrested five members of the gang in the port of Callao on Monday morning after a long chase, "
                "and analysts say the group could soon try to rebuild its network.")
    ev = _event(sentence, sentence, "arrested", "arrest")
    assert modality_of(sentence, sentence.index("arrested"), ev, cues("en"), False) == "fact"


@pytest.mark.parametrize(
    "lang,sentence,trigger",
    [
        ("en", "No arrests were made in the raid in Beni.", "arrests"),
        ("es", "No hubo detenidos en el operativo.", "detenidos"),
        ("pt", "Ninguém foi preso até o momento.", "preso"),
    ],
)
def test_negative_polarity(lang, sentence, trigger):
    etype = "arrest"
    out = _annotate(sentence, lang, [_event(sentence, sentence, trigger, etype)])
    assert out[0].polarity == "negative"


def test_positive_polarity_by_default():
    sentence = "Police arrested two men in the raid in Beni."
    assert _annotate(sentence, "en", [_event(sentence, sentence, "arrested", "arrest")])[0].polarity == "positive"


@pytest.mark.parametrize(
    "lang,sentence,trigger,etype,expected",
    [
        ("en", "Coca cultivation in Peru fell for the second year.", "cultivation", "cultivation", "decreasing"),
        ("en", "The PCC's presence in Paraguay is growing.", "presence", "group_presence", "increasing"),
        ("es", "Por primera vez el cartel opera en Tarija.", "opera", "group_presence", "new"),
        ("en", "Police arrested more and more gang members in Lima.", "arrested", "arrest", None),  # no trend on arrests
    ],
)
def test_trend(lang, sentence, trigger, etype, expected):
    out = _annotate(sentence, lang, [_event(sentence, sentence, trigger, etype)])
    assert out[0].trend == expected


def test_confidence_is_a_probability_and_rewards_a_stated_place():
    text = "Police arrested two men in Cali."
    with_place = {"type": "arrest", "roles": {"location": ["p1"]}, "evidence": [{"start": 0, "end": len(text)}],
                  "trigger": {"start": 7, "end": 15}, "modality": "fact", "attribution": {}}
    without = dict(with_place, roles={})
    spans = {"p1": [(text.index("Cali"), text.index("Cali") + 4)]}
    a = confidence_from(event_features(with_place, text, spans), "arrest")
    b = confidence_from(event_features(without, text, spans), "arrest")
    assert 0.0 < b < a < 1.0


def test_low_confidence_events_are_dropped_by_threshold():
    text = "Police arrested two men."
    ev = _event(text, text, "arrested", "arrest")
    sentences = [Sentence(0, len(text), text)]
    kept = annotate_events([ev], text, sentences, "en", MentionIndex([]), min_confidence=0.0)
    assert len(kept) == 1
    dropped = annotate_events([_event(text, text, "arrested", "arrest")], text, sentences, "en", MentionIndex([]),
                              min_confidence=0.999)
    assert dropped == []
