// The English vocabulary opis-gen draws body text from, ranked by how often
// each word should appear: rank r is drawn with weight 1/(r + q) (Zipf), so
// the order below *is* the frequency model. Function words come first so
// that stop words are as frequent as in real prose ("the" about 6%), then the
// diplomatic and political words these archives are full of, then general
// English and a long tail of rarer words. Capitalised entries (Soviet,
// Committee) are proper adjectives and nouns that records always capitalise.
// The list is data, not code: edit freely, but keep each word once
// (a repeat is dropped, the first rank wins).
#include "vocabulary.h"

#include <set>
#include <vector>

namespace opis {

namespace {

// Adjacent raw strings concatenate; the comments between them mark bands.
constexpr std::string_view kWords =
    // Function words and the most common verbs, roughly in corpus order.
    R"(
the of and to a in that was he is for it with as his on be at by had not
which this were from but have an they are or been has its their would will
I we all one there who no said also more them so if can after other she
into when her out only what some first new two may these than him our any
about then could over made such time should upon those up must years did do
under before between most three us many against being same great where
because each while both well through during now very further even since
last without here however own whom whose shall already like
year again per himself itself themselves whether though although toward
towards among within cannot until once whole next four every
five thus therefore still just how another way much few less least far
often never always soon later yet ever rather quite perhaps almost
together else nor neither either whereas therein hereby thereby
)"
    // The core of diplomatic and political prose.
    R"(
government party Soviet Union question people country comrade delegation
state states side relations policy political ministry minister foreign
Committee Central situation military support peace economic war
cooperation talks meeting conversation ambassador embassy member members
congress republic national international issue issues position interests
forces security treaty agreement socialist communist leadership leaders
leader power countries problem problems matters matter view opinion
development struggle revolution working class imperialist imperialists
proposal proposals negotiations attitude assistance aid help visit
representatives representative Secretary General president prime chairman
council presidium bureau delegations sides governments unity friendship
)"
    R"(
American Chinese German British French Polish Czechoslovak Hungarian
Romanian Bulgarian Yugoslav Albanian Vietnamese Korean Cuban Mongolian
Indian Japanese Italian Arab Egyptian Iraqi Israeli Iranian Turkish
Western Eastern Democratic People's United Nations Atlantic Warsaw Pact
NATO GDR FRG USSR CPSU PRC USA DPRK UN CC SED PZPR KSC HSWP BCP
)"
    // Common verbs of reporting and negotiating.
    R"(
stated noted asked replied emphasized stressed expressed declared
informed agreed believed considered discussed raised proposed requested
explained answered added continued pointed remarked mentioned suggested
received sent took gave told knew thought felt saw found came went
became remained began seemed wanted wished hoped tried called spoke
says say tell ask answer reply propose consider discuss express
inform agree believe receive send give take know think
hold held meet met keep kept bring brought leave left turn turned
show shown showed speak spoken lead led follow followed prepare
prepared develop developed strengthen strengthened settle settled
achieve achieved ensure ensured establish established maintain
maintained improve improved reduce reduced increase increased
)"
    // Nouns and adjectives of the period, fairly common.
    R"(
part place case fact point order form means result end hand words
word letter report information note statement declaration communique
document documents text speech questions decision decisions
resolution resolutions plan plans program programme measures measure
steps step action actions activity activities work conditions period
level basis sphere field area areas region regions border borders
territory frontier zone line front army armed troops weapons arms
nuclear atomic missile missiles rocket rockets bases base navy air
aircraft fleet ships soldiers officers officer general generals
defense defence threat danger attack aggression invasion occupation
crisis conflict tension tensions disarmament test tests ban control
inspection verification reduction withdrawal presence deployment
economy trade credit credits loan loans goods deliveries
supplies industry industrial agricultural agriculture production
plant plants factory factories workers peasants farmers population
)"
    R"(
important necessary possible clear serious difficult certain
good better best large small full special common main
real true free open close public private present past future recent
current direct joint mutual friendly hostile fraternal brotherly
reactionary progressive democratic popular revolutionary counterrevolutionary
bourgeois capitalist colonial anti-imperialist neutral independent
sovereign internal external domestic regional global strategic
tactical ideological cultural scientific technical social
financial material moral practical concrete positive negative correct
wrong right high low long short strong weak old young
)"
    R"(
second third fourth fifth sixth seventh final previous
following several various
six seven eight nine ten eleven twelve twenty
thirty forty fifty hundred thousand million half quarter
January February March April May June July August September October
November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday
today tomorrow yesterday morning evening night week weeks month months
day days hours hour minutes moment times occasion date beginning
)"
    // Institutions, roles and ranks.
    R"(
Politburo Presidium Secretariat Council Assembly Parliament Congress
Plenum Senate Ministry Department Office Commission Conference Committee's
ministries departments offices commissions conferences committees
embassies consulate consul consuls attache counsellor counselor envoy
envoys chargé charge d'affaires diplomats diplomat diplomatic mission
missions press correspondent correspondents journalist journalists
newspaper newspapers radio television propaganda agency agencies
intelligence service services police organs apparatus staff
deputy deputies secretary secretaries chief head heads director
directors adviser advisers expert experts specialist specialists
spokesman spokesmen official officials functionary functionaries cadre
cadres chairman's president's minister's ambassador's comrades
)"
    // Everyday narrative vocabulary of records of conversation.
    R"(
thing things something nothing anything everything someone anyone
nobody everybody everyone man men woman women child children family
friend friends enemy enemies person persons group groups company
house home city cities town towns village villages capital capitals
road roads river rivers sea ocean island islands port ports coast
mountain mountains land lands earth country's world's nation nations
nation's state's people's party's government's union's class's
money price prices cost costs value market markets bank banks
dollar dollars rubles marks tons ton percent wage wages salary
food grain bread wheat oil coal steel iron gas machines machinery
equipment tractors trucks cars railway railways transport shipment
)"
    R"(
understand understood understanding explain explanation remember
recall forget forgotten consideration decide
decided conclude concluded conclusion confirm confirmed
deny denied reject rejected accept accepted refuse refused oppose
opposed opposition demand demanded demands insist insisted warn
warned warning promise promised promises threaten threatened
recognize recognized recognition condemn condemned condemnation
criticize criticized criticism praise praised approve approved
approval protest protested protests appeal appealed appeals
invite invited invitation welcome welcomed thank thanked thanks
congratulate congratulated congratulations greet greeted greetings
)"
    // General English, medium frequency.
    R"(
able above according across actually addition address affairs
afternoon age ago ahead allow allowed alone along alternative
amount ancient angry announce announced annual apart apparent apparently
appear appeared application apply appointed approach appropriate
argue argued argument arrange arranged arrangement arrival arrive
arrived article articles aside aspect aspects assume assumed attempt
attempted attempts attend attended attention available average avoid
avoided aware away background bad balance banner battle bear beat
become becomes bed begin behalf behind belief belong
below beneath benefit beside beyond big bill birth black blood blue
board body book books born bottom box boy branch brief briefly bright
broad broadcast broke broken brother brothers budget build building
buildings built burden business busy buy call calls calm campaign camp
camps candidate candidates car card care career careful carefully
carry carried cause caused causes center centre centers central century
chain chance chances change changed changes channel channels chapter
character charged cheap check choice choose chose chosen church
circle circles circumstances citizen citizens civil civilian claim
claimed claims clean clearly climate closely club code cold
collapse collective colleague colleagues collect collected color colour
column combat combined come comes comfort command commander commanders
comment commented comments commerce commercial commitment committed
communication communications community companion comparison compare
compared competition complete completed completely complex complicated
concern concerned concerning concerns condition confidence confident
)"
    R"(
confusion connection connections conscience conscious consequence
consequences considerable consist consistent constant constantly
constitution construction consumer contact contacts contain contained
content context continue continuing contrary contrast contribute
contribution convey conveyed conviction convinced copy corner
corresponding count counter couple courage course court cover covered
create created creation crime criminal crowd culture cut daily
damage dangerous dark data daughter dead deal dealing dealt death debate
decade decades deep deeply defeat defeated defend defended definite
definitely degree delay delayed deliver delivered democracy
demonstration demonstrations depend dependent depends describe described
description deserve design desire desired despite destroy destroyed
destruction detail detailed details determine determined difference
differences different difficulties difficulty dinner direction directly
directive directives disagree disagreement discipline discover
discovered discussion discussions dispute disputes distance distant
distribute distribution district districts divide divided division
divisions doctor doctrine door doubt doubts draft drafts draw drawn
dream drive drop due duty duties eager early earlier easily east easy
eat education effect effective effectively effects efficient effort
efforts elect elected election elections element elements
elsewhere emergency emigration emigrants emphasis empire employ
employed employees enable encourage encouraged energy engaged enormous
enough enter entered entire entirely entry environment equal equally
error especially essential essentially estimate estimated
)"
    R"(
evaluate evaluation event events evidence exact exactly examine
examined example examples excellent except exception exchange exchanged
exchanges exist existence existing expand expansion expect expected
expense experience experienced exports imports export
import extend extended extensive extent extreme extremely face faced
facilities facility facing factor factors fail failed failure fair
faith fall fallen false famous fast father favor favour favorable
favourable fear feared features feel feeling fellow fifteen fight
fighting figure figures file fill finally finance find fine
finish finished fire firm firmly fit fix fixed flag flight floor flow
focus folk force forced forcing formal formation former
formerly forms formula forward foundation founded frank frankly
freedom frequently fresh fruit fulfil fulfill fully
function fund funds fundamental gain gained garden gather gathered
generally generation gentlemen genuine genuinely girl glad goal goals
goes going gold gone grant granted grave greatly green ground grow
growing grown growth guarantee guarantees guard guest guests guilty
gun guns hall halt hands handed happen happened happy hard hardly harm
hate health hear heard heart heavy heavily height helped hence heroic
hidden hide highly hill historic historical history hit honest honor
honour hope hopes horse hospital host hostility hot hotel huge human
humanity hunger hurt idea ideas ideal identity ignore ignored ill
illegal image immediate immediately impact impatience implement
implementation implications importance impossible impression
improvement incident incidents include included including income
)"
    R"(
incorrect indeed independence indicate indicated indication individual
individuals influence influenced initiative initiatives injury inner
innocent inside instance instead institution institutions
instruction instructions instructed intend intended intention
intentions interest interested interesting interference interior
interpretation interrupt interrupted interview introduce introduced
investigation investment involve involved involvement
isolated isolation item items job jobs join joined joke journey judge
judgment justice justify justified keen key kill killed kind kinds
king kingdom knowledge known labor labour lack lacked language languages
largely lasted late latter laugh launch law laws lay leading
learn learned leaving lecture legal legitimate length lesson
letters liberation liberty lie lies light likely limit limited limits
list listen listened literature live lived lives living local
locally location logic lose loss losses lost lot loud love lower loyal
loyalty lunch machine mainly majority make making manage managed
management manner map mark marked marriage mass masses master materials
maximum meal mean meaning meant meanwhile meetings memory
mention merely message messages method methods middle might mile miles
mind minimum minor minority minute mistake mistakes mixed
mobilization mode model modern moderate modest
mother motion motive move moved movement movements moving murder music
mutually mystery naked name named names narrow native natural naturally
nature near nearly necessity need needed needs neighbor neighbour
neighboring neighbouring neighbors neighbours nervous network neutrality
)"
    R"(
nevertheless news noon normal normally north northern notice
noticed notion novel number numbers numerous object objective objectives
objection objections obligation obligations observe observed obstacle
obstacles obtain obtained obvious obviously occupied occur
occurred offensive offer offered officially old-fashioned operation
operations operate opinions opponent opponents opportunity
opposite option options ordinary organization organizations organize
organized origin original otherwise ought outcome outside overall
overcome owing pace page pages pain pair paper papers parallel
parliament participate participated participation particular
particularly partly partner partners parties pass passed passage
passing patience patient pattern pause pay paid peaceful peacefully
penetration pension perfect perform performance permanent permission
permit permitted personal personally personnel persuade persuaded
phase phone picture piece pity plain platform pleasant please pleased
pleasure plenary plenty pocket poem poet poor
portion pose posed positions possess possession possibility
possibilities post postpone postponed potential poverty practice
precisely predict prefer preference preliminary premier preparation
preparations preserve preserved pressure pressures
prestige presumably pretext prevent prevented prevention primary
principal principle principles prior priority prison prisoner
prisoners probably procedure procedures proceed process produce
produced product products profit progress project projects prominent
promote promoted prompt proof proper properly property proportion
proposition prospect prospects protect protected protection protocol
proud prove proved provide provided province provinces provision
provisions provocation provocations provocative publication publish
published pure purpose purposes pursue pursued push put putting
)"
    R"(
qualified quality quantity queen quick quickly quiet quietly quota
race radical raise raising range rank ranks rapid rapidly rare rate
rates ratify ratified ratification raw reach reached react
reaction reactions read reading ready reality realize realized
reason reasonable reasons recently reception recognise recommend
recommendation recommendations reconstruction record records recover
red refer reference referred reflect reflected reform reforms refugee
refugees regard regarded regarding regardless regime regimes regret
regular regularly reinforce reinforcements relation relative relatively
release released relevant reliable religion religious remain remaining
remark remarks remove removed repeat repeated repeatedly replace
replaced reported reporting reports represent represented request
require required requirement requirements research reserve reserves
resist resistance resolve resolved resource resources respect
respected respective respectively respond response responsibility
responsible rest restore restored restrict restriction restrictions
retain retire retreat return returned reveal revealed review revision
revisionism revisionist revisionists reward rich rid rise rising risk
role roles room root rough round route rule ruled rules ruling run
running rural safe safety sake salt satisfaction satisfied satisfy
save saved scale scheme school schools science scope score search
season seat seats secret secretly secure seek seeking seems seize
seized select selected self sell semi senior sense sensitive separate
separately series seriously serve served session sessions set setting
)"
    R"(
settlement severe shape share shared sharp sharply sheet shift
shoot shooting shop shot shoulder shout sick sign signal signature
signed significance significant silence silent similar simple simply
sincere sincerely single sister sit site sitting size skill slightly
slogan slogans slow slowly smaller society soft solid solidarity
solution solutions solve solved somewhat son song sort soul sound
source sources south southern space speaking specific
specifically spending spent spirit spiritual split spread
square stable stage stages stand standard standards standing stands
start started starting statements station stay stayed steady
stick stock stone stop stopped store stories story straight strange
strategy street strength stress strict strictly strike strikes
stronger strongly structure student students studied study
style subject subjects submit submitted subsequent subsequently
substantial succeed succeeded success successful successfully sudden
suddenly suffer suffered sufficient sufficiently suggest suggestion
suggestions suitable summer summit superior supplement supply supported
suppose supposed sure surely surface surprise surprised surrender
surround surrounded survey survive suspect suspicion suspicious system
systems table tactics talk talked target task tasks tax taxes teach
teacher team technique techniques technology telegram telegrams
telephone temporary tendency term terms terrible territories
terror terrorist theory thereafter thick thin thinking thirteen
threats throughout thrown tie ties tight till title tonight tool top
)"
    R"(
topic total totally touch tough tour trace tradition traditional
traffic train trained training transfer transferred transition
translate translated translation travel treat treated treatment
trend trial trip triumph trouble truly trust truth try trying
twice type types typical ultimate ultimately unable uncertain
underground undermine undertake undertaken undoubtedly unemployment
unfortunately unified uniform unit units universal university unless
unlikely unusual upper urge urged urgent urgently usage use useful
useless usual usually utmost vain valid variety vast version vice
victim victims victory violate violated violation violations violence
violent visible vital voice volume voluntary volunteers vote voted
votes wait waited walk wall warm wartime watch water weakness
wealth wear weather weight west western wherever white wide widely
wife wild willing win wind window winter wisdom wise wish wishes withdraw
withdrawn witness won wonder wood wooden worker working-class workshop
worry worse worst worth wounded write writing written wrote yard yes
yield youth zeal
)"
    // Rarer words and terms of art: the tail of the Zipf curve.
    R"(
abolish abolition absence absolute absolutely absorb abstract absurd
abundant abuse academic academy accelerate accent acceptable access
accession accident accompanied accompany accomplish accomplished accord
accordance accordingly account accounts accumulate accumulation
accusation accusations accuse accused accustomed achievement
achievements acknowledge acknowledged acquaintance acquire acquired
acting active actively actor acute adapt adequate adjacent adjourned
adjust adjustment administration administrative admiration admit
admitted adopt adopted adoption advance advanced advantage advantages
adventurism adventurist adversary adverse advice advise advised
advocate affect affected affection affirm afford afraid aggravate
aggravation aggressive aggressor aggressors agitation agreeable agreements
aim aimed aims alarm alert alien alike alleged alliance alliances allied
allies ally allocate allocated alter alteration amazing ambassadors
ambiguous ambition ambitions amendment amendments amnesty ample analysis
analyze ancestors anger anniversary announcement annoyed anonymous
anticipate anxiety anxious apologize appalling appeasement
appreciate appreciated appreciation apprehension approximately arbitrary
arena arguments arise arisen armament armaments armistice arrest
arrested arrests arrogance arsenal artillery ascertain ashamed assault
assembly assert assertion assess assessment assets assign assigned
assist associate associated association assurance assurances assure
assured astonished atmosphere atrocities attach attached attacks
authentic author authorities authority authorized autonomous
autonomy auxiliary awkward balanced bankrupt barely bargain barrier
barriers basic basically battalion battalions battles behavior
behaviour belligerent beloved betray betrayal betrayed bilateral bitter
blame blamed blind bloc blockade blocs bloodshed blow bold bomb bombed
bomber bombers bombing bombs bond bonds boundary bourgeoisie boycott
brave breach breadth breakdown breakthrough brigade brigades broaden
brutal bulletin bureaucracy bureaucratic cabinet cable cables calculate
calculated calculation calendar canal cannon capability capacity
capitalism capitulation captive captured cargo casualties catastrophe
caution cautious ceasefire celebrate celebrated celebration censorship
ceremony chairmanship challenge challenged chamber champion chaos
characteristic charter chauvinism chauvinist chemical chronic
circulated circulation citizenship civilization clandestine clarify
clarification clash clashes classified clause clauses clergy coalition
coercion coexistence collaboration collaborator collaborators
collectivization colonel colonels colonialism colonialists colonies
colony combatants commemorate commencement commissar commodity
communism communists compatriots compel compelled compensation
competent complain complaint complaints compliance comply component
components composition compromise compromises comrade's concede
conceded concentration concept concession concessions conciliatory
concluding conduct conducted confederation confer
conference's confess confidential confirmation confiscated confront
confrontation congratulatory conquest conscript consent conservative
considerations consolidate consolidation conspiracy constituent
constitutional constructive consult consultation consultations consulted
consumption contempt contest continent contingent continuation
contradiction contradictions contradictory controversial controversy
convention conventional conversations convoy cooperative coordinate
coordinated coordination cordial corps corruption counterpart
counterparts coup courier cowardly credentials crews critical crops
crucial cruelty cultivate curb currency curtain custody customs cycle
)"
    R"(
deadline debt debts deceive deception decisive declare decline declined
decree decrees dedicated defeatism defeatist defector defectors
defensive deficiency deficit define delegate delegated delegates
deliberate deliberately delicate demarcation demilitarized
demobilization demonstrate demonstrated demonstrators denounce
denounced denunciation departure deployed deport deportation deported
deputy's descendants desert deserters designate destabilize detachment
detachments detain detained detention deterioration deterrence
deterrent devaluation devastated deviation deviations devoted dialogue
dictator dictatorship dignity dilemma diminish dioceses directed
disappointed disappointment disarm disaster discontent discreet
discrimination disgrace dismantle dismissed disorder disorders
dispatch dispatched displeasure disposal dissatisfaction dissatisfied
dissent dissident dissidents dissolution dissolve dissolved distrust
disturbances doctrinaire dogmatic dogmatism dogmatists dominance
dominant dominate domination donation dossier drastic drought duration
dynamic eagerness echelon echelons editor editorial editors effectiveness
elaborate elaborated eliminate eliminated elimination elite embargo
embarrassing emigre emigres eminent emissary empower enclosed encounter
endanger endeavor endeavour endorse endorsed enemy's enforce enforcement
engagement engineer engineers enlarge enlarged enlightenment enrich
enterprise enterprises enthusiasm enthusiastic entrust entrusted envisage
envisaged episode equality equipped escalation espionage essence
establishment estimates ethnic evacuate evacuated evacuation evade
evasive eventual eventually evident evidently exaggerate exaggerated
excess excessive exclude excluded exclusive exclusively excuse execute
executed execution executive exercise exercises exert exhausted
exhibition exile exiled expedient expedition expel expelled expenditure
expenditures expertise expiry exploit exploitation exploited
explosion explosive expulsion extension extermination extradition
extraordinary extremist extremists facilitate faction factional
factions faithful faithfully fanatic fascism fascist fascists fatal
feasible federal federation feudal fierce finances fiscal flagrant
flee flexibility flexible fluctuations forbidden forecast forefront
foresee forgery formality formally formulate formulated formulation
fortification fortifications forum fragile framework frontiers
frustration fulfilment furnish futile garrison garrisons gathering
generous genocide geography gesture gestures glorious govern governing
governor governors gradual gradually grievances guerrilla
guerrillas guideline guidelines guise hamper handling harassment harsh
harvest hasten hastily headquarters hegemonism hegemony heir heritage
heroism hesitate hesitation hierarchy hijacking hinder hindrance
hostage hostages hostilities humiliation hypocrisy hypocritical
)"
    R"(
identical ideology illusion illusions illustrate immense
imminent immunity impartial imperative imperialism implicated imply
impose imposed imprisoned imprisonment inadmissible
inaugurate incapable incite incitement inclination incompatible
inconsistent increasingly incursion indefinitely indications
indifference indifferent indignation indirect indirectly indispensable
industrialization inevitable inevitably infiltration inflation
influential informant informants infringement inherent initial
initially initiated injustice insistence inspect inspectors instability
installation installations instigation instigators instrument
instruments insufficient insult insurgents insurrection integral
integration integrity intellectual intellectuals intelligentsia
intensify intensified intensive intent intermediary
intermediate interrogation intervene intervention interventionists
intimidation intolerable intrigue intrigues invaluable invariably
invest investigate irresponsible irritation isolate jeopardy
journalist's judicial jurisdiction juridical justification kidnapping
laborers labourers landlord landlords landowners latent lawful leaflet
leaflets legation legations legislation legislative legitimacy lenient
liaison liberal liberalization liberals liquidate liquidated
liquidation literally livestock lobby logistics loyalists lucrative
magnitude maintenance malicious mandate maneuver maneuvers manoeuvre
manoeuvres manifestation manifestations manifesto manipulation
manpower manufacture maritime martial massacre mechanism mechanisms
mediate mediation mediator memorandum memoranda merchant merit
militarism militarist militarists militia militias
ministerial misinformation misgivings misleading missionary
misunderstanding misunderstandings mob mobilize moderation modernization
monarchy monitor monopoly monopolies morale morals motherland motivation
municipal munitions mutiny nationalism nationalist nationalists
nationalization nationalized naval negligible negotiate negotiated
negotiator negotiators neocolonialism nomenklatura nominate nominated
nomination nonaligned non-aligned normalization normalize notable
notification notify notified novelty nucleus objectively obstruct
occupying offence offense omission onslaught
opportunism opportunist opportunists oppression oppressors optimism
optimistic oral orbit ordinance orientation outbreak outlook outrage
outstanding overthrow overthrown overwhelming pacification pact pacts
pamphlet paramilitary pardon parity partisan partisans patriot
patriotic patriotism patriots patrol patrols peasantry penetrate
perception perestroika glasnost periodic persecution persistent
perspective petition petitions pilot pilots pioneer plebiscite pledge
pledged plot plots pluralism plutonium polemic polemics policies
politically politician politicians populace postwar pragmatic precaution
precautions precedent precondition preconditions predecessor
predecessors prejudice premature premises presidential prestigious
pretend prevailing primarily principled privilege privileges
proclaim proclaimed proclamation productive productivity professional
prohibited prohibition proletarian proletariat prolong prolonged
propagandist proportional prosecution prosperity protectorate
provisional proximity publicity punishment purge purges
)"
    R"(
quarrel quarters rally rallies ratio rationing readiness realistic
realm reasonably rebel rebellion rebels reciprocal reciprocity
reconcile reconciliation reconnaissance rectify redeploy referendum
refrain refusal regiment regiments register rehabilitation
rehabilitated reiterate reiterated reluctance reluctant
remarkable remedy reminded renewal renounce renunciation reparations
repatriation repercussions repression repressions reprisals
republican republics reputation resentment reservations reside
residence resign resignation resigned resolute resolutely restraint
resumption retaliation retaliatory reunification revenge revolt
revolutionaries rift rigid riot riots rival rivalry rivals rumor
rumors rumour rumours sabotage saboteurs sanction sanctions satellite
satellites scandal scarcely schism scrutiny secession secrecy sectarian
sector sectors sedition seizure sentence sentenced separatist
separatists settlements shelling shipments shortage shortages
siege signatories signatory skirmish skirmishes slander slanderous
smuggling socialism solemn solemnly sovereignty speculation spies
splitters spontaneous spy stabilization stalemate statute statutes
steadfast stockpile stockpiles stipulated stipulation strained
strengthening strife stubborn subordinate subordinated subversion
subversive successor successors summon summoned superiority superpower
superpowers supervision supremacy suppression surplus surveillance
suspend suspended suspension sympathy sympathies sympathetic tactic
tank tanks tariff tariffs telex temporarily tenacious tendencies
tenure terrorism testimony textile theoretical thesis theses
threatening tolerate tolerance totalitarian tractor trafficking traitor
traitors tranquility transit transmit transmitted treacherous
treachery treason treaties tribunal tribute troika trustworthy
turmoil ultimatum unacceptable unanimous unanimously unconditional
unconditionally undeniable undermined understandable underway
undesirable unequal unfounded unfriendly unilateral unilaterally
unjust unofficial unprecedented unrest unresolved upheaval uprising
uprisings uranium usurp utilization vanguard vehemently verbal veto
vigilance vigilant vigorous vindicate viewpoint violating visa visas
vocational vulnerable warfare warhead warheads warrant warships wary
weaken weakened weaponry welfare whereby withstand
workforce wreckers yesterday's zealous
)";

}  // namespace

std::span<const std::string_view> vocabulary() {
  static const std::vector<std::string_view> words = [] {
    std::vector<std::string_view> out;
    std::set<std::string_view> seen;
    std::size_t i = 0;
    while (i < kWords.size()) {
      while (i < kWords.size() && (kWords[i] == ' ' || kWords[i] == '\n')) ++i;
      std::size_t j = i;
      while (j < kWords.size() && kWords[j] != ' ' && kWords[j] != '\n') ++j;
      if (j > i) {
        std::string_view w = kWords.substr(i, j - i);
        // A repeated word would silently merge two ranks: keep the first.
        if (seen.insert(w).second) out.push_back(w);
      }
      i = j;
    }
    return out;
  }();
  return words;
}

}  // namespace opis
