import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import type { ArticleAnalysis } from '../analysis.types';
import { UNNAMED_SPEAKER_PREFIX } from './unnamed-source';

function analyze(body: string): ArticleAnalysis {
  return analyzeArticle({ id: 'test', body });
}

/** Name of the actor who speaks the statement whose text contains `fragment`, or null (nobody, or an unnamed source). */
function speakerOf(analysis: ArticleAnalysis, fragment: string): string | null {
  const speaker = statementWith(analysis, fragment).speaker;
  return speaker && !speaker.actorId.startsWith(UNNAMED_SPEAKER_PREFIX) ? speaker.name : null;
}

/** The description of the unnamed source ("officials") of the statement whose text contains `fragment`, or null. */
function unnamedSourceOf(analysis: ArticleAnalysis, fragment: string): string | null {
  const speaker = statementWith(analysis, fragment).speaker;
  return speaker?.actorId.startsWith(UNNAMED_SPEAKER_PREFIX) ? speaker.name : null;
}

function statementWith(analysis: ArticleAnalysis, fragment: string): ArticleAnalysis['statements'][number] {
  const found = analysis.statements.find((s) => s.text.includes(fragment));
  if (!found)
    throw new Error(`no statement containing "${fragment}" in ${JSON.stringify(analysis.statements.map((s) => s.text))}`);
  return found;
}

describe(analyzeArticle.name, () => {
  describe('when a nationality noun refers back to the subject of the previous sentence', () => {
    const body =
      'Arsenal were held to a 1-1 draw by Everton on Saturday.\n' +
      'Arsenal manager Mikel Arteta was furious. "We had twenty shots and scored once," the Spaniard said.\n' +
      'Everton boss David Moyes was delighted. "The lads showed great spirit," the Scot said.';

    it('gives each quote to the person the description fits in its passage', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'We had twenty shots')).toBe('Mikel Arteta');
      expect(speakerOf(analysis, 'The lads showed')).toBe('David Moyes');
    });
  });

  describe('when an age description names the speaker', () => {
    const body =
      'Reality star Chloe Sims has spoken out about her divorce from footballer Jake Rowe.\n' +
      '"I stood by him for ten years," the 33-year-old told a magazine.';

    it('links "the 33-year-old" to the subject of the article, not the other person named', () => {
      expect(speakerOf(analyze(body), 'I stood by him')).toBe('Chloe Sims');
    });
  });

  describe('when an age description opens a sentence and a pronoun follows', () => {
    const body =
      'Neil Hammond, 58, had pleaded guilty at an earlier hearing. The 58-year-old had written to the court asking for mercy.\n' +
      '"I betrayed colleagues who trusted me," he told the court.';

    it('keeps the described person as the referent of the pronoun', () => {
      expect(speakerOf(analyze(body), 'I betrayed colleagues')).toBe('Neil Hammond');
    });
  });

  describe('when a title description uses a synonym of the stated role', () => {
    const body =
      'The education secretary, Bridget Phillipson, has promised free breakfast clubs in every school.\n' +
      '"No child should start the school day hungry," the minister said on Monday.';

    it('links "the minister" to the secretary', () => {
      expect(speakerOf(analyze(body), 'No child should')).toBe('Bridget Phillipson');
    });
  });

  describe('when a title description has a modifier no named person holds', () => {
    const body =
      'Priya Raman has spent a decade studying coral reefs.\n' +
      'The environment minister said the government would fund new research.';

    it('leaves the statement without an actor to speak it, from the source the article describes', () => {
      expect(speakerOf(analyze(body), 'the government would fund')).toBeNull();
      expect(unnamedSourceOf(analyze(body), 'the government would fund')).toBe('The environment minister');
    });
  });

  describe('when an inverted attribution gives the role after the name', () => {
    const body =
      '"We cannot let our industry be flooded," said Maros Sefcovic, the EU trade commissioner.\n' +
      '"This is a defensive measure, not a trade war," the commissioner added.';

    it('records the role and links the later description to the person', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'We cannot let')).toBe('Maros Sefcovic');
      expect(speakerOf(analysis, 'This is a defensive measure')).toBe('Maros Sefcovic');
      expect(analysis.actors.find((a) => a.name === 'Maros Sefcovic')?.role).toBe('EU trade commissioner');
    });
  });

  describe('when the attribution after a quote starts with role words', () => {
    const body =
      'Toyota raised its profit forecast on Thursday.\n' +
      '"Demand for hybrids is stronger than we can supply," chief financial officer Yoichi Miyazaki told a briefing.';

    it('attributes the quote to the named officer', () => {
      expect(speakerOf(analyze(body), 'Demand for hybrids')).toBe('Yoichi Miyazaki');
    });
  });

  describe('when an organisation description refers back to the one organisation named', () => {
    const body =
      'Shares in Marlow Pharma fell 22 percent on Tuesday after it withdrew its lead drug from a trial.\n' +
      '"We are disappointed by these results," the company said in a statement.';

    it('gives the quote to that organisation', () => {
      expect(speakerOf(analyze(body), 'We are disappointed')).toBe('Marlow Pharma');
    });
  });

  describe('when a spokesperson speaks for a named union', () => {
    const body = 'Talks broke down on Tuesday.\n"Management have given us no choice," a spokesperson for the ASLEF union said.';

    it('gives the quote to the union', () => {
      expect(speakerOf(analyze(body), 'Management have given')).toBe('ASLEF');
    });
  });

  describe('when an anonymous source is described by its closeness to a named person', () => {
    const body =
      'TV presenter Holly Marsh is said to be furious about her pay.\n' +
      '"Holly feels completely undervalued," a source close to the presenter said.';

    it('does not give the quote to the person the source is close to', () => {
      expect(speakerOf(analyze(body), 'Holly feels')).toBeNull();
      expect(unnamedSourceOf(analyze(body), 'Holly feels')).toBe('a source close to the presenter');
    });
  });

  describe('when a mission to an organisation speaks', () => {
    const body = "China's mission to the EU said in a statement that it would defend the rights of Chinese companies.";

    it('does not make the organisation after "to" the speaker', () => {
      expect(speakerOf(analyze(body), 'it would defend')).toBeNull();
      expect(unnamedSourceOf(analyze(body), 'it would defend')).toBe("China's mission to the EU");
    });
  });

  describe('when X tells Y something', () => {
    const body = 'Sentencing, Judge Martin Hale told Darren Cole, 39: "You made a choice, and a man is dead because of it."';

    it('gives the quote to the teller, not the person told', () => {
      expect(speakerOf(analyze(body), 'You made a choice')).toBe('Martin Hale');
    });
  });

  describe('when a paragraph of speech follows a narrative paragraph about one person', () => {
    const body =
      'In his first interview since leaving, former England coach Gareth Southgate was reflective.\n' +
      '"I made mistakes in the final. I should have made changes earlier."\n' +
      '"You carry that. You always will."';

    it('gives the paragraph to that person and the next one by continuation', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'I made mistakes')).toBe('Gareth Southgate');
      expect(speakerOf(analysis, 'You carry that')).toBe('Gareth Southgate');
    });
  });

  describe('when the paragraph before a paragraph of speech names someone after the last quote', () => {
    const body =
      '"We are not conceding," Douglas Reid said. His rival Priya Natarajan said nothing.\n' + '"Not tonight, not tomorrow."';

    it('does not continue the earlier speaker', () => {
      expect(speakerOf(analyze(body), 'Not tonight')).toBeNull();
    });
  });

  describe('when two people alternate in quote paragraphs', () => {
    const body =
      'Chris Eubank and Conor Benn traded insults at their final press conference.\n' +
      '"I am going to retire him," Benn said.\n' +
      '"You have been saying that for two years," Eubank replied.\n' +
      '"Saturday night. You will find out."';

    it('gives the unattributed paragraph to the first speaker again', () => {
      expect(speakerOf(analyze(body), 'Saturday night')).toBe('Conor Benn');
    });
  });

  describe('when a question follows a witness answer', () => {
    const body =
      'Counsel to the inquiry, Louise Barr, asked him about the fire doors.\n' +
      '"I raised it with the board twice," Graham Pike said.\n' +
      '"And what did the board do?"\n' +
      '"Nothing that I saw."';

    it('gives the question to the asker and the answer back to the witness', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'And what did the board do')).toBe('Louise Barr');
      expect(speakerOf(analysis, 'Nothing that I saw')).toBe('Graham Pike');
    });
  });

  describe('when interviewer questions stand between answers', () => {
    const body =
      'The chef Marco Pellegrini on failure and the perfect tomato.\n' +
      'You closed your first restaurant after a year. What did you learn?\n' +
      '"That cooking is ten percent of the job."\n' +
      'Do you still cook at home?\n' +
      '"Every night. My daughter is my harshest critic."';

    it('gives every answer to the interviewee', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'That cooking is')).toBe('Marco Pellegrini');
      expect(speakerOf(analysis, 'Every night')).toBe('Marco Pellegrini');
    });
  });

  describe('when a narrative sentence with an expression verb sets up a closing quote', () => {
    const body =
      'Former prime minister Catherine Wells was candid about her mistakes.\n' +
      'Asked about her plans, she smiled. "Gardening, mostly. And a book, if my publisher has its way."';

    it('gives the quote to the subject of that sentence', () => {
      expect(speakerOf(analyze(body), 'Gardening, mostly')).toBe('Catherine Wells');
    });
  });

  describe('when the attribution closes the sentence and names nobody', () => {
    it('reports what aides, officials or police say, with no actor to speak it but the source described, as "according to officials" does', () => {
      const texts = (body: string): Array<[string, string | null]> => {
        const analysis = analyze(body);
        return analysis.statements.map((s) => [s.text, speakerOf(analysis, s.text) ?? unnamedSourceOf(analysis, s.text)]);
      };
      expect(texts('Ursula von der Leyen met Emmanuel Macron in Paris on Friday, aides said.')).toEqual([
        ['Ursula von der Leyen met Emmanuel Macron in Paris on Friday', 'aides'],
      ]);
      expect(texts('The senator, officials said, has grown skeptical of the plan.')).toEqual([
        ['The senator, officials said, has grown skeptical of the plan', 'officials'],
      ]);
      expect(texts('Two protesters were arrested outside the venue, police said.')).toEqual([
        ['Two protesters were arrested outside the venue', 'police'],
      ]);
    });

    it('reports the public at large as an unnamed source, as PolNeAR annotates it', () => {
      const [statement] = analyze('The plant will close in June, residents said.').statements;
      expect(statement?.text).toBe('The plant will close in June');
      expect(statement?.speaker).toMatchObject({ actorId: 'unnamed:residents', name: 'residents' });
      const [students] = analyze('Students said the exam had moved to June.').statements;
      expect(students?.speaker).toMatchObject({ actorId: 'unnamed:students', name: 'Students' });
      const [others] = analyze('Others said the plan would fail.').statements;
      expect(others?.speaker).toMatchObject({ actorId: 'unnamed:others', name: 'Others' });
    });

    it('reports nothing when an unresolved pronoun says it', () => {
      expect(analyze('The plant will close in June, they said.').statements).toEqual([]);
    });

    it('does not read the object of a verb after a comma as an unnamed speaker', () => {
      const body = 'Friday, Texas, leading a coalition of states, asked a federal judge to block the rules this year.';
      expect(analyze(body).statements).toEqual([]);
    });
  });

  describe('when an unnamed source closes the sentence with modifiers or a complement', () => {
    it('takes the whole description as the source: "senior officials", "people familiar with the matter"', () => {
      const body = [
        'The board met on Monday.',
        'The company will be sold next year, senior officials said.',
        'The buyer will keep the plant open, people familiar with the matter said.',
        'Senator Anna Kessler will not run again, people close to Kessler said.',
      ].join('\n\n');
      const analysis = analyze(body);
      expect(unnamedSourceOf(analysis, 'will not run again')).toBe('people close to Kessler');
      expect(unnamedSourceOf(analysis, 'sold next year')).toBe('senior officials');
      expect(unnamedSourceOf(analysis, 'keep the plant open')).toBe('people familiar with the matter');
    });
  });

  describe('when a share of those polled is the subject', () => {
    it('takes the share as an unnamed source: "Twenty-four percent said", "nearly half say", "Six in 10 said"', () => {
      const body = [
        'A new poll asked voters about the race.',
        'Twenty-four percent said they were more likely to vote for him.',
        'Nearly half say they prefer someone with experience in politics.',
        'Six in 10 said the economy was their main worry.',
        'About half of Democratic primary voters said they want more liberal policies.',
      ].join('\n\n');
      const analysis = analyze(body);
      expect(unnamedSourceOf(analysis, 'more likely to vote for him')).toBe('Twenty-four percent');
      expect(unnamedSourceOf(analysis, 'prefer someone with experience')).toBe('Nearly half');
      expect(unnamedSourceOf(analysis, 'the economy was their main worry')).toBe('Six in 10');
      expect(unnamedSourceOf(analysis, 'want more liberal policies')).toBe('About half of Democratic primary voters');
      expect(unnamedSourceOf(analyze('Among young voters, 42% say they are liberal.'), 'they are liberal')).toBe('42%');
    });
  });

  describe('when a count opens the description of an unnamed source', () => {
    it('takes "one …", "two …" or "another …" as the source, after or before the verb', () => {
      const body = [
        'The council met on Monday.',
        '"We are worried about the budget," said one Democrat familiar with the discussion.',
        '"This is a sad day for the town," one resident wrote.',
        '"They never asked us," two officials told reporters.',
        '"It will pass," another person said.',
      ].join('\n\n');
      const analysis = analyze(body);
      expect(unnamedSourceOf(analysis, 'worried about the budget')).toBe('one Democrat familiar with the discussion');
      expect(unnamedSourceOf(analysis, 'sad day for the town')).toBe('one resident');
      expect(unnamedSourceOf(analysis, 'never asked us')).toBe('two officials');
      expect(unnamedSourceOf(analysis, 'It will pass')).toBe('another person');
    });

    it('keeps a name that only modifies the description inside it, so the description is the source', () => {
      const body = [
        'Elizabeth Warren spoke in Boston on Friday.',
        '"We expect an endorsement soon," a Warren adviser said.',
        '"The campaign is confident," one Trump campaign source said.',
      ].join('\n\n');
      const analysis = analyze(body);
      expect(unnamedSourceOf(analysis, 'endorsement soon')).toBe('a Warren adviser');
      expect(unnamedSourceOf(analysis, 'campaign is confident')).toBe('one Trump campaign source');
    });

    it('reads the source of a quote split by its attribution from the cue between the pieces', () => {
      const body =
        'The agency was slow.\n\n"Did he lose time? Probably," said one former agency official. "But it was the right call."';
      const analysis = analyze(body);
      expect(statementWith(analysis, 'Did he lose time').text).toContain('the right call');
      expect(unnamedSourceOf(analysis, 'Did he lose time')).toBe('one former agency official');
    });
  });

  describe('when a clause of its own follows the verb after a quote', () => {
    it('attributes the quote to the name before the verb', () => {
      const body = [
        'The sketch aired on Saturday night.',
        '"Why is everyone so worried about the polls?" Maria Keller asks as a waiter walks past her table.',
        '"We will count every single vote again," Tom Reyes said before the hearing began.',
      ].join('\n\n');
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'worried about the polls')).toBe('Maria Keller');
      expect(speakerOf(analysis, 'count every single vote')).toBe('Tom Reyes');
    });
  });

  describe('when a crowd chants or a speaker exclaims', () => {
    it('attributes the quote through the verb', () => {
      const body = [
        'Thousands marched through the city on Saturday.',
        '"Hey, hey, ho, ho, the mayor has got to go," the protesters chanted outside the hall.',
        '"Nobody told me about any of this," Maria Keller exclaimed when she arrived.',
      ].join('\n\n');
      const analysis = analyze(body);
      expect(unnamedSourceOf(analysis, 'the mayor has got to go')).toBe('the protesters');
      expect(speakerOf(analysis, 'Nobody told me')).toBe('Maria Keller');
    });
  });

  describe('when a quote ending in a question mark is followed by its speaker and verb', () => {
    const body =
      'Senator Lindsey Graham spoke to students in Columbia.\n' +
      '"Does anybody know what the environmental platform of the Republican Party is?" Graham asked. "Neither do I."';

    it('gives the question to the name before the verb', () => {
      expect(speakerOf(analyze(body), 'Does anybody know')).toBe('Lindsey Graham');
    });
  });

  describe("when a party tag stands between the speaker's name and the verb", () => {
    const body =
      'Black lawmakers criticised the campaign on Friday.\n' +
      '"It is a dog whistle to all Americans," Rep. Gwen Moore (D-Wis.) said Friday.';

    it('skips the tag and finds the speaker', () => {
      expect(speakerOf(analyze(body), 'dog whistle')).toBe('Gwen Moore');
    });
  });

  describe('when a quote ends with a nested quote before its attribution', () => {
    const body =
      'Senator Ann Carver questioned the chief executive on Tuesday.\n' +
      '“Scientists reject the products you called ‘cures,’” she said. "Voters keep asking, \'Who will pay?\'" said Tom Reyes, a local pastor.';

    it('looks past the nested closing mark to the attribution', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'Scientists reject')).toBe('Ann Carver');
      expect(speakerOf(analysis, 'Voters keep asking')).toBe('Tom Reyes');
    });
  });

  describe('when a quote is attributed with "continued"', () => {
    const body =
      'Senator Ann Carver spoke to nurses in Denver on Monday. She continued to press for the bill.\n' +
      '“We cannot ask people to wait another year,” she continued. “The bill is ready.”';

    it('gives the quote to the speaker and finds no statement in "continued to press"', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'We cannot ask')).toBe('Ann Carver');
      expect(analysis.statements.some((s) => s.text.includes('press for'))).toBe(false);
    });
  });

  describe('when a title description spells out an abbreviated title and adds the state', () => {
    const body =
      'Sen. Ann Carver and Gov. Tom Reyes toured the plant on Monday.\n' +
      'The Ohio senator said the jobs would stay. The governor said the state would help.';

    it('links each description to the one person whose role it names', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'jobs would stay')).toBe('Ann Carver');
      expect(speakerOf(analysis, 'state would help')).toBe('Tom Reyes');
    });
  });

  describe('when a country modifier does not fit the stated role', () => {
    const body = 'President Tom Reyes met the visiting delegation.\nThe Ukrainian president said the talks went well.';

    it('leaves the speaker unresolved, a source the article describes', () => {
      expect(speakerOf(analyze(body), 'talks went well')).toBeNull();
      expect(unnamedSourceOf(analyze(body), 'talks went well')).toBe('The Ukrainian president');
    });
  });

  describe("when a pronoun contradicts the usual gender of the speaker's given name", () => {
    const body =
      'Relatives of the victims say the veto is wrong.\n' +
      '“The arguments for the veto do not hold,” said Terry Vance.\n' +
      '“All we ask is a day in court,” she said.';

    it('still gives the quote to the last speaker, as no one else fits', () => {
      expect(speakerOf(analyze(body), 'a day in court')).toBe('Terry Vance');
    });
  });

  describe('when a pronoun subject speaks through a participle', () => {
    const body =
      'Former governor Howard Dean mocked the candidate on Twitter.\n' +
      'He then defended the remark, saying, “I do not think this is a ridiculous idea.”';

    it('records the pronoun as the speaker mention', () => {
      const analysis = analyze(body);
      const statement = analysis.statements.find((s) => s.text.includes('ridiculous idea'))!;
      expect(statement.speaker?.name).toBe('Howard Dean');
      const mention = statement.speaker?.mention;
      expect(mention && body.slice(mention.start, mention.end)).toBe('He');
      expect(analysis.actors.find((a) => a.name === 'Howard Dean')!.mentions.map((m) => [m.text, m.kind])).toContainEqual([
        'He',
        'pronoun',
      ]);
    });
  });

  describe('when a quote opens a sentence and a few narrated words come before the attribution', () => {
    const body =
      'Senator Ann Carver questioned the bank chief on Tuesday.\n' +
      '“You pushed your staff to the breaking point” to lift the share price, she said, pointing to the sales targets.';

    it('gives the quote to the closing attribution', () => {
      expect(speakerOf(analyze(body), 'breaking point')).toBe('Ann Carver');
    });
  });

  describe('when a party tag with a full stop sits between commas after the name', () => {
    const body =
      'Senators returned to Washington on Monday.\n' +
      '“We expect the veto to be overridden,” Senate Majority Leader Tom Reyes, R-Ky., said Tuesday.';

    it('reads past the abbreviation to the verb', () => {
      expect(speakerOf(analyze(body), 'veto to be overridden')).toBe('Tom Reyes');
    });
  });

  describe('when a short quote ends a sentence and the next sentence opens with a name and its own statement', () => {
    const body =
      'Seoul condemned the test. The ministry accused the regime of "reckless provocation." ' +
      'President Ann Carver said the regime is "spiraling out of control."';

    it('does not give the earlier quote to the next speaker, whose verb keeps its own statement', () => {
      const analysis = analyze(body);
      const earlier = analysis.statements.find((s) => s.text.includes('reckless provocation'));
      expect(earlier?.speaker?.name).not.toBe('Ann Carver');
      expect(speakerOf(analysis, 'the regime is')).toBe('Ann Carver');
    });
  });

  describe('when reported speech opens with "no"', () => {
    const body =
      'The judge ruled on Friday. Tom Reyes said no decision had been made about an appeal. Ann Carver said no to the deal.';

    it('reports the clause and leaves a plain refusal alone', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'no decision had been made')).toBe('Tom Reyes');
      expect(analysis.statements.some((s) => s.text.includes('the deal'))).toBe(false);
    });
  });

  describe('when a party tag and an appositive stand between the name and the verb', () => {
    const body = 'Rep. Tom Reyes (D-N.Y.), chairman of the caucus fund, said members will help him raise money.';

    it('gives the reported speech to the name before the party tag', () => {
      expect(speakerOf(analyze(body), 'members will help')).toBe('Tom Reyes');
    });
  });

  describe('when "according to" names the author of a document', () => {
    const body = 'According to a new report by the Tribune Company, party insiders are trying to raise turnout.';

    it('gives the statement to the author', () => {
      expect(speakerOf(analyze(body), 'party insiders')).toBe('Tribune Company');
    });
  });

  describe('when a quote completes a narrated sentence and the attribution follows it', () => {
    const body =
      'Economists weighed the plan on Monday.\n' +
      'However fine the goal, raising the tax "is the wrong approach," said Tom Reyes. "We will win," he said.';

    it('reports the whole sentence, and a quote that opens its sentence alone', () => {
      const analysis = analyze(body);
      const texts = analysis.statements.map((s) => s.text);
      expect(texts).toContain('However fine the goal, raising the tax "is the wrong approach,');
      expect(texts).toContain('We will win,');
      expect(speakerOf(analysis, 'However fine')).toBe('Tom Reyes');
    });

    it('keeps quoted phrases earlier in the narration inside the sentence it reports', () => {
      const texts = analyze(
        'Lu Kang spoke on Tuesday. Critics should not wave around speculative words like "maybe" and "perhaps," he told reporters.',
      ).statements.map((s) => s.text);
      expect(texts).toEqual(['Critics should not wave around speculative words like "maybe" and "perhaps,']);
    });
  });

  describe('when quotes are signed with a dash and a name', () => {
    const body =
      'Readers shared their views after the debate.\n' +
      '"Maybe we can build a wall around the candidate instead." ― Steve Quinlan\n' +
      '"He is someone that no sane person would want as president." ― Christina Olidem';

    it('gives each quote to the name after its dash', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'build a wall')).toBe('Steve Quinlan');
      expect(speakerOf(analysis, 'no sane person')).toBe('Christina Olidem');
    });
  });

  describe('when a long appositive separates the speaker from the verb after a quote', () => {
    const body =
      'Several states sued the agency over the rules.\n' +
      '"It is an invasion of the state regulatory domain," Scott Pruitt, the Republican attorney general of Oklahoma, ' +
      'one of the states suing the agency, said at a Washington event.';

    it('gives the quote to the name before the appositive', () => {
      expect(speakerOf(analyze(body), 'an invasion')).toBe('Scott Pruitt');
    });
  });

  describe('when two named people share a plain "say"', () => {
    const body = 'But Chuck Grassley and Patrick Leahy say other changes to the visa program are needed.';

    it('reports their statement', () => {
      expect(speakerOf(analyze(body), 'other changes')).toBe('Patrick Leahy');
    });
  });

  describe('when "that" comes after a long occasion phrase', () => {
    const body = 'Donald Trump said during a Friday evening rally in Michigan that the trade deal was a disaster for workers.';

    it('still reports the that-clause', () => {
      expect(speakerOf(analyze(body), 'the trade deal was a disaster')).toBe('Donald Trump');
    });
  });

  describe('when a bare clause ends in a "that" of its own', () => {
    const body = 'Nadia Okonkwo runs the shelter. Okonkwo says it is hard to blame any one person for that.';

    it('reports the whole clause, not the nothing after that "that"', () => {
      const statement = analyze(body).statements.find((s) => s.speaker?.name === 'Nadia Okonkwo');
      expect(statement?.text).toBe('it is hard to blame any one person for that');
    });
  });

  describe('when a time adverbial stands between the speaker and "said"', () => {
    const body = 'Party spokesman Sean Pellow on Thursday evening said the party was not in a crisis.';

    it('reports the clause after the verb, attributed to the speaker', () => {
      const [statement] = analyze(body).statements;
      expect(statement?.text).toBe('the party was not in a crisis');
      expect(statement?.speaker?.name).toBe('Sean Pellow');
    });
  });

  describe('when a quoted programme title precedes a speaker whose verb reports a clause of its own', () => {
    const body =
      'Speaking on Channel Four’s “Morning Desk,” Senator Ruth Adeyemi said the harbour tax would be repealed within a year.';

    it('reports the clause after the verb, not the narration up to the title, as her statement', () => {
      const { statements } = analyze(body);
      expect(statements.map((s) => [s.kind, s.text, s.speaker?.name])).toEqual([
        ['indirect', 'the harbour tax would be repealed within a year', 'Ruth Adeyemi'],
      ]);
    });
  });

  describe('when a quoted phrase ends mid-sentence and the attribution after it has no clause of its own', () => {
    const body = 'Tariffs are “a tax on every family,” Senator Ruth Adeyemi said on Monday.';

    it('still gives the sentence to the speaker after it', () => {
      expect(speakerOf(analyze(body), 'a tax on every family')).toBe('Ruth Adeyemi');
    });
  });

  describe('when the speaker before "said" carries a home place or an age and then an appositive', () => {
    const body =
      'Rep. Tomas Brandt of Ohio, an ally of the leadership, said the vote would be close.\n' +
      'Lena Ortiz, 27, a nurse in Dayton, said the clinic had run out of beds.';

    it('reports each clause, attributed to the named person', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'the vote would be close')).toBe('Tomas Brandt');
      expect(speakerOf(analysis, 'the clinic had run out of beds')).toBe('Lena Ortiz');
    });
  });

  describe('when the name after an inverted "said" follows capitalised role words or a possessive place', () => {
    const body =
      '"The harbour will not be ready this year," said Republican political consultant Marta Quist.\n' +
      '"We need the ferries back first," said Vermont’s Hal Brenner, a pilot.';

    it('gives each quote to the name', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'The harbour will not be ready')).toBe('Marta Quist');
      expect(speakerOf(analysis, 'We need the ferries back')).toBe('Hal Brenner');
    });
  });

  describe('when an inverted speaker is followed by an appositive', () => {
    const body =
      'Prices for eggs are the highest in a decade and rising, said Orla Veyne, the chief economist at the farm bureau.';

    it('reports the words before the attribution, never the speaker and the appositive as the content', () => {
      const { statements } = analyze(body);
      expect(statements.map((s) => s.text)).not.toContainEqual(expect.stringContaining('the chief economist'));
      expect(speakerOf(analyze(body), 'Prices for eggs')).toBe('Orla Veyne');
    });
  });

  describe('when "told" names an audience and an adverbial follows', () => {
    const body = '“The deal is done,” union leader Piet Marsh told Reuters before the vote.';

    it('reports no statement made of the adverbial', () => {
      const { statements } = analyze(body);
      expect(statements.map((s) => s.text)).not.toContain('before the vote');
    });
  });

  describe('when "that" is a pronoun after "than"', () => {
    const body =
      'Karin Vos expects a narrow win. "Many would call that a defeat" if she won by less than that, said Tomas Ilves, a pollster.';

    it('reports nothing that starts at the pronoun', () => {
      const { statements } = analyze(body);
      expect(statements.map((s) => s.text)).not.toContainEqual(expect.stringContaining('said Tomas Ilves'));
    });
  });

  describe('when narration after a quoted phrase ends in a role-prefixed speaker and a short adverbial', () => {
    const body = '"Boots on the ground" would be appropriate, Republican candidate Ben Carlow said after the attacks.';

    it('gives the quote to the speaker', () => {
      expect(speakerOf(analyze(body), 'Boots on the ground')).toBe('Ben Carlow');
    });
  });

  describe('when narration after a quote ends in an inverted attribution', () => {
    const body =
      '"Consumers have shown a new resilience," despite the swings of the markets, said Orla Veyne, the chief economist at the bureau.';

    it('gives the quote to the speaker after the verb', () => {
      expect(speakerOf(analyze(body), 'Consumers have shown')).toBe('Orla Veyne');
    });
  });

  describe('when a quote opens the sentence after one that ends in its speaker and a speech verb', () => {
    const body =
      'Rail workers will strike again next week, union leader Mick Lawton said. "We are ready for a long fight."\n' +
      'Iowa State University\'s Dana Brostrom agreed. "Both sides are running out of time."';

    it('gives the quote to that speaker, and the sentence before keeps its own statement', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'Both sides are running out of time')).toBe('Dana Brostrom');
      expect(speakerOf(analysis, 'We are ready for a long fight')).toBe('Mick Lawton');
      expect(speakerOf(analysis, 'Rail workers will strike again next week')).toBe('Mick Lawton');
    });
  });

  describe('when a short paragraph ending "said:" introduces a quote that fills the next', () => {
    const body =
      'Senator Maria Lind spoke after the vote.\n\nLind said:\n\n“We need a plan for the harbour and we need it now.”\n\n' +
      'Her deputy, Tomas Berg, continued:\n\n“The ferries cannot wait another winter.”';

    it('gives each quote to the speaker of the lead, with the lead as its cue', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'We need a plan')).toBe('Maria Lind');
      expect(speakerOf(analysis, 'The ferries cannot wait')).toBe('Tomas Berg');
      expect(analysis.statements.find((s) => s.text.startsWith('We need a plan'))?.cue).toBe('Lind said');
    });
  });

  describe('when ", saying" follows a quoted phrase whose comma sits inside the marks', () => {
    const body = 'Mayor Ines Falk mounted a defence of “city values,” saying the budget protected every library.';

    it('reports the participle clause as the sentence subject’s statement', () => {
      expect(speakerOf(analyze(body), 'the budget protected every library')).toBe('Ines Falk');
    });
  });

  describe('when the attribution sits between commas inside the sentence', () => {
    const body =
      'George W. Bush spoke at the opening of the museum.\n' +
      'The museum, Mr. Bush said, celebrated several of his heroes, including the musician Chuck Berry.';

    it('reports the sentence around it as his statement', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'celebrated several of his heroes')).toBe('George W. Bush');
      expect(speakerOf(analysis, 'The museum')).toBe('George W. Bush');
    });
  });

  describe('when a candidacy description names the speaker', () => {
    const body =
      'Donald Trump held a rally in Ohio on Friday.\n' +
      'The Republican nominee complained that the microphone at the debate had been broken.';

    it('links the description to the candidate and records it as his mention', () => {
      const analysis = analyze(body);
      const statement = analysis.statements.find((s) => s.text.includes('microphone'))!;
      expect(statement.speaker?.name).toBe('Donald Trump');
      const mention = statement.speaker?.mention;
      expect(mention && body.slice(mention.start, mention.end)).toBe('The Republican nominee');
      expect(analysis.actors[0]!.mentions.map((m) => [m.text, m.kind])).toContainEqual(['The Republican nominee', 'description']);
    });
  });

  describe('when a description names the speaker by a home state and a title', () => {
    it('records the description as a mention of the speaker the participle is about', () => {
      const body =
        'Ohio Sen. Tom Reyes ended his bid on Tuesday. The Ohio senator sought to calm his supporters, saying the ' +
        'hecklers would not be harmed.';
      const statement = analyze(body).statements.find((s) => s.text.includes('hecklers'))!;
      expect(statement.speaker?.name).toBe('Tom Reyes');
      const mention = statement.speaker?.mention;
      expect(mention && body.slice(mention.start, mention.end)).toBe('Ohio senator');
    });

    it('leaves a description in apposition to another name to that name', () => {
      const analysis = analyze(
        'Attorney Dana Whitfield filed the suit. Tom Reyes, the Ohio attorney handling the appeal, declined to comment.',
      );
      const whitfield = analysis.actors.find((a) => a.name === 'Dana Whitfield')!;
      expect(whitfield.mentions.map((m) => m.text)).toEqual(['Dana Whitfield']);
    });

    it('keeps the name before an appositive description the subject of a coordinated speech verb', () => {
      const analysis = analyze(
        'Ohio Gov. Tom Reyes signed an order on Monday, while Dana Whitfield, the former Iowa governor, proposed a ' +
          'ban and said the speaker should resign.',
      );
      expect(speakerOf(analysis, 'the speaker should resign')).toBe('Dana Whitfield');
    });
  });

  describe('when a fronted adverbial opens the sentence before a subject and a speech verb with an object', () => {
    const body =
      'Omar Ridley attacked the station on Sunday. During the attack, Ridley also posted messages on Facebook.\n' +
      'In the end, most voters want change, Senator Maria Lindqvist said.';

    it('reports no statement of the adverbial, and still attributes a clause it opens', () => {
      const analysis = analyze(body);
      expect(analysis.statements.map((s) => s.text)).not.toContain('During the attack');
      expect(speakerOf(analysis, 'most voters want change')).toBe('Maria Lindqvist');
    });
  });

  describe('when a subordinate clause opens the sentence before a subject and a speech verb', () => {
    it('reports no statement of the subordinate clause alone', () => {
      const analysis = analyze('While Anna Kessler waited in Ohio, Tom Reyes spoke in Iowa.');
      expect(analysis.statements).toEqual([]);
    });

    it('still reports a subordinate clause with the main clause it opens', () => {
      const analysis = analyze('If elected, I will cut taxes for every family, Senator Anna Kessler said.');
      expect(speakerOf(analysis, 'I will cut taxes for every family')).toBe('Anna Kessler');
    });
  });

  describe('when "according to" sits between commas inside its content', () => {
    const body =
      'At the heart of the dispute, according to Dennis Okafor, a former envoy, was a decision by the minister to expand the port.';

    it('reports the content on both sides of the attribution', () => {
      const statement = analyze(body).statements.find((s) => s.text.includes('At the heart of the dispute'));
      expect(statement?.text).toContain('was a decision by the minister to expand the port');
      expect(statement?.speaker?.name).toBe('Dennis Okafor');
    });
  });

  describe('when a relative clause before the verb ends in a quoted phrase', () => {
    const body =
      'Senator Ann Carver spoke in Denver on Monday. ' +
      'Carver, who calls the plan a “disaster,” said she does not believe the tax will pass this year.';

    it('reports the clause for the name before the relative clause, and no quote for the phrase', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'she does not believe')).toBe('Ann Carver');
      expect(analysis.statements.some((s) => s.kind === 'direct')).toBe(false);
    });
  });

  describe("when a name's campaign, office or spokesman speaks", () => {
    it('gives the reported speech to the name', () => {
      const body =
        'Senator Ann Carver spoke on Monday. Carver’s campaign said it raised roughly 15 million dollars in January. ' +
        'Governor Tom Reyes met donors. Reyes’s office announced that he will run again. ' +
        'Senator Dana Jones toured Ohio. Jones’ campaign says it will appeal the ruling in court. ' +
        'Mayor Lee Park spoke. The Park campaign said the report was misleading.';
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'it raised roughly')).toBe('Ann Carver');
      expect(speakerOf(analysis, 'he will run again')).toBe('Tom Reyes');
      expect(speakerOf(analysis, 'it will appeal')).toBe('Dana Jones');
      expect(speakerOf(analysis, 'the report was misleading')).toBe('Lee Park');
    });

    it('gives it to whoever "his" or "her" refers to, but not what her aides say', () => {
      const body =
        'Senator Ann Carver spoke on Monday. Her campaign said it raised roughly 15 million dollars in January. ' +
        'Carver will visit Iowa next week, her spokesman said. The bus tour will start in Ames, her aides said.';
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'it raised roughly')).toBe('Ann Carver');
      expect(speakerOf(analysis, 'Carver will visit Iowa')).toBe('Ann Carver');
      expect(speakerOf(analysis, 'The bus tour')).toBeNull();
      expect(unnamedSourceOf(analysis, 'The bus tour')).toBe('her aides');
    });
  });

  describe('when a short aside follows the speech verb', () => {
    it('reports the that-clause or the clause after the aside', () => {
      const body =
        'Senator Ann Carver spoke on Monday. Carver said — on Twitter, as it happens — that the vote would be close. ' +
        'Governor Tom Reyes spoke too. Reyes says, win or lose in the primary, he’s staying in the race.';
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'the vote would be close')).toBe('Ann Carver');
      expect(speakerOf(analysis, 'he’s staying in the race')).toBe('Tom Reyes');
    });
  });

  describe('when a second attribution is coordinated after reported speech', () => {
    it('ends the first content before it and reports the second apart', () => {
      const body =
        'Senator Ann Carver spoke on Thursday. Carver said the letter was delivered to the governor, and she said she hoped for an answer soon.';
      const texts = analyze(body).statements.map((s) => s.text);
      expect(texts).toEqual(['the letter was delivered to the governor', 'she hoped for an answer soon']);
    });

    it('does so when the second attribution names a speaker of its own', () => {
      const body =
        'Senator Ann Carver spoke on Thursday. Carver said the letter was delivered to the governor, and Governor Tom Reyes said he would answer soon.';
      const statements = analyze(body).statements.map((s) => [s.text, s.speaker?.name]);
      expect(statements).toEqual([
        ['the letter was delivered to the governor', 'Ann Carver'],
        ['he would answer soon', 'Tom Reyes'],
      ]);
      const group =
        'Senator Ann Carver spoke on Thursday. Carver said the letter was delivered, and other party leaders said it came late.';
      expect(analyze(group).statements.map((s) => s.text)).toEqual(['the letter was delivered', 'it came late']);
    });
  });

  describe('when a second speech verb shares the subject of reported speech', () => {
    it('ends the first content at the coordination and reports the second verb apart, for the same speaker', () => {
      const body =
        'Mayor Lena Ortiz met the council on Monday. Ortiz says the budget will pass this week but argues that the pension plan needs more time.';
      const statements = analyze(body).statements.map((s) => [s.text, s.speaker?.name]);
      expect(statements).toEqual([
        ['the budget will pass this week', 'Lena Ortiz'],
        ['the pension plan needs more time', 'Lena Ortiz'],
      ]);
    });

    it('ends the content before "and then said"', () => {
      const body = 'Judge Omar Haddad heard the case. Haddad said the filing was late and then said that the fine would stand.';
      expect(analyze(body).statements.map((s) => s.text)).toEqual(['the filing was late', 'the fine would stand']);
    });
  });

  describe('when a parenthetical between dashes separates the name from its verb', () => {
    it('gives the reported speech to the name', () => {
      const body = 'Jack Joyce filed the case. Joyce — who is listed as an attorney — said he will not appeal the ruling.';
      expect(speakerOf(analyze(body), 'he will not appeal')).toBe('Jack Joyce');
    });
  });

  describe('when "told" after a quote takes a long audience and occasion', () => {
    const body =
      'Senator Ann Carver visited London on Monday. ' +
      '“It looks like we will not have a very good relationship, who knows?” Carver told Britain’s ITV television station in an interview.';

    it('attributes the quote, and reports no audience as content', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'It looks like')).toBe('Ann Carver');
      expect(analysis.statements.some((s) => s.text.includes('television station'))).toBe(false);
    });
  });

  describe('when a name and a past-tense verb the lexicon lacks follow a quote', () => {
    const body =
      'Senator Ann Carver met reporters on Monday.\n' +
      '“Would the tax stay in place for farmers?” Carver pressed.\n' +
      '“The harvest is late this year.” Carver sighed.';

    it('attributes a question or a comma quote to the name, but not a quote that ends its sentence', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'Would the tax')).toBe('Ann Carver');
      expect(analysis.statements.find((s) => s.text.startsWith('Would'))?.cue).toBe('Carver pressed');
      expect(analysis.statements.find((s) => s.text.startsWith('The harvest'))?.cue).toBeUndefined();
    });

    it('attributes a comma quote to a person named right after such a verb ("remembered Roy Verley, …")', () => {
      const analysis = analyze(
        'The merger remains a liability.\n' +
          '"Analysts said no, and she took it upon herself to prove them wrong," remembered Roy Vell, the former spokesman.',
      );
      expect(speakerOf(analysis, 'Analysts said no')).toBe('Roy Vell');
      expect(analysis.statements[0]?.cue).toBe('remembered Roy Vell');
    });
  });

  describe('when a speech verb is in the progressive', () => {
    const body =
      'Senator Dana Kiro toured the plant on Monday. Kiro is calling for the state to step up its support for the workers.\n' +
      'The ritual is demanding that nobody leaves early, the guide said.';

    it('reports the content for the subject before the auxiliary, and nothing for an adjective of a thing', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'the state to step up')).toBe('Dana Kiro');
      expect(analysis.statements.find((s) => s.text.startsWith('the state'))?.cue).toBe('Kiro is calling for');
      expect(analysis.statements.some((s) => s.text.startsWith('nobody leaves'))).toBe(false);
    });
  });

  describe('when a name alone before a colon signs the quote after it', () => {
    const body =
      'The senators met on Monday. Former Governor Tom Reyes: "We will not accept a border tax on our farmers."\n' +
      'Ann Carver on Tom Reyes: "He has never run a farm and never will."';

    it('gives the quote to that name, and not to a name after another name', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'We will not accept')).toBe('Tom Reyes');
      expect(speakerOf(analysis, 'He has never run')).not.toBe('Tom Reyes');
    });
  });

  describe("when a quoted sentence follows a speaker's sentence inside a paragraph", () => {
    it('gives it to that speaker when the next sentence goes on with her pronoun, and to nobody otherwise', () => {
      const lead = 'Attorney General Dora Vance spoke on Monday.\n\nVance announced a lawsuit against the state on Monday. ';
      const quote = '"We are seeking a court order against the restriction." ';
      expect(speakerOf(analyze(lead + quote + 'She said the state could lose funding.'), 'We are seeking')).toBe('Dora Vance');
      expect(speakerOf(analyze(lead + quote + 'The state said it would appeal.'), 'We are seeking')).toBeNull();
    });
  });

  describe('when a speech verb opens the sentence before its subject and a long appositive', () => {
    it('gives the quote after the appositive to that subject', () => {
      const body =
        'The small home on Grand Avenue became a museum. Said Dora Vance, who grew up two doors away in the 1950s, ' +
        '"We were all so proud of him."';
      expect(speakerOf(analyze(body), 'We were all so proud')).toBe('Dora Vance');
    });
  });

  describe('when the subject after a quote holds another name in its role words', () => {
    it('gives the quote to the named subject, the inner name counting as one role word', () => {
      const body = '"These are dark days for us," former George W. Bush speechwriter Ann Carver wrote in a column this month.';
      expect(speakerOf(analyze(body), 'These are dark days')).toBe('Ann Carver');
    });
  });

  describe('when a campaign job describes the speaker named before', () => {
    it('resolves "the former pollster" to that person', () => {
      const body =
        'Former pollster Tom Reyes spoke on Monday. Reyes told the host a loss is likely.\n\n' +
        'The former pollster said, “She is behind in a number of polls.”';
      expect(speakerOf(analyze(body), 'She is behind')).toBe('Tom Reyes');
    });
  });

  describe("when a participle introduces a quote in a sentence whose subject is a name's campaign", () => {
    it('gives the quote to the name', () => {
      const body =
        'Senator Dora Vance spoke on Monday. Vance’s campaign shrugged off the comments, telling reporters, ' +
        '“Nobody on her team has ever asked for that endorsement.”';
      expect(speakerOf(analyze(body), 'Nobody on her team')).toBe('Dora Vance');
    });

    it('gives it to nobody when the name is not the sentence subject', () => {
      const body =
        'Senator Dora Vance spoke on Monday. Critics of Vance’s campaign shrugged off the comments, telling reporters, ' +
        '“Nobody on her team has ever asked for that endorsement.”';
      expect(speakerOf(analyze(body), 'Nobody on her team')).toBeNull();
    });
  });

  describe('when a role phrase and an appositive name follow a quote', () => {
    it('gives the quote to the name set off by commas', () => {
      const body =
        '“It is over,” Tom Reyes’s chief of staff, Joe Kasper, told reporters. ' +
        '“We are done,” the senator’s chief of staff, Ann Carver, said on Monday.';
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'It is over')).toBe('Joe Kasper');
      expect(speakerOf(analysis, 'We are done')).toBe('Ann Carver');
    });
  });

  describe('when an inverted attribution describes the speaker and then names them in apposition', () => {
    it('gives the quote to the named person', () => {
      const body =
        '"It may have been his first attempt," said his best friend at college, Bruce Turry, who joined the club. ' +
        '"It was over," said the American ambassador at the time, Ann Carver.';
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'It may have been')).toBe('Bruce Turry');
      expect(speakerOf(analysis, 'It was over')).toBe('Ann Carver');
    });

    it('takes no name that goes on into the clause after the comma as the source', () => {
      const body =
        'Senator Tom Reyes spoke on Monday. According to a recent poll of Indiana voters, Tom Reyes garnered 30% of ' +
        'votes, leading the field.';
      expect(analyze(body).statements.map((s) => s.speaker?.name ?? null)).not.toContain('Tom Reyes');
    });
  });

  describe('when a particle-led surname follows the full name', () => {
    it('gives the quote to the person the article named in full', () => {
      const body = 'Marine Le Pen spoke in Paris on Monday.\n“The vote is over,” Le Pen told the radio station.';
      expect(speakerOf(analyze(body), 'The vote is over')).toBe('Marine Le Pen');
    });
  });

  describe('when a name before a colon is not alone in its sentence', () => {
    it('signs the quote past a party parenthetical', () => {
      const body = 'Rep. Dana Kiro (R-S.C.): "I have not heard anyone other than you cite that figure."';
      expect(speakerOf(analyze(body), 'I have not heard')).toBe('Dana Kiro');
    });

    it('gives the quote to a person named last when the sentence has no named subject', () => {
      const body =
        'The timing of the surge does not surprise Republican pollster Tom Reyes: "Lesser-known candidates have ' +
        'seen the biggest boost."';
      expect(speakerOf(analyze(body), 'Lesser-known candidates')).toBe('Tom Reyes');
    });

    it('gives no quote to an organisation named last', () => {
      const body = 'The plan was published on Monday by the Baltic Shipping Council: "Freight rates will fall."';
      expect(speakerOf(analyze(body), 'Freight rates')).toBeNull();
    });

    it('keeps the sentence subject as the speaker when it is named', () => {
      const body = 'Senator Ann Carver framed the vote as a test for Governor Tom Reyes: "We will see who shows up."';
      expect(speakerOf(analyze(body), 'We will see')).toBe('Ann Carver');
    });
  });

  describe('when a counted plural that looks like a speech verb comes before "that"', () => {
    const body =
      'Senator Dana Kiro has won 10 of the 15 states that have held caucuses so far.\n' +
      'Several reports that reached the ministry were false. The ministry states that the port will reopen.';

    it('reads the noun as no cue, and the verb after a subject still is one', () => {
      const texts = analyze(body).statements.map((s) => s.text);
      expect(texts.filter((t) => /held caucuses|reached the ministry/.test(t))).toEqual([]);
      expect(texts).toContain('the port will reopen');
    });
  });

  describe('when "that" after a speech verb is a determiner or a pronoun', () => {
    const body =
      'The ministry filed the lawsuit Maria Lindqvist announced that same day, as reported earlier.\n' +
      'Senator Tom Okafor proposed just that in 2013.\n' +
      'The broadcaster Radio Nord reported that night the minister had resigned.';

    it('reports no time phrase as content, and a clause after the time phrase still is', () => {
      const texts = analyze(body).statements.map((s) => s.text);
      expect(texts.filter((t) => /same day|in 2013/.test(t))).toEqual([]);
      expect(texts).toContain('the minister had resigned');
    });
  });

  describe('when a trailing attribution ends in a long setting or a dash', () => {
    const body =
      'The government requires too many tests for schoolchildren, former President Tom Okafor said this week at an event ' +
      'in Wyoming — an apparent reversal of his position, as critics noted.\n' +
      'While the party blamed foreigners for the losses, Pope Francis points to structural inequities in the global order.';

    it('takes the clause before the attribution as content, but not a clause before a verb with its own argument', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'requires too many tests')).toBe('Tom Okafor');
      expect(analysis.statements.map((s) => s.text)).not.toContain('this week at an event in Wyoming');
      expect(analysis.statements.filter((s) => s.text.includes('While the party blamed'))).toEqual([]);
    });
  });

  describe('when reported content holds a relative or concessive clause after a comma', () => {
    it('keeps the clause in the content', () => {
      const body =
        'Senator Ana Pell spoke on Monday. Pell said the levy would fall on Marlow Freight, which moved its office abroad. ' +
        'Pell said she is not giving up, despite trailing in every poll.';
      const texts = analyze(body).statements.map((s) => s.text);
      expect(texts).toEqual([
        'the levy would fall on Marlow Freight, which moved its office abroad',
        'she is not giving up, despite trailing in every poll',
      ]);
    });

    it('still ends the content at a participle of the narrator ("…, adding …")', () => {
      const body = 'Senator Ana Pell spoke on Monday. Pell said the levy would pass, adding that it needs more votes.';
      expect(analyze(body).statements.map((s) => s.text)).toContain('the levy would pass');
    });
  });

  describe('when reported speech sits in a relative clause set off by commas', () => {
    it('ends the content where the main clause resumes', () => {
      const body =
        'Dana Kiro, who said the levy would hurt farmers, recounted the vote on Monday. ' +
        'Tom Reyes, who says the plan is dead, will vote against it.';
      const analysis = analyze(body);
      expect(analysis.statements.map((s) => [s.text, s.speaker?.name])).toEqual([
        ['the levy would hurt farmers', 'Dana Kiro'],
        ['the plan is dead', 'Tom Reyes'],
      ]);
    });
  });

  describe('when a period adverbial stands between the name and its verb', () => {
    it('gives the reported speech to the name ("last week", "earlier this year")', () => {
      const body =
        'Senator Dana Whitcombe chairs the committee. Whitcombe last week said the inquiry had found no wrongdoing. ' +
        'Mayor Ivo Brandt earlier this year said the tram line would open in spring.';
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'the inquiry had found no wrongdoing')).toBe('Dana Whitcombe');
      expect(speakerOf(analysis, 'the tram line would open in spring')).toBe('Ivo Brandt');
    });
  });

  describe('when a party tag follows a name', () => {
    it('keeps the name as the subject of a coordinated speech verb', () => {
      const body =
        'In a statement, Gov. Rick Salas (R) blasted the legislature and said the state had set aside money for vaccines.';
      expect(speakerOf(analyze(body), 'the state had set aside money for vaccines')).toBe('Rick Salas');
    });

    it('skips a stray comma after the tag', () => {
      const body = 'Sen. Jack Orrin (D-R.I.), said after a lunch on Tuesday that he had not read the new plan.';
      expect(speakerOf(analyze(body), 'he had not read the new plan')).toBe('Jack Orrin');
    });
  });

  describe('when a closing attribution follows a sentence with two clauses', () => {
    it('does not read the main clause as an appositive of a noun in the fronted clause', () => {
      const body =
        'When arguments against big government resonate with voters, candidates have more room to walk away from the program, said Steve Grubb, an Iowa operative.';
      expect(speakerOf(analyze(body), 'candidates have more room')).toBe('Steve Grubb');
    });

    it('takes "his top aide, Name," as the attribution', () => {
      const body =
        'Senator Lou Marsh lost three states. Marsh remains committed to the race through the convention, his top aide, Tad Devlin, told reporters.';
      const statement = analyze(body).statements.find((s) => s.text.includes('remains committed'));
      expect(statement?.speaker?.name).toBe('Tad Devlin');
      expect(statement?.cue).toBe('his top aide, Tad Devlin, told');
    });
  });

  describe('when the same article is analysed twice', () => {
    const body =
      'Arsenal manager Mikel Arteta was furious. "We had twenty shots," the Spaniard said.\n' + '"We have to look at ourselves."';

    it('returns identical output', () => {
      expect(analyze(body)).toEqual(analyze(body));
    });
  });
  describe('when a participle after "by" or an infinitive after "went on to" introduces a quote', () => {
    const body =
      'Senator Ann Kerr spoke after the vote. She followed that by saying, "We will be back next year."\n\n' +
      'Her rival, Tom Ruiz, was asked about the result, but went on to say, "This is not the end of it."';

    it("gives the quote to the sentence's subject", () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'We will be back')).toBe('Ann Kerr');
      expect(speakerOf(analysis, 'This is not the end')).toBe('Tom Ruiz');
    });
  });

  describe('when a sentence-initial preposition governs a name before the pronoun that speaks', () => {
    const body =
      'Reporter Michelle Fields resigned from the website on March 14.\n\n' +
      'On Twitter, she responded Tuesday to one of the messages by saying, "Seriously, just stop lying."';

    it('gives the quote to the person the pronoun refers to, not to the named organisation', () => {
      expect(speakerOf(analyze(body), 'Seriously')).toBe('Michelle Fields');
    });
  });

  describe('when a name or a pronoun and a verb the lexicon lacks follow a quote that ends on a comma', () => {
    const body =
      '"Can you name one accomplishment of the party?" Brent Bozell asks.\n\n' +
      '"I can point to only two accomplishments," Bozell answers.\n\n' +
      '"Jeb wants to be a tough guy tonight," Donald Trump shot back.\n\n' +
      '"People are afraid of wasting their votes," he surmised.';

    it('reads a present tense, a particle and a pronoun subject as the attribution', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'only two accomplishments')).toBe('Brent Bozell');
      expect(speakerOf(analysis, 'tough guy')).toBe('Donald Trump');
      expect(speakerOf(analysis, 'afraid of wasting')).toBe('Donald Trump');
    });
  });

  describe('when an abbreviation with dots ends a sentence or "No." numbers a rank', () => {
    const body =
      'Tom Cox says Obama is trying to distract from his failures in the U.S. He says Americans do not need any more lectures.\n\n' +
      'Senator Jo Kerr, the No. 2 Republican in the Senate, said the chamber will vote on Monday.';

    it('ends the reported content at the sentence end and reads across the rank', () => {
      const reported = analyze(body).statements.map((s) => [s.text, s.speaker?.name]);
      expect(reported).toEqual([
        ['Obama is trying to distract from his failures in the U.S.', 'Tom Cox'],
        ['Americans do not need any more lectures', 'Tom Cox'],
        ['the chamber will vote on Monday', 'Jo Kerr'],
      ]);
    });
  });
  describe("when the speaker's appositive names an organisation before a paragraph of speech", () => {
    const body =
      '"The talks are a sign of weakness," said Harry J. Kazianis, director of defence studies at the Center for the National Interest.\n\n' +
      '"They will not last the winter."';

    it('carries the speaker on to the next paragraph', () => {
      expect(speakerOf(analyze(body), 'They will not last')).toBe('Harry J. Kazianis');
    });
  });

  describe('when a quote closes the paragraph right after its speaker reports something', () => {
    const body = 'Premier Doug Ford said the province would not budge. "We have made our best offer. That is it."';

    it('gives the quote to the speaker of the reported sentence', () => {
      expect(speakerOf(analyze(body), 'best offer')).toBe('Doug Ford');
    });
  });
  describe('when an adverbial that opens with a preposition closes the attribution after a quoted sentence', () => {
    const body =
      'But the vote this time was more partisan.\n\n' +
      '“If they were serious about this, they would have gone to the only bill,” Pat Toomey fumed on Tuesday.\n\n' +
      '“They are all here for the free stuff,” Jim Bennett shot back with a laugh.\n\n' +
      '“How do you control these banks if you owe them money?” Donald Trump said to a crowd of about 500 in Portsmouth.';

    it('attributes the quote, with the verb and its particle as the cue', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'only bill')).toBe('Pat Toomey');
      expect(speakerOf(analysis, 'free stuff')).toBe('Jim Bennett');
      expect(speakerOf(analysis, 'owe them money')).toBe('Donald Trump');
      expect(analysis.statements.map((s) => s.cue)).toEqual(['Pat Toomey fumed', 'Jim Bennett shot back', 'Donald Trump said']);
    });
  });
  describe('when a day adverbial stands between the subject and its verb before a participle that reports', () => {
    const body =
      'Senator Bernie Sanders on Saturday criticized the climate accord adopted in Paris, saying the agreement goes nowhere near far enough.';

    it("gives the reported words to the sentence's subject", () => {
      expect(speakerOf(analyze(body), 'the agreement goes')).toBe('Bernie Sanders');
    });
  });

  describe('when a speech verb is coordinated inside a contrasting clause', () => {
    const body =
      'Governor Bobby Jindal on Monday signed an order to block refugees, while Mike Huckabee proposed a pause and said the speaker should resign over the plan.';

    it('gives the reported words to the subject of the contrasting clause', () => {
      expect(speakerOf(analyze(body), 'the speaker should resign')).toBe('Mike Huckabee');
    });
  });

  describe('when a speech verb is coordinated with the verb of a description that opens the sentence', () => {
    it('gives the reported words to that description as an unnamed source, with the cue on the verb alone', () => {
      const analysis = analyze(
        'The spokesman refused to answer questions on the visit but said there was no call planned with the senator.\n\n' +
          'A spokesman for the mayor defended the march route and said the police had trained for 18 months.\n\n' +
          'Some senators vented about the delay and said that they had lost their patience.',
      );
      expect(unnamedSourceOf(analysis, 'there was no call planned')).toBe('The spokesman');
      expect(statementWith(analysis, 'there was no call planned').cue).toBe('said');
      expect(unnamedSourceOf(analysis, 'the police had trained')).toBe('A spokesman for the mayor');
      expect(unnamedSourceOf(analysis, 'they had lost their patience')).toBe('Some senators');
    });

    it('leaves the verb to the subject of a later clause, and to no opening words that are not its subject', () => {
      const analysis = analyze(
        'Maria Lindqvist spoke in Ohio on Monday. The crowd cheered when Lindqvist spotted a sign and said it was the best ' +
          'sign of the year.\n\nIn a year in which Lindqvist has campaigned hard, and said the vote was close, the party won.',
      );
      expect(speakerOf(analysis, 'it was the best sign')).toBe('Maria Lindqvist');
      expect(analysis.statements.some((s) => s.text.includes('the vote was close') && s.speaker !== null)).toBe(false);
    });
  });

  describe('when a quote is attributed by an idiom or a long subject', () => {
    it('gives a quote after "as X put it" to X, named or described', () => {
      const analysis = analyze(
        "Or, as Maria Lindqvist, a former minister of transport, put it: ''The trains are late because nobody pays for them.''\n\n" +
          "The plan was, as one regional official put it, ''a rescue dressed as a reform.''",
      );
      expect(speakerOf(analysis, 'The trains are late')).toBe('Maria Lindqvist');
      expect(unnamedSourceOf(analysis, 'a rescue dressed as a reform')).toBe('one regional official');
    });

    it('gives a quote after "went so far as to say" to the sentence subject', () => {
      const analysis = analyze("The columnist Omar Ridley went so far as to say, ''The network as we know it is finished.''");
      expect(speakerOf(analysis, 'The network as we know it')).toBe('Omar Ridley');
    });

    it('reaches a verb after a described name and a long appositive', () => {
      const analysis = analyze(
        "''We may at last be seeing wages rise,'' the economist Dana Whitfield, a former adviser in the Obama White House, " +
          'wrote on her blog.',
      );
      expect(speakerOf(analysis, 'seeing wages rise')).toBe('Dana Whitfield');
    });
  });

  describe('when a group or a share of those polled says something in a relative clause', () => {
    it('gives the reported words to the group as an unnamed source', () => {
      const analysis = analyze(
        'The senator rebuked critics who say she should apologise for the vote.\n\n' +
          'Kiro leads with 41 percent, compared with the 30 percent who say the same about Ridley.',
      );
      expect(unnamedSourceOf(analysis, 'she should apologise')).toBe('critics');
      expect(unnamedSourceOf(analysis, 'the same about Ridley')).toBe('the 30 percent');
    });

    it('reports nothing for a group that opens its sentence, whose main verb would end the words', () => {
      const analysis = analyze('Voters who said the economy mattered most were evenly divided between the candidates.');
      expect(analysis.statements.filter((s) => s.text.includes('evenly divided'))).toEqual([]);
    });
  });

  describe('when a description names a kind of body', () => {
    it('refers back only to an organisation of that kind, and leaves any other an unnamed source', () => {
      const analysis = analyze(
        'Owen Price, director of the Woodland Trust, said the plan had failed.\n\n' +
          'The department said the old target would be replaced by regional goals.\n\n' +
          'The trust said it would plant a million trees next year.',
      );
      expect(speakerOf(analysis, 'the old target would be replaced')).toBeNull();
      expect(unnamedSourceOf(analysis, 'the old target would be replaced')).toBe('The department');
      expect(speakerOf(analysis, 'plant a million trees')).toBe('Woodland Trust');
    });
  });

  describe('when "according to" names the source after a quote', () => {
    const body =
      'The inquiry is nearly over.\n\n' +
      '“FBI officials overseeing the probe now expect to complete their work in the next few weeks,” according to CNN.\n\n' +
      'Some 55 percent of voters said they do not believe Mrs. Clinton “cares about people like me,” according to a Quinnipiac poll.';

    it('gives the quote that opens its sentence to that source, and leaves a quoted phrase to the reported sentence', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'FBI officials overseeing')).toBe('CNN');
      expect(analysis.statements.find((s) => s.text.includes('FBI officials'))?.cue).toBe('according to CNN');
      expect(analysis.statements.some((s) => s.text === 'cares about people like me,')).toBe(false);
    });
  });

  describe('when a modal comes before the speech verb of an attribution', () => {
    const body =
      'Bill Clinton arrived late.\n\n' +
      '“Nothing truly prepares you for the demands of the Oval Office,” he will say.\n\n' +
      '“Until you have sat at that desk, you do not know what it is like.” Clinton would say later.';

    it('attributes the quote to the subject of the modal verb', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'Nothing truly prepares')).toBe('Bill Clinton');
      expect(speakerOf(analysis, 'sat at that desk')).toBe('Bill Clinton');
      expect(analysis.statements.map((s) => s.cue)).toEqual(['he will say', 'Clinton would say']);
    });
  });

  describe('when a verb the lexicon lacks is followed by a conjunction after a quote', () => {
    const body =
      'Donald Trump held a news conference.\n\n“Go back to Univision,” Trump barked and a security guard escorted Ramos out.';

    it('still attributes the quote to the subject of that verb', () => {
      expect(speakerOf(analyze(body), 'Go back to Univision')).toBe('Donald Trump');
    });
  });

  describe('when a speech verb follows a determiner in a colon lead', () => {
    const body =
      'Ted Cruz spoke in Iowa on Monday.\n\n' +
      'He also played up his believed strength in a general election: "Who gives us the best chance to win? I know that I do."';

    it('reads the word as no verb and quotes the subject of the sentence', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'best chance to win')).toBe('Ted Cruz');
      expect(analysis.statements.find((s) => s.text.includes('best chance'))?.cue).toBe('He also played');
    });
  });

  describe('when a capitalised speech verb opens an inverted attribution before a surname', () => {
    const body =
      'Roger Stone spoke on the radio on Friday about the election.\n\n' +
      'Continued Stone: “So I think it is a very real problem, and the best thing is to register voters.”';

    it('keeps the verb out of the name, so the surname finds its person', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'very real problem')).toBe('Roger Stone');
      expect(analysis.actors.map((a) => a.name)).toEqual(['Roger Stone']);
    });
  });

  describe('when a long audience and setting stand between the speech verb and the quote', () => {
    const body =
      'Jeb Bush may not endorse the businessman.\n\n' +
      'Donald Trump told the Washington Post in a written statement, “I really don’t want Jeb’s endorsement.”\n\n' +
      'However, as Archbishop Aris Shirvanian of the Armenian Patriarchate of Jerusalem told the Associated Press (AP), “We have suffered the same fate.”';

    it('still finds the verb and its subject, and never takes the audience after "told" for the speaker', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'Jeb’s endorsement')).toBe('Donald Trump');
      expect(speakerOf(analysis, 'the same fate')).not.toBe('Associated Press');
    });
  });

  describe('when a sentence opens with "according to" its source before a quote', () => {
    const body =
      'Bob Woodward spoke at a convention in Washington.\n\n' +
      'According to Woodward, “The New York real estate world is more complex than the CIA,” presumably.\n\n' +
      'According to an archived version of the foundation website from 2010, “Title Sponsor” was the highest level.';

    it('gives the quote to that source when the source ends at the comma', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'more complex than the CIA')).toBe('Bob Woodward');
      expect(analysis.statements.some((s) => s.text === 'Title Sponsor')).toBe(false);
    });
  });

  describe('when a verb the lexicon lacks introduces a quote after its named subject', () => {
    const body =
      'Jerry Brown criticized Bill Clinton during a debate.\n\n' +
      'Hillary Clinton shot back, “I suppose I could have chosen to bake cookies and have teas.”\n\n' +
      'Al Franken joked with Sarah Silverman. Silverman interjected, “Ladies and gentlemen, Mr. Paul Simon.”';

    it('attributes the quote to that subject', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'bake cookies')).toBe('Hillary Clinton');
      expect(speakerOf(analysis, 'Ladies and gentlemen')).toBe('Sarah Silverman');
    });
  });

  describe('when a participle after a closing quote introduces a second quote', () => {
    const body =
      'Hillary Clinton spoke on Monday. The day before, she stated, “An absence of action would have turned Libya into Syria,” ' +
      'adding, “I think maybe 1,500 people were killed last year.”';

    it('gives the second quote to the same subject, as a statement of its own', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, '1,500 people')).toBe('Hillary Clinton');
      expect(analysis.statements.filter((s) => s.kind === 'direct').map((s) => s.cue)).toEqual(['she stated', 'adding']);
    });
  });

  describe('when a paragraph of speech follows narration about several people', () => {
    const body =
      'Buddy Valastro joined Chris Christie at a town hall.\n\n' +
      'Valastro praised Christie’s leadership in the aftermath of Hurricane Sandy.\n\n' +
      '“We need someone who is going to cut through the nonsense and bring people together.”';

    it('gives it to the subject of the last sentence before it', () => {
      expect(speakerOf(analyze(body), 'cut through the nonsense')).toBe('Buddy Valastro');
    });
  });

  describe('when a setting stands between a named subject and its speech verb', () => {
    const body =
      'Ben Carson proposed a cyber agency, while Jeb Bush in a Medium post said he would put more conservative judges on the bench.\n\n' +
      '“It was very nice,” the gambling tycoon told Reuters in a rare interview in Macau when asked if he had met Trump, who leads in polls.';

    it('gives the reported words to the name, not to the setting or to an audience before it', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'conservative judges')).toBe('Jeb Bush');
      expect(analysis.statements.map((s) => s.speaker?.name ?? null)).not.toContain('Reuters');
    });
  });

  describe('when a plural noun after a participle looks like a speech verb', () => {
    const body =
      'Debbie Wasserman Schultz opened the meeting.\n\n' +
      'Wasserman Schultz said in her opening remarks that the platform should reiterate support for Israel.';

    it('reads the real verb, and the double surname names the same person', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'the platform should')).toBe('Debbie Wasserman Schultz');
      expect(analysis.statements[0]?.cue).not.toContain('remarks');
      expect(analysis.actors.map((a) => a.name)).toEqual(['Debbie Wasserman Schultz']);
    });
  });

  describe('when a person named in full has a surname that is also a nationality', () => {
    const body =
      'Mark Cuban spoke at the festival. In describing Donald Trump, Cuban said he sees someone without intellectual curiosity. ' +
      'A Cuban official said the embargo was unfair.';

    it('reads the lone surname as that person and the adjective as no one', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'intellectual curiosity')).toBe('Mark Cuban');
      expect(speakerOf(analysis, 'the embargo')).toBeNull();
      expect(unnamedSourceOf(analysis, 'the embargo')).toBe('A Cuban official');
      expect(analysis.actors.map((a) => a.name)).toEqual(['Mark Cuban', 'Donald Trump']);
    });
  });

  describe('when a quote ends its sentence and the next opens with a name, an appositive and a verb with its own clause', () => {
    it('gives the quote no attribution from that verb', () => {
      const analysis = analyze(
        'Senator Anna Kessler called the suspension “arbitrary.” Tom Reyes, a party official, warned on Saturday that ' +
          'the breach was serious.',
      );
      expect(speakerOf(analysis, 'arbitrary')).not.toBe('Tom Reyes');
      expect(speakerOf(analysis, 'the breach was serious')).toBe('Tom Reyes');
    });
  });

  describe('when a quoted characterisation ends its sentence and the next opens with a name, an appositive and a verb', () => {
    it('leaves the quote to its own sentence', () => {
      const analysis = analyze(
        'Senator Anna Kessler called the new orders "quite dangerous." Governor Tom Reyes, hoping to win the primary, ' +
          'called the president a petulant child.',
      );
      expect(speakerOf(analysis, 'quite dangerous')).toBe('Anna Kessler');
    });
  });

  describe('when a participle continues a speech verb whose subject is not the sentence subject', () => {
    it.each([
      [
        'Omar Ridley attended prayers. Ridley did not mingle, Tom Nefzi said on Tuesday, adding that he was not very religious.',
        'he was not very religious',
      ],
      [
        'Omar Ridley attended prayers. Ridley did not mingle, Tom Nefzi said, adding, "He was never very religious."',
        'never very',
      ],
    ])('gives it to that verb’s subject: %s', (body, fragment) => {
      expect(speakerOf(analyze(body), fragment)).toBe('Tom Nefzi');
    });
  });

  describe('when a sentence opens with a subordinate clause whose subject is another person', () => {
    it('gives a participle after the main clause to the main clause subject', () => {
      const analysis = analyze('While Anna Kessler waited in Ohio, Tom Reyes spoke in Iowa, saying that the race was close.');
      expect(speakerOf(analysis, 'the race was close')).toBe('Tom Reyes');
    });
  });

  describe('when a quoted show title comes before a name and a verb whose content opens with "if"', () => {
    it('reports the conditional content and no direct quote', () => {
      const analysis = analyze(
        'Wednesday on Fox News Channel’s “Hannity,” Senator Anna Kessler said if the governor picked her it would be ' +
          'a “dream ticket.”',
      );
      expect(analysis.statements.map((s) => [s.kind, s.text, s.speaker?.name ?? null])).toEqual([
        ['indirect', 'if the governor picked her it would be a “dream ticket.”', 'Anna Kessler'],
      ]);
    });
  });

  describe('when a contracted pronoun is the subject of a speech verb', () => {
    it.each([
      ['Tom Reyes spoke on Monday. He’s said that the plan is too costly.', 'the plan is too costly', 'Tom Reyes'],
      [
        "Senator Anna Kessler spoke on Monday. She'll argue that the plan is too costly.",
        'the plan is too costly',
        'Anna Kessler',
      ],
      ['Senator Anna Kessler spoke on Monday. “We are ready,” she’s said repeatedly.', 'We are ready', 'Anna Kessler'],
    ])('resolves the pronoun: %s', (body, fragment, speaker) => {
      expect(speakerOf(analyze(body), fragment)).toBe(speaker);
    });
  });

  describe('when a person named in full has a surname that is also a title word', () => {
    it('reads the lone surname that opens a sentence as that person', () => {
      const analysis = analyze('Marta King won a seat on the council in 2019. King says the budget is too small.');
      expect(speakerOf(analysis, 'the budget is too small')).toBe('Marta King');
    });
  });

  describe('when "it" opens a speech verb after a sentence about an organisation', () => {
    it('gives the statement to the organisation', () => {
      const analysis = analyze(
        'Kestrel Media suspended 125,000 accounts on Friday. It also said it had expanded its review teams.',
      );
      expect(speakerOf(analysis, 'expanded its review teams')).toBe('Kestrel Media');
    });

    it.each([
      ['a cognition verb', 'It signals that the market for ads is weak.'],
      ['an object', 'Several members included on it told reporters they were unhappy.'],
      ['a relative clause', 'It hired a firm that builds what it calls “psychographic” profiles of voters.'],
      ['a passive verb', 'It is said that the rules were broken.'],
    ])('leaves "it" before %s to no organisation', (_, sentence) => {
      const analysis = analyze(`Kestrel Media suspended 125,000 accounts on Friday. ${sentence}`);
      expect(analysis.statements.map((s) => s.speaker?.name ?? null)).not.toContain('Kestrel Media');
    });

    it('gives no speaker when the sentence before is about a person', () => {
      const analysis = analyze('Dana Whitfield left Kestrel Media on Friday. It said the rules were broken.');
      expect(analysis.statements.map((s) => s.speaker?.name ?? null)).toEqual([]);
    });
  });

  describe('when a name right before a participle introduces a quote', () => {
    it('gives the quote to that name, and not to a setting before the participle', () => {
      const analysis = analyze(
        'A protester was led out, with Tom Reyes reportedly yelling: “Get him out of here!” ' +
          'Senator Anna Kessler answered the question on Facebook writing, “Yes, I will. That was a poor choice of words.”',
      );
      expect(speakerOf(analysis, 'Get him out')).toBe('Tom Reyes');
      expect(speakerOf(analysis, 'Yes, I will')).toBe('Anna Kessler');
    });
  });

  describe('when a home state or an employer stands between the name and its verb', () => {
    const body =
      'Senator Tom Reyes of Ohio said the bill was dead. ' +
      '“The economy is strong,” Dana Whitfield of the Brookings Institution said on Monday.';

    it('gives the statement to the person, not to the place or the organisation', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'the bill was dead')).toBe('Tom Reyes');
      expect(speakerOf(analysis, 'The economy is strong')).toBe('Dana Whitfield');
    });
  });

  describe('when a person named in full has a surname that is also a country', () => {
    const body =
      'Rep. Steve Israel spoke on Monday. “They will have to recruit interns,” Israel said. ' + 'He visited Israel in May.';

    it('reads the speaking surname as that person and the country elsewhere as a place', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'recruit interns')).toBe('Steve Israel');
      expect(analysis.actors.map((a) => a.name)).toEqual(['Steve Israel']);
      expect(analysis.places.map((p) => p.mentions.map((m) => m.start))).toEqual([[body.lastIndexOf('Israel')]]);
    });
  });

  describe('when a title description follows a well-known figure the article gives no role', () => {
    const body =
      'One month after announcing his support for Donald Trump, Marco Rubio still believes that the nominee is unfit. ' +
      'Rubio spoke to reporters on Tuesday.\n\n' +
      '“I stand by everything I said during the campaign,” the Florida senator told CNN.';

    it('gives the quote to the salient person the title may describe', () => {
      expect(speakerOf(analyze(body), 'I stand by everything')).toBe('Marco Rubio');
    });
  });

  describe('when only a setting stands where reported content would be', () => {
    const body =
      'The foundation had no gifts from Donald Trump since 2008.\n\n' +
      'Then, last week, Eric Trump called.\n\n' +
      'Shortly after my sentence, Eric Holder announced his resignation.\n\n' +
      'Governor Jerry Brown hinted at that in a news conference Monday.';

    it('reports nothing', () => {
      expect(analyze(body).statements).toEqual([]);
    });
  });

  describe('when a relative clause after a name carries the speech verb', () => {
    const body =
      'Ted Cruz won an endorsement from Mike Lee, who declared in the debate spin room, “I’m sending the signal that it’s time to unite.” ' +
      'He was joined by Reince Priebus, who said the party would not change its rules.';

    it('gives the statement to the name the relative pronoun refers to, and records the pronoun as its mention', () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'sending the signal')).toBe('Mike Lee');
      expect(speakerOf(analysis, 'the party would not change')).toBe('Reince Priebus');
      const lee = analysis.actors.find((a) => a.name === 'Mike Lee')!;
      expect(lee.mentions.map((m) => m.text)).toEqual(['Mike Lee', 'who']);
    });
  });

  describe('when a participle after "and" introduces a quote', () => {
    const body =
      'Ted Cruz spoke at a town hall. He only hinted at Donald Trump by mentioning the need for a wall on the border and adding, ' +
      '"I have got an idea of who should build it."';

    it('gives the quote to the subject of the sentence', () => {
      expect(speakerOf(analyze(body), 'who should build it')).toBe('Ted Cruz');
    });
  });
});

describe('quoted phrase before the speech verb of its subject', () => {
  describe('when a noun phrase with a finite verb of its own follows the verb', () => {
    const body = 'Mr. Manafort, citing "the unique magic of Trump," said the candidate could win in Pennsylvania and Delaware.';

    it("reports the clause as the subject's, not the phrase as the quote of an inverted speaker", () => {
      const analysis = analyze(body);
      expect(speakerOf(analysis, 'the candidate could win')).toBe('Manafort');
      expect(analysis.statements.some((s) => s.text.includes('Mr. Manafort, citing'))).toBe(false);
    });
  });

  describe('when the noun phrase after the verb holds a relative clause', () => {
    const body = 'Turnout was "the highest in a generation," said a clerk who was counting ballots in the county office.';

    it('still attributes the quote by the verb and the noun phrase after it', () => {
      expect(statementWith(analyze(body), 'the highest in a generation').cue).toMatch(/^said a clerk who was/);
    });
  });
});

describe('quotes introduced by what the speaker issued', () => {
  describe('when a statement, a post or a video "says" the quote', () => {
    it.each([
      'Senator Ana Reyes issued a statement saying, "The ruling is a disgrace to the court."',
      'Senator Ana Reyes posted a video Tuesday saying, "The ruling is a disgrace to the court."',
    ])('gives the quote to whoever issued it: %s', (body) => {
      expect(speakerOf(analyze(body), 'The ruling is a disgrace')).toBe('Ana Reyes');
    });
  });
});

describe('quote followed by its attribution without a comma', () => {
  describe('when a speech verb and a name follow the closing mark', () => {
    it('gives the quote to the named speaker', () => {
      const body = '"We have had to stand by while leaks created a false narrative" said Nick Merrill, a campaign spokesman.';
      expect(speakerOf(analyze(body), 'We have had to stand by')).toBe('Nick Merrill');
    });
  });
});
