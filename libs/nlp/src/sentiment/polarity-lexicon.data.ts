/**
 * A small hand-written polarity lexicon for news prose (strength -3..3). Written for this project; it favours words
 * that describe how people and organisations are portrayed (accused, praised, scandal, hero) over product-review words.
 * Kept as one string so the module stays cheap to load and to type-check; parsed once by `lexicon-scorer.ts`.
 */
export const POLARITY_LEXICON_DATA = `
abandon:-2 abuse:-3 abused:-3 abuses:-3 abusive:-3 accomplish:2 accomplished:2 accomplishment:2 accusation:-2
accusations:-2 accuse:-2 accused:-2 accuses:-2 accusing:-2 achieve:2 achieved:2 achievement:2 admire:2 admired:2
admirable:3 adored:2 afraid:-2 aggressive:-2 agree:1 agreed:1 alarming:-2 alleged:-1 allegation:-2 allegations:-2
allegedly:-1 amazing:3 anger:-2 angry:-2 angered:-2 annoyed:-2 applaud:2 applauded:2 appreciate:2 appreciated:2
arrest:-2 arrested:-2 arrogant:-3 assault:-3 assaulted:-3 attack:-2 attacked:-2 attacking:-2 attacks:-2 awful:-3
bad:-2 ban:-1 banned:-1 benefit:2 benefits:1 best:3 betray:-3 betrayed:-3 better:2 bigot:-3 bigoted:-3 bigotry:-3
blame:-2 blamed:-2 blames:-2 blaming:-2 blast:-2 blasted:-2 blasting:-2 bold:1 boost:1 boosted:1 brave:2 bravery:2
breakthrough:2 bribe:-3 bribery:-3 brilliant:3 broke:-1 brutal:-3 bully:-3 bullying:-3 calm:1 catastrophe:-3
catastrophic:-3 celebrate:2 celebrated:2 champion:2 championed:2 chaos:-2 chaotic:-2 charged:-2 cheat:-3 cheated:-3
cheer:2 cheered:2 clash:-1 clashed:-1 collapse:-2 collapsed:-2 collusion:-3 commend:2 commended:2 compassion:2
compassionate:2 competent:2 complain:-1 complained:-1 concern:-1 concerned:-1 concerns:-1 condemn:-2 condemned:-2
condemns:-2 conflict:-1 confident:2 confusion:-1 congratulate:2 congratulated:2 conspiracy:-2 contempt:-3
controversial:-2 controversy:-2 convicted:-3 corrupt:-3 corruption:-3 courage:2 courageous:3 coward:-3 cowardly:-3
crazy:-2 crime:-2 crimes:-2 criminal:-3 crisis:-2 critic:-1 critical:-1 criticism:-2 criticize:-2 criticized:-2
criticizes:-2 criticizing:-2 criticise:-2 criticised:-2 crooked:-3 cruel:-3 damage:-2 damaged:-2 damaging:-2
danger:-2 dangerous:-2 deadly:-2 deceive:-3 deceived:-3 deceptive:-3 decent:2 dedicated:2 defeat:-2 defeated:-2
defend:1 defended:1 defiant:-1 delight:3 delighted:3 demagogue:-3 denounce:-2 denounced:-2 deny:-1 denied:-1
deplorable:-3 desperate:-2 destroy:-3 destroyed:-3 destructive:-3 devastating:-3 dictator:-3 dirty:-2 disaster:-3
disastrous:-3 disgrace:-3 disgraceful:-3 disgusting:-3 dishonest:-3 dismiss:-1 dismissed:-1 disrespect:-2
disturbing:-2 divisive:-2 doubt:-1 doubts:-1 effective:2 embarrass:-2 embarrassed:-2 embarrassing:-2 embrace:1
embraced:1 encourage:2 encouraged:2 encouraging:2 endorse:2 endorsed:2 endorsement:2 enemy:-2 enemies:-2 enjoy:2
enthusiastic:2 evil:-3 exaggerate:-2 exaggerated:-2 excellent:3 excited:2 exciting:2 exploit:-2 exploited:-2
extremist:-3 fail:-2 failed:-2 failing:-2 fails:-2 failure:-2 fair:2 fake:-3 false:-2 falsely:-2 fantastic:3
fault:-2 favorite:2 fear:-2 feared:-2 fears:-2 fight:-1 fighting:-1 fine:1 fired:-2 flawed:-2 fool:-3 foolish:-2
fraud:-3 fraudulent:-3 friend:1 friendly:2 furious:-3 generous:2 genius:3 good:2 grateful:2 great:3 greed:-2
greedy:-3 guilty:-3 happy:2 harass:-3 harassed:-3 harassment:-3 harm:-2 harmed:-2 harmful:-2 harsh:-2 hate:-3
hated:-3 hateful:-3 hatred:-3 help:1 helped:1 helpful:2 hero:3 heroes:3 heroic:3 honest:2 honesty:2 honor:2
honored:2 honour:2 honoured:2 hope:1 hopeful:2 horrible:-3 hostile:-2 humiliate:-3 humiliated:-3 hypocrisy:-3
hypocrite:-3 hypocritical:-3 idiot:-3 ignorant:-3 illegal:-2 illegally:-2 impeach:-2 impeached:-2 impeachment:-2
impressive:3 improve:2 improved:2 incompetent:-3 indicted:-3 indictment:-3 inept:-3 innocent:1 insult:-2
insulted:-2 insulting:-2 integrity:2 investigate:-1 investigated:-1 investigation:-1 irresponsible:-2 jail:-2
jailed:-2 kill:-3 killed:-3 kind:2 landmark:2 laud:2 lauded:2 lead:1 leader:1 leadership:2 legitimate:1 liar:-3
lie:-2 lied:-3 lies:-3 love:3 loved:3 loyal:2 lying:-3 mess:-2 mislead:-3 misleading:-3 misconduct:-3 mistake:-2
mistakes:-2 mock:-2 mocked:-2 murder:-3 nasty:-3 outrage:-3 outraged:-3 outrageous:-3 pardon:1 partisan:-1
passionate:2 peace:2 peaceful:2 perfect:3 pledge:1 pledged:1 plot:-2 popular:2 praise:3 praised:3 praises:3
praising:3 problem:-1 problems:-1 progress:2 promise:1 promised:1 prosecute:-2 prosecuted:-2 protect:1
protected:1 protest:-1 protested:-1 proud:2 provocative:-2 racism:-3 racist:-3 radical:-2 rape:-3 reckless:-3
reform:1 refuse:-1 refused:-1 reject:-1 rejected:-1 reliable:2 relief:2 remarkable:3 resign:-1 resigned:-1
respect:2 respected:2 responsible:1 ridicule:-2 ridiculed:-2 ridiculous:-3 rival:-1 rude:-2 sad:-2 safe:1
scandal:-3 scandals:-3 scheme:-2 sexist:-3 shame:-3 shameful:-3 smart:2 smear:-3 sorry:-1 strong:2 strongly:1
struggle:-1 struggled:-1 stupid:-3 success:2 successful:2 support:2 supported:2 supporter:1 supporters:1
supports:2 supportive:2 suspect:-2 suspected:-2 sympathy:1 talented:2 terrible:-3 terror:-3 terrorist:-3 thank:2
thanked:2 threat:-2 threaten:-2 threatened:-2 threatening:-2 threats:-2 tough:1 tragedy:-3 tragic:-3 trust:2
trusted:2 truth:1 ugly:-3 unfair:-2 unfit:-3 unlawful:-2 unpopular:-2 unprecedented:-1 upset:-2 vicious:-3
victim:-2 victims:-2 victory:2 violate:-2 violated:-2 violation:-2 violence:-3 violent:-3 vow:1 vowed:1 warn:-1
warned:-1 weak:-2 welcome:2 welcomed:2 win:2 winning:2 wins:2 wise:2 won:2 wonderful:3 worry:-2 worried:-2
worse:-2 worst:-3 wrong:-2 wrongdoing:-3
absurd:-2 accountable:1 acclaimed:3 accurate:1 admonish:-2 adversary:-1 advocate:1 affordable:1 aggression:-2
agitator:-2 ally:1 allies:1 amateur:-1 ambitious:1 amnesty:1 antisemitic:-3 antisemitism:-3 apologize:-1
apologized:-1 apology:-1 appalling:-3 assail:-2 assailed:-2 atrocity:-3 attacker:-3 authoritarian:-3 backlash:-2
baseless:-2 beloved:3 berate:-2 berated:-2 bizarre:-2 blunder:-2 bogus:-3 boast:-1 boasted:-1 bolster:1 bombshell:-1
botched:-2 brag:-1 bragged:-1 brazen:-2 bribes:-3 brilliance:3 bungled:-2 careless:-2 caring:2 censor:-2 censorship:-2
charming:2 cheating:-3 chided:-2 clever:2 clueless:-2 coerce:-2 coercion:-2 collude:-3 colluded:-3 compromise:1
conceded:-1 confront:-1 confronted:-1 confusing:-1 conman:-3 contradict:-1 contradicted:-1 cover-up:-3 credible:2
crook:-3 crush:-1 cynical:-2 deal:1 debacle:-3 deceit:-3 deception:-3 decry:-2 decried:-2 defamation:-2 defy:-1
defied:-1 demean:-2 demeaning:-2 demonize:-2 demonized:-2 deport:-1 deride:-2 derided:-2 despicable:-3 despise:-3
destabilize:-2 dictatorship:-3 diligent:2 diplomatic:1 disapprove:-2 discredit:-2 discredited:-2 discriminate:-2
discrimination:-3 disdain:-2 dishonesty:-3 dismal:-2 disparage:-2 disparaged:-2 dispute:-1 disrupt:-1 distort:-2
distorted:-2 distrust:-2 dodge:-2 dodged:-2 dominate:1 downfall:-2 dubious:-2 elite:-1 eloquent:2 empower:2
endanger:-2 endangered:-2 erratic:-2 escalate:-2 ethical:2 excoriate:-3 excoriated:-3 expert:1 exploitation:-2
expose:-1 exposed:-1 extort:-3 extortion:-3 extreme:-2 extremism:-3 fabricate:-3 fabricated:-3 falsehood:-3
falsehoods:-3 fascist:-3 fearmongering:-3 feud:-2 fiasco:-3 fierce:-1 flagrant:-2 flip-flop:-2 flout:-2 flouted:-2
fraudster:-3 fuel:-1 fueled:-1 gaffe:-2 gloat:-2 grievance:-1 grudge:-2 gutted:-2 hail:2 hailed:2 hardworking:2
heckled:-2 helping:1 historic:2 hoax:-3 honorable:2 horrific:-3 humane:2 hurt:-2 ignore:-1 ignored:-1 illegitimate:-3
impropriety:-3 inappropriate:-2 incite:-3 incited:-3 incitement:-3 incoherent:-2 inflammatory:-2 influential:1
inspire:2 inspired:2 inspiring:3 instability:-2 intimidate:-2 intimidation:-2 invasion:-2 irate:-2 jeopardize:-2
joke:-1 justice:1 lambaste:-3 lambasted:-3 lament:-1 lamented:-1 lash:-2 lashed:-2 lax:-1 lawless:-3 lenient:-1
lousy:-3 loyalty:2 malicious:-3 manipulate:-2 manipulated:-2 manipulation:-2 martyr:-1 mentor:2 meltdown:-2
menace:-2 merit:2 misinformation:-2 mishandled:-2 mismanagement:-2 misogynist:-3 misogyny:-3 misstep:-2 moderate:1
nefarious:-3 negligence:-2 negligent:-2 notorious:-3 obstruct:-2 obstructed:-2 obstruction:-3 offensive:-2
oppose:-1 opposed:-1 oppressive:-3 outburst:-2 outspoken:1 overreach:-2 pander:-2 pandering:-2 panic:-2 patriot:2
patriotic:2 penalty:-1 persecute:-2 persecution:-2 pioneer:2 plagued:-2 plea:-1 pleased:2 plunder:-3 poor:-2
poorly:-2 praiseworthy:3 predator:-3 prejudice:-2 premier:1 principled:2 propaganda:-3 prosper:2 prosperity:2
protester:-1 provoke:-2 provoked:-2 punish:-2 punished:-2 qualified:2 rant:-2 ranted:-2 rebuke:-2 rebuked:-2
recklessly:-3 reelected:2 regime:-2 rejected:-1 remorse:-1 renowned:2 repression:-3 reputable:2 rescue:2 rescued:2
resilient:2 resolve:1 revered:3 rigged:-3 rightly:1 rogue:-3 scam:-3 scapegoat:-2 scathing:-2 scold:-2 scolded:-2
scrutiny:-1 secretive:-2 selfless:3 sexual:-1 sham:-3 shocking:-2 sinister:-3 skeptical:-1 slam:-2 slammed:-2
slams:-2 slander:-3 sloppy:-2 slur:-3 slurs:-3 snub:-2 snubbed:-2 spar:-1 sparred:-1 spineless:-3 stall:-1
stalled:-1 steadfast:2 steal:-3 stole:-3 stolen:-3 stunt:-2 subpoena:-1 subpoenaed:-1 sue:-1 sued:-1 superb:3
supremacist:-3 surge:1 suspicious:-2 swindle:-3 tainted:-3 tantrum:-2 tirade:-2 thug:-3 thugs:-3 torture:-3
toxic:-3 traitor:-3 treason:-3 triumph:3 troubled:-2 troubling:-2 turmoil:-2 tyrant:-3 unacceptable:-2
unconstitutional:-2 undermine:-2 undermined:-2 undermining:-2 unethical:-3 unhinged:-3 unite:2 united:1 unity:2
unjust:-2 unqualified:-2 unstable:-2 untrue:-2 unwilling:-1 uproar:-2 valiant:3 vilify:-3 vilified:-3 villain:-3
vindicated:2 visionary:3 vulgar:-3 warmonger:-3 wealthy:-1 whistleblower:1 witch-hunt:-2 worthy:2 wreck:-2
admonished:-2 skewer:-2 skewered:-2 scoff:-2 scoffed:-2 jab:-1 mock:-2 mocking:-2 sneer:-2 insult:-2 insults:-2
boycott:-1 resignation:-1 fired:-2 ousted:-2 oust:-2 sacked:-2 demoted:-2 convicted:-3 conviction:-2 sentenced:-2
guilty:-3 acquitted:1 exonerated:2 cleared:1 pardoned:1 mastermind:-2 accomplice:-2 shady:-3 smug:-2 petty:-2
`;
