"""Time expressions: spotting (exact offsets) and resolution against the publication date.

Expected dates are worked out by hand from the rules in docs/time-and-quantities.md.
Reference weekdays: 2013-10-08 Tuesday, 2013-03-03 Sunday, 2014-01-01 Wednesday,
2014-02-12 Wednesday, 2016-03-01 Tuesday (leap year).
"""

from __future__ import annotations

import datetime as dt

import pytest

from crimegraph.errors import CrimegraphError
from crimegraph.extract.timex import TimeExpr, find_times

P = "2013-10-08"  # a Tuesday

# (lang, published, sentence, expected expression, start, end, granularity)
CASES = [
    # --- English ---------------------------------------------------------------------------
    ("en", P, "A lab was destroyed in September near the border.", "in September", "2013-09-01", "2013-09-30", "month"),
    ("en", P, "On Tuesday, the two governments signed an agreement.", "On Tuesday", "2013-10-08", "2013-10-08", "day"),
    ("en", P, "Police raided the farm on Friday.", "on Friday", "2013-10-04", "2013-10-04", "day"),
    ("en", P, "He was arrested last Tuesday in Lima.", "last Tuesday", "2013-10-01", "2013-10-01", "day"),
    ("en", P, "The minister said Sunday that talks would resume.", "Sunday", "2013-10-06", "2013-10-06", "day"),
    ("en", P, "Talks will resume next Thursday.", "next Thursday", "2013-10-10", "2013-10-10", "day"),
    ("en", P, "Seizures doubled last year.", "last year", "2012-01-01", "2012-12-31", "year"),
    ("en", P, "Processing has grown since the beginning of 2013.", "since the beginning of 2013", "2013-01-01", "2013-10-08", "range"),
    # plain "this year" runs from January 1 to publication (docs/annotation.md section 7)
    ("en", P, "The group has expanded this year.", "this year", "2013-01-01", "2013-10-08", "range"),
    ("en", P, "Officials met last month.", "last month", "2013-09-01", "2013-09-30", "month"),
    ("en", P, "Troops arrived last week.", "last week", "2013-09-30", "2013-10-06", "week"),
    ("en", P, "More troops arrive this week.", "this week", "2013-10-07", "2013-10-13", "week"),
    ("en", P, "The plane landed yesterday.", "yesterday", "2013-10-07", "2013-10-07", "day"),
    ("en", P, "The shipment left two weeks ago.", "two weeks ago", "2013-09-23", "2013-09-29", "week"),
    ("en", P, "He fled three days ago.", "three days ago", "2013-10-05", "2013-10-05", "day"),
    ("en", P, "The cell was dismantled two months ago.", "two months ago", "2013-08-01", "2013-08-31", "month"),
    ("en", P, "The law passed two years ago.", "two years ago", "2011-01-01", "2011-12-31", "year"),
    ("en", P, "Murders peaked in 2012 across the region.", "in 2012", "2012-01-01", "2012-12-31", "year"),
    ("en", P, "The trial began July 15 in Miami.", "July 15", "2013-07-15", "2013-07-15", "day"),
    ("en", P, "The jail riot of November 15 left six dead.", "November 15", "2012-11-15", "2012-11-15", "day"),
    ("en", P, "The report appeared in July 2013.", "in July 2013", "2013-07-01", "2013-07-31", "month"),
    ("en", P, "The cartel split in early 2013.", "in early 2013", "2013-01-01", "2013-04-30", "range"),
    ("en", P, "A truce held until mid-2013 at least.", "mid-2013", "2013-05-01", "2013-08-31", "range"),
    ("en", P, "Fighting resumed in late 2012.", "in late 2012", "2012-09-01", "2012-12-31", "range"),
    ("en", P, "Homicides fell between 2010 and 2012.", "between 2010 and 2012", "2010-01-01", "2012-12-31", "range"),
    ("en", P, "Seizures rose from 2009 to 2011.", "from 2009 to 2011", "2009-01-01", "2011-12-31", "range"),
    ("en", P, "Under the dictatorship (1980-1981) trafficking grew.", "1980-1981", "1980-01-01", "1981-12-31", "range"),
    ("en", P, "The cartel dominated in the 1990s.", "in the 1990s", "1990-01-01", "1999-12-31", "range"),
    ("en", P, "It emerged in the late 1990s.", "in the late 1990s", "1997-01-01", "1999-12-31", "range"),
    ("en", P, "It was displaced in the mid-2000s.", "in the mid-2000s", "2004-01-01", "2006-12-31", "range"),
    ("en", P, "The vote took place October 8, 2013, in the capital.", "October 8, 2013", "2013-10-08", "2013-10-08", "day"),
    ("en", P, "The vote took place on 8 October 2013.", "on 8 October 2013", "2013-10-08", "2013-10-08", "day"),
    ("en", P, "Dated 2013-10-08 and signed.", "2013-10-08", "2013-10-08", "2013-10-08", "day"),
    ("en", P, "Police say that on Oct. 3 the boat sank.", "on Oct. 3", "2013-10-03", "2013-10-03", "day"),
    ("en", P, "Protests began Tuesday, October 1, downtown.", "Tuesday, October 1", "2013-10-01", "2013-10-01", "day"),
    ("en", P, "The raid happened in December.", "in December", "2012-12-01", "2012-12-31", "month"),
    ("en", P, "Two ministers resigned earlier this year.", "earlier this year", "2013-01-01", "2013-10-08", "range"),
    ("en", P, "Arrests rose earlier this month.", "earlier this month", "2013-10-01", "2013-10-08", "range"),
    ("en", P, "Violence grew over the past three years.", "over the past three years", "2010-10-08", "2013-10-08", "range"),
    ("en", P, "Coca prices fell at the end of last year.", "at the end of last year", "2012-09-01", "2012-12-31", "range"),
    ("en", P, "Seizures rose in the first half of 2013.", "in the first half of 2013", "2013-01-01", "2013-06-30", "range"),
    ("en", P, "Prices dropped between July and September.", "between July and September", "2013-07-01", "2013-09-30", "range"),
    ("en", P, "The pilot was caught last July.", "last July", "2013-07-01", "2013-07-31", "month"),
    ("en", P, "The bill may pass this September.", "this September", "2013-09-01", "2013-09-30", "month"),
    ("en", P, "The bill was signed in May this year.", "in May this year", "2013-05-01", "2013-05-31", "month"),
    ("en", P, "They rebelled in March of last year.", "in March of last year", "2012-03-01", "2012-03-31", "month"),
    ("en", P, "They will march in March.", "in March", "2013-03-01", "2013-03-31", "month"),
    ("en", P, "He has been a fugitive since 2011.", "since 2011", "2011-01-01", "2013-10-08", "range"),
    ("en", P, "Elections are due next month.", "next month", "2013-11-01", "2013-11-30", "month"),
    # parts of a month are the whole month, as the gold set annotates them
    ("en", P, "Police arrived in early September.", "in early September", "2013-09-01", "2013-09-30", "month"),
    ("en", P, "Prisons held 3,758 inmates at the end of July.", "at the end of July", "2013-07-01", "2013-07-31", "month"),
    ("en", "2014-02-12", "The raid happened in December.", "in December", "2013-12-01", "2013-12-31", "month"),
    ("en", "2014-02-12", "He spoke on Wednesday.", "on Wednesday", "2014-02-12", "2014-02-12", "day"),
    ("en", "2014-01-01", "Murders fell last year.", "last year", "2013-01-01", "2013-12-31", "year"),
    ("en", "2014-01-01", "The convoy left yesterday.", "yesterday", "2013-12-31", "2013-12-31", "day"),
    ("en", "2014-01-01", "The convoy left last week.", "last week", "2013-12-23", "2013-12-29", "week"),
    ("en", "2014-01-01", "Seizures rose last month.", "last month", "2013-12-01", "2013-12-31", "month"),
    ("en", "2014-01-01", "The cell fell two months ago.", "two months ago", "2013-11-01", "2013-11-30", "month"),
    ("en", "2014-01-01", "The prison opened January 5.", "January 5", "2013-01-05", "2013-01-05", "day"),
    ("en", "2013-07-10", "The pilot was caught last July.", "last July", "2012-07-01", "2012-07-31", "month"),
    ("en", "2016-03-01", "The deal fell through February 29.", "February 29", "2016-02-29", "2016-02-29", "day"),
    ("en", "2016-03-01", "Killings rose last month.", "last month", "2016-02-01", "2016-02-29", "month"),
    ("en", "2013-03-03", "Voting ended on Sunday.", "on Sunday", "2013-03-03", "2013-03-03", "day"),
    ("en", "2013-03-03", "Voting ended last Sunday.", "last Sunday", "2013-02-24", "2013-02-24", "day"),
    ("en", "2013-03-03", "He was freed on Monday.", "on Monday", "2013-02-25", "2013-02-25", "day"),
    ("en", "2013-03-03", "Troops patrolled this week.", "this week", "2013-02-25", "2013-03-03", "week"),
    # --- Spanish ---------------------------------------------------------------------------
    ("es", P, "Fue detenido el martes pasado en Lima.", "el martes pasado", "2013-10-01", "2013-10-01", "day"),
    ("es", P, "Fue detenido el pasado martes en Lima.", "el pasado martes", "2013-10-01", "2013-10-01", "day"),
    ("es", P, "Los gobiernos firmaron el martes un convenio.", "el martes", "2013-10-08", "2013-10-08", "day"),
    ("es", P, "La policía allanó el viernes una finca.", "el viernes", "2013-10-04", "2013-10-04", "day"),
    ("es", P, "El ministro informó este lunes que hubo capturas.", "este lunes", "2013-10-07", "2013-10-07", "day"),
    ("es", P, "La audiencia será el próximo jueves.", "el próximo jueves", "2013-10-10", "2013-10-10", "day"),
    ("es", P, "Un laboratorio fue destruido en julio cerca de la frontera.", "en julio", "2013-07-01", "2013-07-31", "month"),
    ("es", P, "Las incautaciones crecieron el año pasado.", "el año pasado", "2012-01-01", "2012-12-31", "year"),
    ("es", P, "Se reunieron el mes pasado.", "el mes pasado", "2013-09-01", "2013-09-30", "month"),
    ("es", P, "Llegaron la semana pasada.", "la semana pasada", "2013-09-30", "2013-10-06", "week"),
    ("es", P, "El procesamiento crece desde principios de 2013.", "desde principios de 2013", "2013-01-01", "2013-10-08", "range"),
    ("es", P, "Está prófugo desde 2011.", "desde 2011", "2011-01-01", "2013-10-08", "range"),
    ("es", P, "El cártel se dividió a principios de 2013.", "a principios de 2013", "2013-01-01", "2013-04-30", "range"),
    ("es", P, "La tregua duró hasta mediados de 2013.", "mediados de 2013", "2013-05-01", "2013-08-31", "range"),
    ("es", P, "Los combates volvieron a finales de 2012.", "a finales de 2012", "2012-09-01", "2012-12-31", "range"),
    ("es", P, "Fue capturado a finales del año pasado.", "a finales del año pasado", "2012-09-01", "2012-12-31", "range"),
    ("es", P, "El cargamento salió hace dos semanas.", "hace dos semanas", "2013-09-23", "2013-09-29", "week"),
    ("es", P, "Huyó hace tres días.", "hace tres días", "2013-10-05", "2013-10-05", "day"),
    ("es", P, "El juicio comenzó el 15 de julio en Bogotá.", "el 15 de julio", "2013-07-15", "2013-07-15", "day"),
    ("es", P, "La votación fue el 8 de octubre de 2013 en la capital.", "el 8 de octubre de 2013", "2013-10-08", "2013-10-08", "day"),
    ("es", P, "La avioneta aterrizó ayer en la pista.", "ayer", "2013-10-07", "2013-10-07", "day"),
    ("es", P, "La avioneta aterrizó anteayer en la pista.", "anteayer", "2013-10-06", "2013-10-06", "day"),
    ("es", P, "Los homicidios cayeron entre 2010 y 2012.", "entre 2010 y 2012", "2010-01-01", "2012-12-31", "range"),
    ("es", P, "El cártel dominaba en los años 90.", "en los años 90", "1990-01-01", "1999-12-31", "range"),
    ("es", P, "Nació en la década de 1980 como banda local.", "en la década de 1980", "1980-01-01", "1989-12-31", "range"),
    ("es", P, "El grupo se expandió este año.", "este año", "2013-01-01", "2013-10-08", "range"),
    ("es", P, "Se declaró culpable en mayo de este año.", "en mayo de este año", "2013-05-01", "2013-05-31", "month"),
    ("es", P, "Fue extraditado en junio del año pasado.", "en junio del año pasado", "2012-06-01", "2012-06-30", "month"),
    ("es", P, "La producción aumentó desde julio.", "desde julio", "2013-07-01", "2013-10-08", "range"),
    ("es", P, "Los precios cayeron entre julio y septiembre de 2012.", "entre julio y septiembre de 2012", "2012-07-01", "2012-09-30", "range"),
    ("es", P, "Fue arrestado en octubre de 2008 en Tijuana.", "en octubre de 2008", "2008-10-01", "2008-10-31", "month"),
    ("es", P, "Hubo miles de muertos en los últimos seis años.", "en los últimos seis años", "2007-10-08", "2013-10-08", "range"),
    ("es", P, "Opera en la zona desde hace dos años.", "desde hace dos años", "2011-10-08", "2013-10-08", "range"),
    ("es", P, "El pasado 5 de marzo publicó un panfleto.", "El pasado 5 de marzo", "2013-03-05", "2013-03-05", "day"),
    ("es", P, "Las capturas subieron en el primer semestre de 2013.", "en el primer semestre de 2013", "2013-01-01", "2013-06-30", "range"),
    ("es", P, "La orden se firmó el 10/08/2013 en Quito.", "10/08/2013", "2013-08-10", "2013-08-10", "day"),
    ("es", P, "La coca creció en 2012 en Perú.", "en 2012", "2012-01-01", "2012-12-31", "year"),
    ("es", P, "Ocurrió el pasado viernes 4 de octubre en Cali.", "el pasado viernes 4 de octubre", "2013-10-04", "2013-10-04", "day"),
    ("es", P, "En lo que va del año hubo 80 homicidios.", "En lo que va del año", "2013-01-01", "2013-10-08", "range"),
    ("es", "2014-01-01", "Se firmó el martes en La Paz.", "el martes", "2013-12-31", "2013-12-31", "day"),
    ("es", "2014-02-12", "El robo ocurrió en diciembre.", "en diciembre", "2013-12-01", "2013-12-31", "month"),
    ("es", "2013-03-03", "Las elecciones fueron el domingo.", "el domingo", "2013-03-03", "2013-03-03", "day"),
    ("es", "2013-03-03", "Las elecciones fueron el domingo pasado.", "el domingo pasado", "2013-02-24", "2013-02-24", "day"),
    # --- Portuguese ------------------------------------------------------------------------
    ("pt", P, "O avião foi apreendido na última sexta-feira.", "na última sexta-feira", "2013-10-04", "2013-10-04", "day"),
    ("pt", P, "A PF deflagrou nesta terça-feira uma operação.", "nesta terça-feira", "2013-10-08", "2013-10-08", "day"),
    ("pt", P, "Os presos chegaram na segunda-feira.", "na segunda-feira", "2013-10-07", "2013-10-07", "day"),
    ("pt", P, "O barco afundou na sexta-feira passada.", "na sexta-feira passada", "2013-10-04", "2013-10-04", "day"),
    ("pt", P, "A audiência será na próxima quinta-feira.", "na próxima quinta-feira", "2013-10-10", "2013-10-10", "day"),
    ("pt", P, "O laboratório foi destruído em julho.", "em julho", "2013-07-01", "2013-07-31", "month"),
    ("pt", P, "As apreensões dobraram o ano passado.", "o ano passado", "2012-01-01", "2012-12-31", "year"),
    ("pt", P, "As apreensões dobraram no ano passado.", "no ano passado", "2012-01-01", "2012-12-31", "year"),
    ("pt", P, "Os ministros se reuniram no mês passado.", "no mês passado", "2013-09-01", "2013-09-30", "month"),
    ("pt", P, "As tropas chegaram na semana passada.", "na semana passada", "2013-09-30", "2013-10-06", "week"),
    ("pt", P, "A carga saiu há duas semanas.", "há duas semanas", "2013-09-23", "2013-09-29", "week"),
    ("pt", P, "A facção surgiu há três anos.", "há três anos", "2010-01-01", "2010-12-31", "year"),
    ("pt", P, "O julgamento começou em 15 de julho.", "em 15 de julho", "2013-07-15", "2013-07-15", "day"),
    ("pt", P, "O acidente ocorreu no dia 15 de julho de 2012.", "no dia 15 de julho de 2012", "2012-07-15", "2012-07-15", "day"),
    ("pt", P, "A facção se dividiu no início de 2013.", "no início de 2013", "2013-01-01", "2013-04-30", "range"),
    ("pt", P, "A trégua durou até meados de 2013.", "meados de 2013", "2013-05-01", "2013-08-31", "range"),
    ("pt", P, "A trégua acabou em meados de 2013.", "em meados de 2013", "2013-05-01", "2013-08-31", "range"),
    ("pt", P, "Os confrontos voltaram no final de 2012.", "no final de 2012", "2012-09-01", "2012-12-31", "range"),
    ("pt", P, "O avião pousou ontem na pista.", "ontem", "2013-10-07", "2013-10-07", "day"),
    ("pt", P, "O avião pousou anteontem na pista.", "anteontem", "2013-10-06", "2013-10-06", "day"),
    ("pt", P, "Ele está foragido desde 2011.", "desde 2011", "2011-01-01", "2013-10-08", "range"),
    ("pt", P, "Os homicídios caíram entre 2010 e 2012.", "entre 2010 e 2012", "2010-01-01", "2012-12-31", "range"),
    ("pt", P, "A facção nasceu na década de 1990.", "na década de 1990", "1990-01-01", "1999-12-31", "range"),
    ("pt", P, "As transferências foram feitas nos anos 90.", "nos anos 90", "1990-01-01", "1999-12-31", "range"),
    ("pt", P, "As visitas estão suspensas desde março deste ano.", "desde março deste ano", "2013-03-01", "2013-10-08", "range"),
    ("pt", P, "Ele foi preso em maio do ano passado.", "em maio do ano passado", "2012-05-01", "2012-05-31", "month"),
    ("pt", P, "A produção cresce desde o início de 2013.", "desde o início de 2013", "2013-01-01", "2013-10-08", "range"),
    ("pt", P, "O grupo cresceu neste ano.", "neste ano", "2013-01-01", "2013-10-08", "range"),
    ("pt", P, "Houve 20 ataques no primeiro semestre de 2013.", "no primeiro semestre de 2013", "2013-01-01", "2013-06-30", "range"),
    ("pt", P, "A operação foi em agosto de 2016 no Pará.", "em agosto de 2016", "2016-08-01", "2016-08-31", "month"),
    ("pt", P, "O relatório saiu em 2012 em Brasília.", "em 2012", "2012-01-01", "2012-12-31", "year"),
    ("pt", P, "A fuga foi há 20 anos atrás.", "há 20 anos atrás", "1993-01-01", "1993-12-31", "year"),
    ("pt", P, "O navio chegou em Setembro a Lisboa.", "em Setembro", "2013-09-01", "2013-09-30", "month"),
    ("pt", P, "A reunião foi em 9-4-2003 no Porto.", "em 9-4-2003", "2003-04-09", "2003-04-09", "day"),
    ("pt", "2013-03-03", "A chacina ocorreu no domingo.", "no domingo", "2013-03-03", "2013-03-03", "day"),
    ("pt", "2014-01-01", "A chacina ocorreu em dezembro.", "em dezembro", "2013-12-01", "2013-12-31", "month"),
    # --- conventions of docs/annotation.md and docs/samples.md --------------------------
    # parts of a month: the whole month
    ("en", "2018-02-02", "In early January 2018 troops took the town.", "In early January 2018", "2018-01-01", "2018-01-31", "month"),
    ("en", "2013-02-16", "Mid-February brought a truce.", "Mid-February", "2013-02-01", "2013-02-28", "month"),
    ("es", "2014-06-20", "Llegaron a principios de mayo.", "a principios de mayo", "2014-05-01", "2014-05-31", "month"),
    ("pt", P, "Foi preso no final de julho.", "no final de julho", "2013-07-01", "2013-07-31", "month"),
    # "this year": a target or plan covers the whole year
    ("en", P, "It set a target of 10,000 hectares for this year.", "this year", "2013-01-01", "2013-12-31", "year"),
    ("es", P, "Este año la meta es de 22.000 hectáreas.", "Este año", "2013-01-01", "2013-12-31", "year"),
    ("es", P, "Hay fondos para este año.", "para este año", "2013-01-01", "2013-12-31", "year"),
    ("pt", P, "O objetivo é erradicar 5 mil hectares neste ano.", "neste ano", "2013-01-01", "2013-12-31", "year"),
    ("es", "2022-05-07", "En este año hubo 12 masacres.", "En este año", "2022-01-01", "2022-05-07", "range"),
    # "since X" stays a range up to publication (section 7), whatever the clause says
    ("en", P, "He was on the run since 2012, when he was arrested.", "since 2012", "2012-01-01", "2013-10-08", "range"),
    # year to date with a year
    ("es", "2013-06-12", "En lo que va de 2013, cayeron 14 avionetas.", "En lo que va de 2013", "2013-01-01", "2013-06-12", "range"),
    ("es", "2014-05-21", "En lo que va de 2014 se incautaron dos toneladas.", "En lo que va de 2014", "2014-01-01", "2014-05-21", "range"),
    ("es", "2022-03-27", "En lo que va corrido del año hubo 81 homicidios.", "En lo que va corrido del año", "2022-01-01", "2022-03-27", "range"),
    ("en", "2013-02-16", "Murders so far in 2013 have doubled.", "so far in 2013", "2013-01-01", "2013-02-16", "range"),
    ("pt", "2017-09-19", "Até agora em 2017 foram 30 ataques.", "Até agora em 2017", "2017-01-01", "2017-09-19", "range"),
    # weekends: Saturday-Sunday (range); 2012-10-10 is a Wednesday, 2013-10-08 a Tuesday
    ("es", "2012-10-10", "Fue capturado el pasado fin de semana en Santa Cruz.", "el pasado fin de semana", "2012-10-06", "2012-10-07", "range"),
    ("es", P, "Lo detuvieron el fin de semana pasado.", "el fin de semana pasado", "2013-10-05", "2013-10-06", "range"),
    ("en", P, "He was arrested last weekend in Lima.", "last weekend", "2013-10-05", "2013-10-06", "range"),
    ("en", P, "Gunmen attacked a bar over the weekend.", "over the weekend", "2013-10-05", "2013-10-06", "range"),
    ("en", "2013-03-03", "He was arrested last weekend.", "last weekend", "2013-02-23", "2013-02-24", "range"),
    ("en", "2013-03-03", "Voting took place this weekend.", "this weekend", "2013-03-02", "2013-03-03", "range"),
    ("pt", P, "Ele foi preso no último fim de semana.", "no último fim de semana", "2013-10-05", "2013-10-06", "range"),
    ("pt", P, "A operação ocorreu no fim de semana passado.", "no fim de semana passado", "2013-10-05", "2013-10-06", "range"),
    ("es", P, "La marcha será el próximo fin de semana.", "el próximo fin de semana", "2013-10-12", "2013-10-13", "range"),
    # a half or quarter without a year: of the publication year
    ("es", P, "Reforzará la frontera durante el segundo semestre.", "durante el segundo semestre", "2013-07-01", "2013-12-31", "range"),
    ("es", P, "Las capturas crecieron en el primer trimestre.", "en el primer trimestre", "2013-01-01", "2013-03-31", "range"),
    ("pt", P, "As apreensões subiram no primeiro semestre.", "no primeiro semestre", "2013-01-01", "2013-06-30", "range"),
    # deadlines: publication .. December 31
    ("es", "2013-03-06", "Perú instalará radares antes de que termine el año.", "antes de que termine el año", "2013-03-06", "2013-12-31", "range"),
    ("es", "2013-03-06", "Perú instalará radares antes de fin de año.", "antes de fin de año", "2013-03-06", "2013-12-31", "range"),
    ("en", "2013-03-14", "It will install three radars by the end of the year.", "by the end of the year", "2013-03-14", "2013-12-31", "range"),
    ("en", "2013-03-14", "The base will open before the end of 2013.", "before the end of 2013", "2013-03-14", "2013-12-31", "range"),
    ("pt", P, "A PF vai abrir a base até o fim do ano.", "até o fim do ano", "2013-10-08", "2013-12-31", "range"),
    ("en", P, "By the end of 2010 the group had split.", "By the end of 2010", "2010-09-01", "2010-12-31", "range"),
    ("en", P, "The plan aims to cut coca by half by the end of 2015.", "by the end of 2015", "2013-10-08", "2015-12-31", "range"),
    # "a partir de <month>" in a plan: that coming month
    ("es", "2013-08-07", "El Gobierno ampliará la presencia a partir de septiembre.", "a partir de septiembre", "2013-09-01", "2013-09-30", "month"),
    ("es", "2013-08-07", "La violencia creció a partir de julio.", "a partir de julio", "2013-07-01", "2013-08-07", "range"),
    ("en", P, "Starting in March, the army will patrol the border.", "Starting in March", "2014-03-01", "2014-03-31", "month"),
    ("pt", "2013-08-07", "O Exército vai reforçar a fronteira a partir de setembro.", "a partir de setembro", "2013-09-01", "2013-09-30", "month"),
]


def _case_id(case) -> str:
    return f"{case[0]}:{case[3]}@{case[1]}"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_spots_and_resolves(case):
    lang, published, sentence, expected, start, end, granularity = case
    found = find_times(sentence, lang, dt.date.fromisoformat(published))
    assert [t.text for t in found] == [expected]
    expr = found[0]
    assert sentence[expr.start:expr.end] == expected
    assert expr.span is not None
    assert (expr.span.start.isoformat(), expr.span.end.isoformat(), expr.span.granularity) == (start, end, granularity)
    assert expr.span.text == expected


# Sentences with no time expression at all: traps for modal "may", verb "march",
# quantities that look like years, names that look like weekdays or months, vague times.
NEGATIVES = [
    ("en", "Authorities may extradite him soon."),
    ("en", "May God protect them, said the mother."),
    ("en", "Thousands march on the capital every week-end."),
    ("en", "Protesters will march to the plaza."),
    ("en", "Police seized 2,000 kilos of cocaine."),
    ("en", "Violence rose in the last week of the campaign."),
    ("en", "Police seized 2000 kilos of cocaine."),
    ("en", "The lab produced 2013 kilos in one batch."),
    ("en", "Cartels have recently expanded."),
    ("en", "Several people in their 90s live there."),
    ("en", "They carried AK-47 rifles and 1,990 rounds."),
    ("en", "He says the august institution is corrupt."),
    ("es", "Juan Martes dijo que no sabía nada."),
    ("es", "Martes fue visto en la frontera."),
    ("es", "El vuelo salió de Santo Domingo."),
    ("es", "Julio César Chávez llegó a Culiacán."),
    ("es", "La editorial Abril publicó el informe."),
    ("es", "Los martes se reúnen los comandantes."),
    ("es", "Hoy en día el cártel controla la ruta."),
    ("es", "Incautaron 2.000 kilos de cocaína."),
    ("es", "Recientemente se detectaron nuevas rutas."),
    ("pt", "Foi a segunda vez que a facção atacou."),
    ("pt", "A quinta maior facção do país atua no Pará."),
    ("pt", "Hoje em dia a facção domina a rota."),
    ("pt", "A PF apreendeu 2.000 quilos de cocaína."),
    ("pt", "Aos domingos há visitas no presídio."),
]


@pytest.mark.parametrize("lang,sentence", NEGATIVES, ids=[f"{l}:{s[:30]}" for l, s in NEGATIVES])
def test_no_false_positives(lang, sentence):
    assert find_times(sentence, lang, dt.date.fromisoformat(P)) == []


def test_several_expressions_keep_document_offsets():
    text = "In July a lab was destroyed; on Tuesday officials met, and since 2011 seizures rose."
    found = find_times(text, "en", dt.date(2013, 10, 8))
    assert [t.text for t in found] == ["In July", "on Tuesday", "since 2011"]
    for t in found:
        assert text[t.start:t.end] == t.text
    assert found[0].start == 0 and found[1].start == text.index("on Tuesday")
    assert [t.span.granularity for t in found] == ["month", "day", "range"]


def test_year_lists_read_as_the_range_they_span():
    # "in 2007 and 2008" is one period from the first year to the last (docs/time-and-quantities.md)
    found = find_times("Murders fell in 2012 and 2013.", "en", dt.date(2014, 5, 1))
    assert [(t.text, str(t.span.start), str(t.span.end), t.span.granularity) for t in found] == [
        ("in 2012 and 2013", "2012-01-01", "2013-12-31", "range")]
    found = find_times("Hubo ataques en enero y febrero.", "es", dt.date(2014, 5, 1))
    assert [(t.text, str(t.span.start), str(t.span.end)) for t in found] == [
        ("en enero y febrero", "2014-01-01", "2014-02-28")]
    found = find_times("It grew in the 1980s and 1990s.", "en", dt.date(2014, 5, 1))
    assert [(str(t.span.start), str(t.span.end)) for t in found] == [("1980-01-01", "1999-12-31")]


def test_a_day_and_a_count_after_it_are_no_day_list():
    found = find_times("On July 10 and 11 people were killed.", "en", dt.date(2014, 11, 15))
    assert [(t.text, t.span.granularity) for t in found] == [("On July 10", "day")]
    found = find_times("He was born on July 10 and 11 years later he died.", "en", dt.date(2014, 11, 15))
    assert found[0].text == "on July 10" and found[0].span.granularity == "day"


def test_year_lists_out_of_order_or_mixed_stay_apart():
    found = find_times("Murders fell in 2013 and 2012.", "en", dt.date(2014, 5, 1))
    assert [t.text for t in found] == ["in 2013", "2012"]
    found = find_times("Arrests came in 2012 and on May 3.", "en", dt.date(2014, 5, 1))
    assert [t.text for t in found] == ["in 2012", "on May 3"]


@pytest.mark.parametrize("lang,text,phrase,start,end", [
    ("en", "Seizures rose in the first seven months of 2013.", "in the first seven months of 2013", "2013-01-01", "2013-07-31"),
    ("en", "Kidnappings fell through the first ten months of this year.", "through the first ten months of this year", "2014-01-01", "2014-10-31"),
    ("en", "Kidnappings fell during the first semester of 2016.", "during the first semester of 2016", "2016-01-01", "2016-06-30"),
    ("es", "Hubo 40 secuestros en los primeros cuatro meses de 2012.", "en los primeros cuatro meses de 2012", "2012-01-01", "2012-04-30"),
    ("pt", "Houve 40 mortes nos primeiros três meses de 2012.", "nos primeiros três meses de 2012", "2012-01-01", "2012-03-31"),
    # a month listed before a month with its year takes that year (June 2013, not the June before publication)
    ("en", "Raids took place in June and October 2013.", "in June and October 2013", "2013-06-01", "2013-10-31"),
    ("en", "Attacks peaked in May and June this year.", "in May and June this year", "2014-05-01", "2014-06-30"),
    ("es", "Hubo 80 ataques en mayo y junio de este año.", "en mayo y junio de este año", "2014-05-01", "2014-06-30"),
    # a second decade written with two digits; parts of a decade joined by "to"
    ("en", "He moved cocaine during the 1970s and 80s.", "during the 1970s and 80s", "1970-01-01", "1989-12-31"),
    ("en", "The group kidnapped ranchers in the mid to late 1980s.", "in the mid to late 1980s", "1984-01-01", "1989-12-31"),
    ("en", "The gang grew in the early-to-mid 2000s.", "in the early-to-mid 2000s", "2000-01-01", "2006-12-31"),
    # two years joined by "to" / "a"
    ("en", "Thefts rose during the 2012 to 2013 fishing season.", "during the 2012 to 2013", "2012-01-01", "2013-12-31"),
    ("es", "El robo de camarón creció en la temporada 2012 a 2013.", "2012 a 2013", "2012-01-01", "2013-12-31"),
    # lists of three or more, days of one month, two days of one week, the month so far
    ("en", "Police killed 300 people during 2010, 2011 and 2012.", "during 2010, 2011 and 2012", "2010-01-01", "2012-12-31"),
    ("es", "Hubo 90 homicidios en octubre, noviembre y diciembre de 2012.", "en octubre, noviembre y diciembre de 2012",
     "2012-10-01", "2012-12-31"),
    ("pt", "O PCC cresceu em 2010, 2011 e 2012.", "em 2010, 2011 e 2012", "2010-01-01", "2012-12-31"),
    ("en", "Protests took place on November 10 and 11 in Caracas.", "on November 10 and 11", "2014-11-10", "2014-11-11"),
    ("en", "The summit ran on July 3, 4 and 5, 2013.", "on July 3, 4 and 5, 2013", "2013-07-03", "2013-07-05"),
    ("en", "Troops arrived on Saturday and Sunday.", "on Saturday and Sunday", "2014-11-08", "2014-11-09"),
    ("es", "La policía detuvo el sábado y el domingo a 12 personas.", "el sábado y el domingo", "2014-11-08", "2014-11-09"),
    ("pt", "A polícia prendeu no sábado e domingo 12 pessoas.", "no sábado e domingo", "2014-11-08", "2014-11-09"),
    ("en", "Police have arrested 11 people so far in November.", "so far in November", "2014-11-01", "2014-11-15"),
    ("en", "So far this month, 20 people died.", "So far this month", "2014-11-01", "2014-11-15"),
    ("es", "Hubo 20 homicidios en lo que va del mes de noviembre.", "en lo que va del mes de noviembre",
     "2014-11-01", "2014-11-15"),
    ("es", "En lo que va de noviembre se denunciaron 4 secuestros.", "En lo que va de noviembre", "2014-11-01", "2014-11-15"),
    # the count of months before "primeros"
    ("es", "Hubo 900 homicidios en los diez primeros meses del año.", "en los diez primeros meses del año",
     "2014-01-01", "2014-10-31"),
    ("pt", "Foram 900 homicídios nos dez primeiros meses de 2013.", "nos dez primeiros meses de 2013",
     "2013-01-01", "2013-10-31"),
])
def test_periods_read_as_one_range(lang, text, phrase, start, end):
    found = find_times(text, lang, dt.date(2014, 11, 15))
    assert [(t.text, str(t.span.start), str(t.span.end), t.span.granularity) for t in found] == [
        (phrase, start, end, "range")]


def test_day_month_and_year_reference():
    found = find_times("He was shot on 9 July last year in the capital.", "en", dt.date(2012, 4, 16))
    assert [(t.text, str(t.span.start), t.span.granularity) for t in found] == [
        ("on 9 July last year", "2011-07-09", "day")]


def test_earlier_this_week_runs_to_publication():
    found = find_times("Five guards were killed earlier this week.", "en", dt.date(2013, 8, 23))  # a Friday
    assert [(str(t.span.start), str(t.span.end), t.span.granularity) for t in found] == [
        ("2013-08-19", "2013-08-23", "range")]


def test_since_at_least():
    found = find_times("The ring has operated since at least 2010.", "en", dt.date(2013, 3, 15))
    assert [(t.text, str(t.span.start), str(t.span.end)) for t in found] == [
        ("since at least 2010", "2010-01-01", "2013-03-15")]


def test_relative_expressions_unresolved_without_publication_date():
    text = "Yesterday police said the lab, found in July, had worked since 2011 and in 2012."
    found = {t.text: t.span for t in find_times(text, "en", None)}
    assert set(found) == {"Yesterday", "in July", "since 2011", "in 2012"}
    assert found["Yesterday"] is None and found["in July"] is None and found["since 2011"] is None
    assert found["in 2012"] is not None and found["in 2012"].granularity == "year"


def test_absolute_dates_resolve_without_publication_date():
    found = find_times("El 8 de octubre de 2013, a principios de 2013.", "es", None)
    assert [(t.span.start, t.span.end) for t in found] == [
        (dt.date(2013, 10, 8), dt.date(2013, 10, 8)),
        (dt.date(2013, 1, 1), dt.date(2013, 4, 30)),
    ]


def test_anaphoric_year_without_antecedent_is_unresolved():
    found = find_times("Fundó una empresa y en junio de ese año viajó.", "es", dt.date(2021, 2, 3))
    assert [t.text for t in found] == ["en junio de ese año"]
    assert found[0].span is None


# Anaphoric times resolve against the nearest earlier expression of a fitting granularity.
ANAPHORA = [
    ("en", "Police arrested him on May 3. A second man was arrested on the same day.", "on the same day",
     "2013-05-03", "2013-05-03", "day"),
    ("en", "The raid took place on May 3. The prior day, the gang had moved the drugs.", "The prior day",
     "2013-05-02", "2013-05-02", "day"),
    ("en", "Troops arrived on May 3, and two days later the first clashes began.", "two days later",
     "2013-05-05", "2013-05-05", "day"),
    ("en", "The boss was freed on May 3. Four guards fled later that night.", "later that night",
     "2013-05-03", "2013-05-03", "day"),
    ("en", "The cartel split in 2005. That year, both factions recruited in the prisons.", "That year",
     "2005-01-01", "2005-12-31", "year"),
    ("en", "Coca fell steadily since 2011, when it peaked. That year, the crop covered Huallaga.", "That year",
     "2011-01-01", "2011-12-31", "year"),
    ("en", "The truce began in 2012. The following year, murders rose again.", "The following year",
     "2013-01-01", "2013-12-31", "year"),
    ("en", "The gang formed in 2009, and in June of that year it took over the port.", "in June of that year",
     "2009-06-01", "2009-06-30", "month"),
    ("en", "Fields were sprayed in 2012; most were cleared in the first half of that year.",
     "in the first half of that year", "2012-01-01", "2012-06-30", "range"),
    ("es", "En 2009 fundó una empresa y en junio de ese año viajó.", "en junio de ese año",
     "2009-06-01", "2009-06-30", "month"),
    ("es", "El 4 de abril lo detuvieron en Lima; al día siguiente fue trasladado.", "al día siguiente",
     "2013-04-05", "2013-04-05", "day"),
    ("es", "El ataque ocurrió el 4 de abril. Ese mismo día hubo otro en Iguala.", "Ese mismo día",
     "2013-04-04", "2013-04-04", "day"),
    ("pt", "A operação começou no dia 3 de maio. No dia seguinte, a polícia prendeu dois homens.",
     "No dia seguinte", "2013-05-04", "2013-05-04", "day"),
    # "the same period" moves the earlier period to the year named
    ("en", "In the first half of 2013 there were 1,045 murders, down from 1,562 in the same period of 2012.",
     "in the same period of 2012", "2012-01-01", "2012-06-30", "range"),
    ("es", "De enero a julio hubo 300 secuestros, frente a 250 en el mismo periodo del año pasado.",
     "en el mismo periodo del año pasado", "2012-01-01", "2012-07-31", "range"),
    ("pt", "No primeiro semestre de 2013 foram 30 mortes, contra 20 no mesmo período do ano anterior.",
     "no mesmo período do ano anterior", "2012-01-01", "2012-06-30", "range"),
    # "the same month": the month before it, in the year named
    ("en", "Killings peaked at 105 in December 2012, while only 28 were reported for the same month a year before.",
     "for the same month a year before", "2011-12-01", "2011-12-31", "month"),
    ("es", "Hubo 50 homicidios en marzo de 2013, frente a 40 en el mismo mes del año pasado.",
     "en el mismo mes del año pasado", "2012-03-01", "2012-03-31", "month"),
]


def _resolved(text: str, lang: str, published: dt.date, phrase: str) -> tuple[str, str, str]:
    """(start, end, granularity) of the expression ``phrase`` found in ``text``."""
    found = {t.text: t for t in find_times(text, lang, published)}
    assert phrase in found, list(found)
    span = found[phrase].span
    assert span is not None, phrase
    return span.start.isoformat(), span.end.isoformat(), span.granularity


@pytest.mark.parametrize("lang,text,phrase,start,end,granularity", ANAPHORA)
def test_anaphoric_times_take_their_antecedent(lang, text, phrase, start, end, granularity):
    assert _resolved(text, lang, dt.date(2013, 10, 8), phrase) == (start, end, granularity)


@pytest.mark.parametrize("lang,text", [
    ("en", "Two days before the vote, gunmen killed a mayor."),  # relative to the vote, not to a date
    ("es", "Dos días antes de la elección mataron a un alcalde."),
    ("en", "That day, the army took the town."),  # nothing earlier to refer to
    ("en", "The cartel split in 2005. " + "Years of fighting followed across the state. " * 25 + "That year, it won."),
])
def test_anaphors_without_a_usable_antecedent_stay_unresolved(lang, text):
    assert all(t.span is None for t in find_times(text, lang, dt.date(2013, 10, 8))
               if not t.text[-4:].isdigit())


def test_since_keeps_its_starting_period_as_anchor():
    (found,) = find_times("He has been on the run since 2012, when he fled.", "en", dt.date(2016, 8, 3))
    assert (found.span.start, found.span.end) == (dt.date(2012, 1, 1), dt.date(2016, 8, 3))
    assert (found.anchor.start, found.anchor.end) == (dt.date(2012, 1, 1), dt.date(2012, 12, 31))


def test_impossible_date_is_unresolved_not_invented():
    found = find_times("The raid on February 30, 2013 failed.", "en", dt.date(2013, 10, 8))
    assert [t.text for t in found] == ["on February 30, 2013"]
    assert found[0].span is None


def test_language_tags_with_region_are_accepted():
    assert [t.text for t in find_times("Ayer hubo capturas.", "es-MX", dt.date(2013, 10, 8))] == ["Ayer"]


def test_unknown_language_is_an_error():
    with pytest.raises(CrimegraphError, match="'de'"):
        find_times("Gestern", "de", None)


def test_result_type_is_frozen():
    expr = find_times("in 2012", "en", None)[0]
    assert isinstance(expr, TimeExpr)
    with pytest.raises(AttributeError):
        expr.start = 3  # type: ignore[misc]


def test_real_articles_offsets_and_ranges(shared_data):
    """On real Spanish/Portuguese reports: offsets consistent, spans ordered and plausible."""
    import json

    files = sorted((shared_data / "news-es-pt").glob("*.json"))
    assert files, "no articles in news-es-pt"
    total = 0
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(doc["published"]) if doc["published"] else None
        for expr in find_times(doc["text"], doc["language"], published):
            total += 1
            assert doc["text"][expr.start:expr.end] == expr.text
            if expr.span is not None:
                assert expr.span.start <= expr.span.end
                assert 1900 <= expr.span.start.year <= 2030, (path.name, expr)
    assert total > 150  # about 300 expressions in these 27 articles


@pytest.mark.parametrize("sentence,year", [
    ("Violence rose after the 2009 coup in Honduras.", 2009),
    ("Bolivia's 2017 coca law widened legal cultivation.", 2017),
    ("Another corruption case from 2011 involved a mayor.", 2011),
    ("After 2006 the paramilitaries demobilized.", 2006),
])
def test_years_written_without_in_are_found(sentence, year):
    (found,) = find_times(sentence, "en", dt.date(2019, 8, 15))
    assert found.text == str(year) and found.span.granularity == "year"
    assert (found.span.start, found.span.end) == (dt.date(year, 1, 1), dt.date(year, 12, 31))


@pytest.mark.parametrize("sentence", [
    "The 2000 soldiers reached the border.",
    "Mexico's 2,000 troops left.",
    "The army seized the 2000 kilos.",
])
def test_counts_before_a_noun_are_not_years(sentence):
    assert find_times(sentence, "en", dt.date(2019, 8, 15)) == []


def test_from_a_year_to_another_stays_one_range():
    (found,) = find_times("Prices rose from 2010 through 2012.", "en", dt.date(2019, 8, 15))
    assert (found.span.start, found.span.end) == (dt.date(2010, 1, 1), dt.date(2012, 12, 31))


# Written for these tests: counts up to a date, weeks of a month, years and months used as modifiers.
MORE = [
    ("en", "2015-08-25", "As of August 24, 775 people had been killed on the island.", "As of August 24",
     "2015-01-01", "2015-08-24"),
    ("en", "2020-01-15", "Of the 36 airstrips destroyed by August 2019, 31 were in Zulia.", "by August 2019",
     "2019-01-01", "2019-08-31"),
    ("en", "2014-11-15", "As of 2012, the state had three prisons.", "As of 2012", "2012-01-01", "2012-12-31"),
    ("en", "2019-10-01", "The ministry says the road will be finished by March 2021.", "by March 2021",
     "2021-03-01", "2021-03-31"),
    ("es", "2013-04-12", "Hasta el día 31 de marzo se denunciaron 64 secuestros.", "Hasta el día 31 de marzo",
     "2013-01-01", "2013-03-31"),
    ("es", "2013-04-29", "Del 10 de abril a la fecha han sido asesinados ocho policías.", "Del 10 de abril a la fecha",
     "2013-04-10", "2013-04-29"),
    ("pt", "2013-04-29", "Desde 10 de abril até hoje foram presos oito suspeitos.", "Desde 10 de abril até hoje",
     "2013-04-10", "2013-04-29"),
    ("en", "2015-10-01", "In the last week of September, gunmen threw five grenades.", "In the last week of September",
     "2015-09-24", "2015-09-30"),
    ("en", "2015-05-08", "During the first week of May, police found two graves.", "During the first week of May",
     "2015-05-01", "2015-05-07"),
    ("es", "2013-04-29", "Durante la segunda semana de abril hubo 30 homicidios.", "Durante la segunda semana de abril",
     "2013-04-08", "2013-04-14"),
    ("pt", "2013-04-29", "Na última semana de março houve três ataques.", "Na última semana de março",
     "2013-03-25", "2013-03-31"),
    ("en", "2012-03-07", "An NGO says 2011 was the most violent year on record.", "2011", "2011-01-01", "2011-12-31"),
    ("en", "2018-09-30", "Murders soared, with 2017 being the deadliest year.", "2017", "2017-01-01", "2017-12-31"),
    ("en", "2010-12-15", "He could be charged for a 1997 massacre in Meta.", "1997", "1997-01-01", "1997-12-31"),
    ("en", "2014-08-19", "The gang fled after the July capture of its leader.", "July", "2014-07-01", "2014-07-31"),
    # parts of the publication day and the night before it
    ("es", "2013-07-15", "Versiones que circulan desde esta madrugada hablan de la captura.", "desde esta madrugada",
     "2013-07-15", "2013-07-15"),
    ("es", "2013-07-15", "Anoche hubo dos ataques en Morelia.", "Anoche", "2013-07-14", "2013-07-14"),
    ("es", "2013-07-25", "El lunes último mataron a dos hermanas.", "El lunes último", "2013-07-22", "2013-07-22"),
    ("en", "2013-07-15", "Gunmen attacked a bar in Celaya last night.", "last night", "2013-07-14", "2013-07-14"),
    ("pt", "2013-07-15", "Nesta madrugada, a polícia prendeu dois homens.", "Nesta madrugada", "2013-07-15", "2013-07-15"),
    # feasts on a fixed date: the latest one on or before publication
    ("en", "2011-01-03", "The raid was launched on Christmas Eve near the farm.", "on Christmas Eve",
     "2010-12-24", "2010-12-24"),
    ("es", "2013-01-03", "En Nochebuena hubo tres muertos en Iguala.", "En Nochebuena", "2012-12-24", "2012-12-24"),
    ("pt", "2013-01-03", "No Natal a polícia prendeu dois homens em Natal.", "No Natal", "2012-12-25", "2012-12-25"),
    ("es", "2013-10-03", "Las solicitudes crecieron en relación con el 2006.", "2006", "2006-01-01", "2006-12-31"),
]


@pytest.mark.parametrize("lang,published,text,phrase,start,end", MORE)
def test_counts_to_a_date_weeks_of_a_month_and_modifiers(lang, published, text, phrase, start, end):
    assert _resolved(text, lang, dt.date.fromisoformat(published), phrase)[:2] == (start, end)


@pytest.mark.parametrize("lang,text", [
    ("es", "La tregua duró hasta mediados de 2013."),  # the end of a stretch, not a count up to a date
    ("pt", "A trégua durou até meados de 2013."),
])
def test_until_a_part_of_a_year_is_not_a_count_to_date(lang, text):
    (found,) = find_times(text, lang, dt.date(2013, 10, 8))
    assert (found.span.start, found.span.end) == (dt.date(2013, 5, 1), dt.date(2013, 8, 31))


@pytest.mark.parametrize("text", [
    "The 2000 soldiers reached the border.",
    "Police seized 2010 kilos in May of that harbor.",
    "A July 4 parade went ahead.",  # a day, found as such, not the month
])
def test_modifier_rules_do_not_read_counts_as_years(text):
    for found in find_times(text, "en", dt.date(2019, 8, 15)):
        assert found.text not in ("2000", "2010")


@pytest.mark.parametrize("lang,text", [
    ("es", "El tiroteo fue en la avenida 5 de Mayo, en el centro."),
    ("es", "Lo hallaron en la calle 16 de Septiembre."),
    ("pt", "O carro parou na rua 25 de Março."),
])
def test_streets_named_after_dates_are_not_dates(lang, text):
    assert find_times(text, lang, dt.date(2013, 4, 7)) == []



@pytest.mark.parametrize("lang,text,phrase", [
    ("en", "Gaming houses have tripled since the new president took office in 2006.",
     "since the new president took office in 2006"),
    ("es", "Los secuestros crecieron desde que el gobernador asumió el cargo en 2006.",
     "desde que el gobernador asumió el cargo en 2006"),
])
def test_since_a_clause_with_its_own_date_is_a_range_anchored_there(lang, text, phrase):
    found = {t.text: t for t in find_times(text, lang, dt.date(2011, 10, 20))}
    assert phrase in found, list(found)
    assert (found[phrase].span.start, found[phrase].span.end) == (dt.date(2006, 1, 1), dt.date(2011, 10, 20))
    assert found[phrase].anchor.end == dt.date(2006, 12, 31)


@pytest.mark.parametrize("text", [
    "Since the police arrested him in 2010, the gang has split.",  # causal "since" opens the sentence
    "Their influence has waned since the August 2010 arrest of their boss.",  # no clause, a dated noun
])
def test_since_without_a_dated_clause_is_not_a_clause_range(text):
    assert not any(t.text.lower().startswith("since") for t in find_times(text, "en", dt.date(2013, 1, 22)))


@pytest.mark.parametrize("lang,published,text,phrase,start,end", [
    ("es", "2014-05-02", "El batallón detuvo a 12 personas del 1 al 30 de abril del presente año.",
     "del 1 al 30 de abril del presente año", "2014-04-01", "2014-04-30"),
    ("es", "2014-05-02", "Entre el 3 y el 9 de marzo de 2014 se hallaron dos pistas.",
     "Entre el 3 y el 9 de marzo de 2014", "2014-03-03", "2014-03-09"),
    ("en", "2014-05-02", "Troops seized rifles from 1 to 15 April in the south.", "from 1 to 15 April", "2014-04-01", "2014-04-15"),
    ("en", "2014-05-02", "Troops seized rifles between March 3 and 9, 2014.", "between March 3 and 9, 2014", "2014-03-03", "2014-03-09"),
    ("pt", "2014-05-02", "A polícia prendeu 8 pessoas de 1 a 15 de abril de 2014.", "de 1 a 15 de abril de 2014", "2014-04-01", "2014-04-15"),
])
def test_days_of_one_month_are_that_stretch_of_the_month(lang, published, text, phrase, start, end):
    found = find_times(text, lang, dt.date.fromisoformat(published))
    assert [t.text for t in found] == [phrase]
    assert (found[0].span.start.isoformat(), found[0].span.end.isoformat()) == (start, end)


@pytest.mark.parametrize("lang,text,phrase,start", [
    ("en", "Smuggling has grown in the past two years.", "in the past two years", "2012-05-02"),
    ("en", "Smuggling has grown over the past year.", "over the past year", "2013-05-02"),
    ("es", "Hubo 30 ataques en los últimos cuatro años.", "en los últimos cuatro años", "2010-05-02"),
    ("pt", "Houve 30 ataques nos últimos três anos.", "nos últimos três anos", "2011-05-02"),
])
def test_the_past_n_years_run_from_the_same_date_n_years_back(lang, text, phrase, start):
    found = find_times(text, lang, dt.date(2014, 5, 2))
    assert [t.text for t in found] == [phrase]
    assert (found[0].span.start.isoformat(), found[0].span.end.isoformat()) == (start, "2014-05-02")


@pytest.mark.parametrize("lang,text,phrase,start", [
    ("en", "Seizures have doubled since the start of last December.", "since the start of last December", "2013-12-01"),
    ("en", "Beginning back in 2009, the gang moved cocaine by sea.", "Beginning back in 2009", "2009-01-01"),
    ("es", "Los ataques crecieron desde principios de diciembre pasado.", "desde principios de diciembre pasado",
     "2013-12-01"),
])
def test_since_a_part_of_last_month_or_back_in_a_year_runs_to_publication(lang, text, phrase, start):
    found = find_times(text, lang, dt.date(2014, 5, 2))
    assert [t.text for t in found] == [phrase]
    assert (found[0].span.start.isoformat(), found[0].span.end.isoformat()) == (start, "2014-05-02")


@pytest.mark.parametrize("lang,published,text,phrase,start,end,granularity", [
    # days of the month without the month: the latest such days on or before publication
    ("es", "2013-08-23", "La caravana fue atacada el pasado día 20 en Acteal.", "el pasado día 20",
     "2013-08-20", "2013-08-20", "day"),
    ("es", "2013-09-05", "El día 21 hubo dos ejecuciones en Fresnillo.", "El día 21", "2013-08-21", "2013-08-21", "day"),
    ("es", "2014-02-22", "Los días 12 y 13 fueron detenidos cinco hombres en Culiacán.", "Los días 12 y 13",
     "2014-02-12", "2014-02-13", "range"),
    ("pt", "2014-02-22", "A polícia prendeu dois homens no dia 12 em Corumbá.", "no dia 12", "2014-02-12", "2014-02-12", "day"),
    # lists and ranges of days within a month
    ("es", "2014-02-22", "Se decomisaron armas entre el 13 y 17 de febrero en Sinaloa.", "entre el 13 y 17 de febrero",
     "2014-02-13", "2014-02-17", "range"),
    ("es", "2013-12-18", "Se realizaron cateos los días 15, 16 y 17 de junio de 2012 en Jerez.",
     "los días 15, 16 y 17 de junio de 2012", "2012-06-15", "2012-06-17", "range"),
    # the year named with "este", "todo", "para"
    ("es", "2014-01-10", "Este 2014 la fiscalía abrirá una oficina en Fresnillo.", "Este 2014", "2014-01-01", "2014-12-31", "year"),
    ("es", "2014-01-04", "Hubo 300 homicidios en todo 2012 en el estado.", "en todo 2012", "2012-01-01", "2012-12-31", "year"),
    ("es", "2013-10-23", "Los cultivos de amapola crecieron para 2009 en la sierra.", "para 2009", "2009-01-01", "2009-12-31", "year"),
    # the publication day, week and year in other words
    ("es", "2014-01-12", "En tanto, este mediodía hombres armados quemaron dos camiones.", "este mediodía",
     "2014-01-12", "2014-01-12", "day"),
    ("es", "2014-01-27", "En la semana anterior se denunciaron 12 secuestros.", "En la semana anterior",
     "2014-01-20", "2014-01-26", "week"),
    ("es", "2014-02-04", "El lunes de la semana pasada la policía detuvo a tres hombres.", "El lunes de la semana pasada",
     "2014-01-27", "2014-01-27", "day"),
    ("es", "2013-05-04", "Durante el presente año se han denunciado 40 robos.", "Durante el presente año",
     "2013-01-01", "2013-05-04", "range"),
    ("es", "2013-05-09", "Hace aproximadamente cuatro años llegó el grupo a la región.", "Hace aproximadamente cuatro años",
     "2009-01-01", "2009-12-31", "year"),
    ("es", "2013-05-31", "Un mes atrás la policía halló un laboratorio.", "Un mes atrás", "2013-04-01", "2013-04-30", "month"),
])
def test_spanish_and_portuguese_day_and_year_phrasings(lang, published, text, phrase, start, end, granularity):
    assert _resolved(text, lang, dt.date.fromisoformat(published), phrase) == (start, end, granularity)


def test_de_este_year_after_a_month_range_is_left_to_the_range():
    found = find_times("De enero a noviembre de este 2013 se denunciaron 58 casos.", "es", dt.date(2013, 12, 15))
    assert "este 2013" not in [t.text for t in found]


@pytest.mark.parametrize("lang,text,phrase,start,end,granularity", [
    # the US federal fiscal year runs October to September
    ("en", "The Obama administration requested $107 million for Central America in FY2013, while Colombia got more.",
     "in FY2013", "2012-10-01", "2013-09-30", "range"),
    ("en", "US border agents seized 900 tons during the 2014 fiscal year.", "during the 2014 fiscal year",
     "2013-10-01", "2014-09-30", "range"),
    ("es", "Estados Unidos gasta más en la frontera que nunca. En el año fiscal 2012 se decomisaron 2 mil toneladas.",
     "En el año fiscal 2012", "2011-10-01", "2012-09-30", "range"),
    # another country's fiscal year is its calendar year
    ("en", "In fiscal 2015, Mexico returned 166,000 migrants, while the United States deported fewer.",
     "In fiscal 2015", "2015-01-01", "2015-12-31", "year"),
    ("en", "Colombia's police budget grew in fiscal 2015.", "in fiscal 2015", "2015-01-01", "2015-12-31", "year"),
])
def test_fiscal_years_are_the_us_federal_year_only_for_the_us(lang, text, phrase, start, end, granularity):
    assert _resolved(text, lang, dt.date(2016, 7, 27), phrase) == (start, end, granularity)


@pytest.fixture(scope="module")
def kb():
    from crimegraph.kb.actors import KnowledgeBase

    return KnowledgeBase.load()


@pytest.mark.parametrize("lang,published,text,phrase,start,end", [
    ("en", "2014-08-15", "In Mexico 26,000 people disappeared under former President Felipe Calderon.",
     "under former President Felipe Calderon", "2006-12-01", "2012-11-30"),
    ("en", "2015-11-15", "Arrests in Mexico fell during the Pena Nieto administration.",
     "during the Pena Nieto administration", "2012-12-01", "2015-11-15"),  # still in office: up to publication
    ("en", "2012-07-01", "Mexico's murders have risen since Calderon took office in late 2006.",
     "since Calderon took office in late 2006", "2006-12-01", "2012-07-01"),
    ("es", "2013-07-30", "Los homicidios subieron en el sexenio de Felipe Calderón, según el Inegi.",
     "en el sexenio de Felipe Calderón", "2006-12-01", "2012-11-30"),
    ("es", "2013-05-23", "Durante el gobierno calderonista hubo 60 mil muertos.", "Durante el gobierno calderonista",
     "2006-12-01", "2012-11-30"),
    ("es", "2013-04-10", "En lo que va del sexenio de Enrique Peña Nieto se registraron 4 mil asesinatos.",
     "En lo que va del sexenio de Enrique Peña Nieto", "2012-12-01", "2013-04-10"),
    ("es", "2013-07-17", "Los secuestros crecieron en el sexenio pasado.", "en el sexenio pasado", "2006-12-01", "2012-11-30"),
    ("pt", "2012-05-01", "No governo Lula, a Polícia Federal do Brasil prendeu mais traficantes.", "No governo Lula",
     "2003-01-01", "2010-12-31"),
    ("en", "2010-06-01", "Evo Morales said cultivation in Bolivia fell under the Morales government.",
     "under the Morales government", "2006-01-22", "2010-06-01"),
])
def test_terms_of_office_are_dated_from_the_knowledge_base(kb, lang, published, text, phrase, start, end):
    found = {t.text: t for t in find_times(text, lang, dt.date.fromisoformat(published), kb=kb)}
    assert phrase in found, list(found)
    span = found[phrase].span
    assert (span.start.isoformat(), span.end.isoformat(), span.granularity) == (start, end, "range")


@pytest.mark.parametrize("lang,published,text", [
    # two heads named Morales were in office in 2017 (Bolivia, Guatemala): the text must say which
    ("en", "2017-01-10", "The Morales government expelled the agency."),
    # a governor, not Ecuador's president: the text never names Ecuador
    ("es", "2018-06-01", "El gobierno de Moreno en Puebla anunció más policías."),
    # not in office yet at publication
    ("en", "2012-01-10", "Colombia's prisons under Duque will be crowded, critics say."),
])
def test_terms_of_office_that_are_not_clear_stay_out(kb, lang, published, text):
    found = find_times(text, lang, dt.date.fromisoformat(published), kb=kb)
    assert all(t.span is None or t.span.granularity != "range" or t.span.start.year < 2000 for t in found), found
    assert not [t for t in found if "Morales" in t.text or "Moreno" in t.text or "Duque" in t.text]


@pytest.mark.parametrize("lang,text,expected", [
    # the first of a month in words
    ("es", "Fue detenido el pasado primero de noviembre en Fresnillo.", [("el pasado primero de noviembre", "2014-11-01")]),
    ("pt", "Ele foi preso no dia primeiro de novembro.", [("no dia primeiro de novembro", "2014-11-01")]),
    # "de X y Y" is the tail of a date, not a range "de X a Y": two days
    ("es", "Hubo ataques el 3 de febrero y el 9 de marzo.", [("el 3 de febrero", "2014-02-03"), ("el 9 de marzo", "2014-03-09")]),
    ("pt", "Houve ataques em 3 de fevereiro e 9 de março.", [("em 3 de fevereiro", "2014-02-03"), ("9 de março", "2014-03-09")]),
])
def test_days_in_spanish_and_portuguese(lang, text, expected):
    found = find_times(text, lang, dt.date(2014, 11, 15))
    assert [(t.text, str(t.span.start)) for t in found if t.span.granularity == "day"] == expected, found
    assert all(t.span.granularity == "day" for t in found), found


def test_first_in_words_is_no_date_without_a_month():
    assert find_times("El primero de los detenidos fue liberado.", "es", dt.date(2014, 11, 15)) == []
