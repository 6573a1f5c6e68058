import { describe, expect, it } from 'vitest';
import { analyzeArticle } from './article-analyzer';
import type { ArticleAnalysis, ExtractedStatement } from './analysis.types';

function analyze(body: string): ArticleAnalysis {
  return analyzeArticle({ id: 'test', body });
}

/** The statement whose text contains `fragment`. */
function statementWith(analysis: ArticleAnalysis, fragment: string): ExtractedStatement {
  const found = analysis.statements.find((s) => s.text.includes(fragment));
  if (!found)
    throw new Error(`no statement containing "${fragment}" in ${JSON.stringify(analysis.statements.map((s) => s.text))}`);
  return found;
}

function actorNames(analysis: ArticleAnalysis): string[] {
  return analysis.actors.map((a) => a.name);
}

describe(analyzeArticle.name, () => {
  describe('when a colon introduces the quote after the attribution', () => {
    const body =
      'Foreign Minister Annalena Baerbock spoke after the meeting in Berlin.\n' +
      'Baerbock told reporters: "We will not accept a ceasefire that rewards aggression."';

    it('attributes the quote to the named speaker', () => {
      const s = statementWith(analyze(body), 'We will not accept');
      expect(s.kind).toBe('direct');
      expect(s.speaker?.name).toBe('Annalena Baerbock');
      expect(s.text).toBe('We will not accept a ceasefire that rewards aggression.');
    });
  });

  describe('when the attribution is inverted after the quote ("said Prime Minister X")', () => {
    const body = '"We are ready to send troops if a deal is reached," said Prime Minister Keir Starmer.';

    it('attributes the quote to the person after the verb and keeps the role', () => {
      const analysis = analyze(body);
      const s = statementWith(analysis, 'We are ready');
      expect(s.speaker).toMatchObject({ actorId: 'person:keir-starmer', name: 'Keir Starmer' });
      expect(s.cue).toBe('said Prime Minister Keir Starmer');
      expect(analysis.actors.find((a) => a.name === 'Keir Starmer')?.role).toBe('Prime Minister');
    });
  });

  describe('when a quote is split by its attribution', () => {
    const body = '"The plan is dead," Senator Paul Hendricks said, "and everyone in this building knows it."';

    it('reports one statement, attribution included, with the speaker', () => {
      const analysis = analyze(body);
      const direct = analysis.statements.filter((s) => s.kind === 'direct');
      expect(direct.map((s) => s.text)).toEqual([
        'The plan is dead," Senator Paul Hendricks said, "and everyone in this building knows it.',
      ]);
      expect(direct.map((s) => s.speaker?.name)).toEqual(['Paul Hendricks']);
    });
  });

  describe('when a quote runs over two paragraphs', () => {
    const body =
      'Mayor Sandra Whitfield defended the budget on Tuesday.\n\n' +
      '"We made hard choices this year. Every department was asked to cut spending.\n\n' +
      '"But we protected the libraries and the bus routes, because people rely on them," she said.';

    it('reports one statement spanning both paragraphs with the resolved speaker', () => {
      const direct = analyze(body).statements.filter((s) => s.kind === 'direct');
      expect(direct).toHaveLength(1);
      expect(direct[0]!.text.startsWith('We made hard choices')).toBe(true);
      expect(direct[0]!.text.endsWith('because people rely on them,')).toBe(true);
      expect(direct[0]!.speaker?.name).toBe('Sandra Whitfield');
    });
  });

  describe('when a quote contains a nested single-quoted phrase', () => {
    const body = '"When he told me \'we will never give in\', I believed him," said Olena Kovalenko, a teacher in Kharkiv.';

    it('keeps the nested quote inside one statement', () => {
      const s = statementWith(analyze(body), 'we will never give in');
      expect(s.text).toBe("When he told me 'we will never give in', I believed him,");
      expect(s.speaker?.name).toBe('Olena Kovalenko');
    });
  });

  describe('when the name nearest to a pronoun speaker is inside the quote', () => {
    const body =
      'Chancellor Friedrich Merz met reporters after the summit in Brussels. ' +
      '"I spoke with President Emmanuel Macron and with Prime Minister Donald Tusk this morning," he said.';

    it('resolves the pronoun to the subject of the narration', () => {
      const analysis = analyze(body);
      expect(statementWith(analysis, 'I spoke with').speaker?.name).toBe('Friedrich Merz');
      expect(actorNames(analysis)).toEqual(expect.arrayContaining(['Emmanuel Macron', 'Donald Tusk']));
    });
  });

  describe('when another person is mentioned after the subject', () => {
    const body =
      'Governor Mike Alvarez, who appointed Judge Thomas Reed last year, criticised the ruling on Friday. ' +
      'He said the court had ignored the plain words of the law.';

    it('resolves "he" to the sentence subject, not the most recent name', () => {
      const s = statementWith(analyze(body), 'the court had ignored');
      expect(s.kind).toBe('indirect');
      expect(s.speaker?.name).toBe('Mike Alvarez');
      expect(s.cue).toBe('He said');
    });
  });

  describe('when a female speaker is referred to by "she" after a man was mentioned more recently', () => {
    const body =
      'Prime Minister Mette Frederiksen hosted Dutch leader Mark Rutte in Copenhagen on Monday. ' +
      'Rutte praised the Danish defence budget. ' +
      '"We cannot wait for others to act," she said.';

    it('resolves "she" to the woman', () => {
      const analysis = analyze(body);
      expect(statementWith(analysis, 'We cannot wait').speaker?.name).toBe('Mette Frederiksen');
      const frederiksen = analysis.actors.find((a) => a.name === 'Mette Frederiksen')!;
      expect(frederiksen.mentions.map((m) => m.text)).toContain('she');
    });
  });

  describe('when a spokeswoman "told reporters"', () => {
    const body =
      'European Commission spokeswoman Paula Pinho said talks with Washington would resume next week. ' +
      '"We expect a decision by the end of the month," she told reporters.';

    it('attributes the quote to the spokeswoman and records her role', () => {
      const analysis = analyze(body);
      const s = statementWith(analysis, 'We expect a decision');
      expect(s.speaker?.name).toBe('Paula Pinho');
      expect(s.cue).toBe('she told');
      expect(analysis.actors.find((a) => a.name === 'Paula Pinho')?.role).toBe('European Commission spokeswoman');
      expect(statementWith(analysis, 'talks with Washington').speaker?.name).toBe('Paula Pinho');
    });
  });

  describe('when a statement is sourced with "according to"', () => {
    const body =
      'According to Reuters, the tanker left the port of Odesa on Sunday. ' +
      'Two sailors were injured in the blast, according to Captain Ivan Sokolov.';

    it('reports both the opening and the trailing forms with their sources', () => {
      const analysis = analyze(body);
      const first = statementWith(analysis, 'the tanker left the port');
      expect(first.text).toBe('the tanker left the port of Odesa on Sunday');
      expect(first.speaker).toMatchObject({ actorId: 'organization:reuters', name: 'Reuters' });
      const second = statementWith(analysis, 'Two sailors were injured');
      expect(second.text).toBe('Two sailors were injured in the blast');
      expect(second.speaker?.name).toBe('Ivan Sokolov');
      expect(second.cue).toBe('according to Captain Ivan Sokolov');
    });
  });

  describe('when an organisation speaks through a description ("the ministry said")', () => {
    const body =
      "Russia's Defence Ministry reported new strikes overnight. " +
      'The ministry said in a statement that 40 drones had been shot down over the Belgorod region.';

    it('resolves the description to the organisation', () => {
      const analysis = analyze(body);
      const s = statementWith(analysis, '40 drones had been shot down');
      expect(s.speaker?.name).toBe('Defence Ministry');
      expect(analysis.actors.find((a) => a.name === 'Defence Ministry')?.kind).toBe('organization');
      expect(analysis.places.map((p) => p.name)).toContain('Russia');
    });

    it('records the description as a mention of the organisation and as the speaker mention', () => {
      const analysis = analyze(body);
      const s = statementWith(analysis, '40 drones had been shot down');
      const at = body.indexOf('The ministry');
      expect(s.speaker?.mention).toEqual({ start: at, end: at + 'The ministry'.length });
      const ministry = analysis.actors.find((a) => a.name === 'Defence Ministry')!;
      expect(ministry.mentions.map((m) => [m.text, m.kind])).toContainEqual(['The ministry', 'description']);
    });
  });

  describe('when a described subject is the speaker of a participle after it', () => {
    const body =
      'Senator Anna Kessler met reporters in Madison on Thursday. ' +
      'The Wisconsin Democrat did give the governor some credit during the interview, saying he should be congratulated.';

    it('records the description as a mention of its person and as the speaker mention', () => {
      const analysis = analyze(body);
      const s = statementWith(analysis, 'he should be congratulated');
      const at = body.indexOf('The Wisconsin Democrat');
      expect(s.speaker?.name).toBe('Anna Kessler');
      expect(s.speaker?.mention).toEqual({ start: at, end: at + 'The Wisconsin Democrat'.length });
      const kessler = analysis.actors.find((a) => a.name === 'Anna Kessler')!;
      expect(kessler.mentions.map((m) => [m.text, m.kind])).toContainEqual(['The Wisconsin Democrat', 'description']);
    });
  });

  describe('when the Kremlin or a capital city is the speaker', () => {
    const body =
      'The Kremlin said the drills were routine. Moscow said on Monday that the exercises would end on Friday. ' +
      'Officials flew to Moscow later that day.';

    it('treats them as organisations only where they speak', () => {
      const analysis = analyze(body);
      expect(statementWith(analysis, 'the drills were routine').speaker?.actorId).toBe('organization:kremlin');
      expect(statementWith(analysis, 'the exercises would end').speaker?.name).toBe('Moscow');
      expect(analysis.actors.find((a) => a.name === 'Moscow')?.mentions).toHaveLength(1);
      expect(analysis.places.find((p) => p.name === 'Moscow')?.mentions).toHaveLength(1);
    });
  });

  describe('when words are in scare quotes', () => {
    const body =
      'The minister described the proposal as a "reset" of relations. ' +
      'Critics called the so-called "peace dividend" an illusion.';

    it('reports no statements', () => {
      expect(analyze(body).statements.filter((s) => s.kind === 'direct')).toEqual([]);
    });
  });

  describe('when the body has a dateline and a photo credit', () => {
    const body =
      'KYIV, Ukraine (AP) — Ukrainian officials said Monday that power had been restored to most of the capital.\n' +
      'Workers repair a substation in Kyiv. (Photo by Efrem Lukatsky/AP)\n' +
      'Related Sources:';

    it('reports no actors from the furniture', () => {
      const analysis = analyze(body);
      expect(actorNames(analysis)).toEqual([]);
      expect(analysis.places.map((p) => p.name)).toContain('Kyiv');
    });

    it('still reports the statement of the unnamed officials, described, with no actor to speak it', () => {
      const s = statementWith(analyze(body), 'power had been restored');
      expect(s.speaker).toEqual({
        actorId: 'unnamed:ukrainian-officials',
        name: 'Ukrainian officials',
        mention: expect.any(Object),
      });
      expect(body.slice(s.speaker!.mention!.start, s.speaker!.mention!.end)).toBe('Ukrainian officials');
    });
  });

  describe('when capitalised ordinary words start sentences', () => {
    const body =
      'However, the vote was delayed. Meanwhile the markets fell. Unfortunately nothing changed. ' +
      'On Tuesday, Secretary Jane Ortiz arrived in Madrid.';

    it('keeps only the real person', () => {
      expect(actorNames(analyze(body))).toEqual(['Jane Ortiz']);
    });
  });

  describe('when a person appears by full name, surname and possessive', () => {
    const body =
      'Energy Secretary Chris Wright toured the plant on Thursday. ' +
      "Wright's visit came a week after the outage. Wright said the grid needed urgent investment.";

    it('folds every form into one actor with clean mention texts', () => {
      const analysis = analyze(body);
      expect(analysis.actors).toHaveLength(1);
      const wright = analysis.actors[0]!;
      expect(wright.id).toBe('person:chris-wright');
      expect(wright.role).toBe('Energy Secretary');
      expect(wright.mentions.map((m) => m.text)).toEqual(['Chris Wright', 'Wright', 'Wright']);
      expect(statementWith(analysis, 'the grid needed').speaker?.actorId).toBe('person:chris-wright');
    });
  });

  describe('when a gendered title meets a surname shared with a person of the other gender', () => {
    it('does not fold "Mrs. Kane" into "Robert Kane"', () => {
      const analysis = analyze(
        'Former governor Robert Kane campaigned in Ohio on Monday. Mrs. Kane has said she will fill half her cabinet with women.',
      );
      expect(statementWith(analysis, 'fill half her cabinet').speaker?.name).not.toBe('Robert Kane');
      expect(analysis.actors.find((a) => a.name === 'Robert Kane')?.mentions.map((m) => m.text)).toEqual(['Robert Kane']);
    });
  });

  describe('when two articles spell the same person differently', () => {
    it('gives Zelensky and Zelenskyy the same id', () => {
      const a = analyze('President Zelensky said the front line was holding.');
      const b = analyze('Volodymyr Zelenskyy said the front line was holding.');
      expect(a.actors[0]?.id).toBe('person:volodymyr-zelenskyy');
      expect(b.actors[0]?.id).toBe(a.actors[0]?.id);
    });

    it('gives Erdogan and Erdoğan the same id', () => {
      const a = analyze('Turkish President Recep Tayyip Erdogan said Ankara would host the talks.');
      const b = analyze('Erdoğan said Ankara would host the talks.');
      expect(a.actors[0]?.id).toBe('person:recep-tayyip-erdogan');
      expect(b.actors[0]?.id).toBe(a.actors[0]?.id);
      expect(a.actors[0]?.name).toBe('Recep Tayyip Erdogan');
    });
  });

  describe('when the same text uses curly or straight quotes', () => {
    const straight = 'Finance Minister Laura Bennett spoke on Monday. "Inflation is falling faster than we expected," she said.';
    const curly = straight.replace('"Inflation', '“Inflation').replace('expected,"', 'expected,”');

    it('extracts the same statement from both', () => {
      const a = statementWith(analyze(straight), 'Inflation is falling');
      const b = statementWith(analyze(curly), 'Inflation is falling');
      expect(b).toEqual(a);
      expect(a.speaker?.name).toBe('Laura Bennett');
    });
  });

  describe('when a description refers back to an actor by role', () => {
    const body =
      'Ukrainian President Volodymyr Zelenskyy arrived in Ankara on Thursday. ' +
      'The Ukrainian president said that his delegation was ready to meet anyone.';

    it('folds the description into the actor and uses it as speaker', () => {
      const analysis = analyze(body);
      expect(statementWith(analysis, 'his delegation was ready').speaker?.name).toBe('Volodymyr Zelenskyy');
      expect(analysis.actors[0]!.mentions.map((m) => m.text)).toContain('Ukrainian president');
    });
  });

  describe('when a quote-only paragraph follows a quote by a known speaker', () => {
    const body =
      '"We will rebuild every school," Mayor Ihor Terekhov said.\n' + '"Children deserve to learn in safety, not in basements."';

    it('carries the speaker over to the continuation', () => {
      expect(statementWith(analyze(body), 'Children deserve').speaker?.name).toBe('Ihor Terekhov');
    });
  });

  describe('when the attribution closes the sentence after a comma', () => {
    const body =
      'LONDON (Reuters) — Rail workers will walk out again next month after talks collapsed, the RMT union said. ' +
      'The offer remains fair and affordable, said Rail Delivery Group chair Anna Kells.';

    it('reports the clause before the comma as the content, without the dateline', () => {
      const analysis = analyze(body);
      const first = statementWith(analysis, 'Rail workers will walk out');
      expect(first.text).toBe('Rail workers will walk out again next month after talks collapsed');
      // Since 1.3.0 an organisation named right before an organisation noun ("the RMT union") is the speaker.
      expect(first.speaker?.name).toBe('RMT');
      const second = statementWith(analysis, 'The offer remains fair');
      expect(second.speaker?.name).toBe('Anna Kells');
    });
  });

  describe('when reported speech embeds a quoted phrase', () => {
    const body = 'Rep. Dana Whitmore said the estimate proved the bill was "a gift to the richest families" in the country.';

    it('keeps the phrase inside the reported content and reports no direct quote', () => {
      const analysis = analyze(body);
      expect(analysis.statements).toHaveLength(1);
      expect(analysis.statements[0]!.text).toBe(
        'the estimate proved the bill was "a gift to the richest families" in the country',
      );
      expect(analysis.statements[0]!.speaker?.name).toBe('Dana Whitmore');
    });
  });

  describe('when a title is preceded by organisation words', () => {
    const body =
      'Senate Majority Leader John Thune met House Speaker Mike Johnson on Tuesday. ' +
      'Mr. Johnson told reporters the House would vote on Friday.';

    it('keeps the organisation words in the role and links the honorific form', () => {
      const analysis = analyze(body);
      const roles = Object.fromEntries(analysis.actors.map((a) => [a.name, a.role]));
      expect(roles).toEqual({ 'John Thune': 'Senate Majority Leader', 'Mike Johnson': 'House Speaker' });
      expect(statementWith(analysis, 'the House would vote').speaker?.name).toBe('Mike Johnson');
    });
  });

  describe('when a second quote follows in the same paragraph without attribution', () => {
    const body = '"People just want to get to work," said commuter Sarah Malik, 34. "Every week it is something new."';

    it('gives it the speaker of the first quote', () => {
      const analysis = analyze(body);
      expect(statementWith(analysis, 'People just want').speaker?.name).toBe('Sarah Malik');
      expect(statementWith(analysis, 'Every week').speaker?.name).toBe('Sarah Malik');
    });
  });

  describe('when a speech verb is coordinated with another verb and followed by a time adverbial', () => {
    const body =
      'Chief executive Tim Cook called the quarter "extraordinary" and said demand in India had doubled. ' +
      'Samsung Electronics said on Thursday it expects profits to fall by a third.';

    it('finds both reported statements and reads the one-word quote as part of a characterisation, not a direct quote', () => {
      const analysis = analyze(body);
      expect(analysis.statements.map((s) => [s.kind, s.text, s.speaker?.name])).toEqual([
        ['indirect', 'the quarter "extraordinary"', 'Tim Cook'],
        ['indirect', 'demand in India had doubled', 'Tim Cook'],
        ['indirect', 'it expects profits to fall by a third', 'Samsung Electronics'],
      ]);
      expect(analysis.actors.find((a) => a.name === 'Samsung Electronics')?.kind).toBe('organization');
    });
  });

  describe('when target spans are supplied', () => {
    const body = 'Critics blasted the new tax as a disaster for families.';

    it('returns one sentiment in range per target', () => {
      const analysis = analyzeArticle({ id: 't', body, targets: [{ start: 21, end: 28 }] });
      expect(analysis.targets).toHaveLength(1);
      expect(analysis.targets[0]).toMatchObject({ start: 21, end: 28 });
      expect(Math.abs(analysis.targets[0]!.sentiment.score)).toBeLessThanOrEqual(1);
    });
  });
});
