//! Story templates: the shape of a [`Story`], the per-family shared paragraphs, and
//! every desk's templates (one file per desk) joined back into [`STORIES`].

use std::sync::LazyLock;

mod business;
mod culture;
mod new_york;
mod opinion;
mod politics;
mod science;
mod sport;
mod world;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fam {
    News,
    World,
    Business,
    Culture,
    Sport,
    Opinion,
    Science,
}

pub(super) struct Story {
    pub(super) fam: Fam,
    pub(super) w: u32,
    pub(super) sec: &'static [&'static str],
    pub(super) top: &'static [&'static str],
    pub(super) au: &'static [usize],
    pub(super) heads: &'static [&'static str],
    pub(super) deks: &'static [&'static str],
    pub(super) ledes: &'static [&'static str],
    pub(super) body: &'static [&'static str],
    pub(super) quotes: &'static [&'static str],
    pub(super) ra: &'static [&'static str],
    pub(super) rb: &'static [&'static str],
    pub(super) rc: &'static [&'static str],
    pub(super) orgs: &'static [&'static str],
    pub(super) orgs2: &'static [&'static str],
    pub(super) photos: &'static [&'static str],
    pub(super) score: [u32; 3],
    pub(super) close: &'static [&'static str],
    pub(super) bq: &'static [&'static str],
    pub(super) solo: bool,
}
const BASE: Story = Story {
    fam: Fam::News,
    w: 4,
    sec: &["new-york"],
    top: &[],
    au: &[0],
    heads: &[],
    deks: &[],
    ledes: &[],
    body: &[],
    quotes: &[],
    ra: &["a city official"],
    rb: &["a longtime resident"],
    rc: &["a local advocate"],
    orgs: &["the city"],
    orgs2: &["the state"],
    photos: &[],
    score: [0, 0, 0],
    close: &[],
    bq: &[],
    solo: false,
};

// Placeholders: {A}/{B}/{C} people (full name first, surname after), {Af} full, {As} surname, {Ar} role;
// {P},{P2} neighborhood, {Bo} borough, {St} street, {Ln} subway line, {O},{O2} organization, {N} 3-30,
// {N2} hundreds/thousands, {K} 2-7, {Pc} percent, {Pd} decimal, {M} millions, {Bn} billions, {Y} years,
// {D} weekday, {T} title, {W}/{L} winner/loser, {S1}-{S2} score, {Rec} record, {Att} crowd, {Pts} points,
// {I} institution, {J} journal, {Ct} world city, {Ve} venue, {Qt} fiscal quarter.

/// The desks in their original order. `articles` picks a template by weighted
/// position in the concatenation of these slices and stores that position, so
/// reordering desks (or entries within one) would change every seeded paper.
static DESKS: [&[Story]; 8] = [
    new_york::STORIES,
    world::STORIES,
    politics::STORIES,
    business::STORIES,
    culture::STORIES,
    sport::STORIES,
    opinion::STORIES,
    science::STORIES,
];

/// Every template, desk by desk, indexed exactly as the original single list was.
pub(super) static STORIES: LazyLock<Vec<&'static Story>> =
    LazyLock::new(|| DESKS.iter().flat_map(|desk| desk.iter()).collect());

// Family-wide paragraphs: [generic body, closers, blockquotes ("intro|text"), pull quotes].
pub(super) fn family(f: Fam) -> [&'static [&'static str]; 4] {
    match f {
        Fam::News => [
            &[
                "Elected officials representing {P} have so far offered cautious statements, saying they want more details before taking a position.",
                "It is not the first time the neighborhood has found itself at the center of a citywide debate. Residents point to a string of decisions over the past {Y} years that, they say, were made with little input from the people most affected.",
                "City records reviewed by The Hudson Ledger show that similar complaints were filed at least {N} times in the past two years.",
                "At a packed meeting in a school auditorium on {St} last week, more than {N} residents lined up to speak. Most were critical; a few said they welcomed the attention.",
                "Critics say the episode reflects a broader pattern in how the city communicates with residents of {Bo}, particularly those who do not speak English as a first language.",
                "Officials said more information would be released in the coming weeks, including a timeline and a breakdown of costs.",
                r#""People want to know what this means for them, for their rent and for their kids," said {C}, {Cr}. "That is a reasonable thing to want.""#,
            ],
            &[
                "A public hearing is scheduled for later this month. Written comments can be submitted through the city's website until then.",
                r#"For now, residents say they will keep showing up. "We're not going anywhere," {B} said."#,
                "Officials said they would provide an update by the end of the month.",
                "The local community board is expected to take up the issue at its next meeting.",
            ],
            &[
                "In a statement released on {D}, officials said:|We recognize the disruption this will cause and are committed to keeping residents informed at every stage. Safety is our first priority, and we will not cut corners to meet a deadline.",
                "A flyer taped to lampposts along {St} put the residents' view bluntly:|They decided about us without us. Come to the meeting and tell them that is not how this neighborhood works.",
            ],
            &[
                "Nobody asked us. They never ask us.",
                "We are not asking for special treatment. We are asking to be heard.",
                "I will believe it when I see it.",
            ],
        ],
        Fam::World => [
            &[
                "Experts said the outcome would depend on national governments, which have so far been reluctant to commit money.",
                "Similar disputes have played out in other countries in recent years, with mixed results.",
                "Officials in New York said they were following developments closely.",
            ],
            &[
                "Another round of talks is expected later this year.",
                "Negotiations were expected to resume next week.",
            ],
            &[
                "A joint statement issued at the close of the meeting read, in part:|We share one ocean and one future. No city can face this challenge alone, and none should be asked to.",
            ],
            &["We are not competing with each other. We are competing with the ocean."],
        ],
        Fam::Business => [
            &[
                "The news comes as businesses across the city adjust to higher borrowing costs. Loans that were cheap to refinance a few years ago now carry rates that have forced many companies to delay expansion plans.",
                "Rising labor and insurance costs have squeezed margins across industries in New York, where commercial rents remain among the highest in the country.",
                r#""The consumer is still spending, but more carefully," said {C}, {Cr}. "People are trading down, buying fewer things and asking harder questions about price.""#,
                "Executives have been cautious in public, and a spokesperson declined to elaborate beyond the announcement.",
            ],
            &[
                "Whether the strategy pays off may not be clear for another year or two.",
                "Not everyone is convinced the bet will pay off.",
            ],
            &[
                "In a memo to employees, the company's leadership wrote:|We are building for the long term. That means making difficult choices today so that we remain strong for our customers, employees and communities tomorrow.",
            ],
            &[
                "The margins in this business are razor thin. One bad year can undo a decade.",
                "The numbers are good, but I want to see the next two quarters.",
            ],
        ],
        Fam::Culture => [
            &[
                "It is the kind of work that rewards a second visit, or a second reading. Small details that seem incidental at first turn out to matter a great deal.",
                "There is humor here, too, more than the subject might suggest, and it keeps the whole thing from tipping into solemnity.",
                "The city has a long tradition of art made from the textures of everyday life, and this belongs comfortably in it.",
            ],
            &["More information is available on the venue's website."],
            &[
                "One passage, early on, captures the spirit of the whole:|The building was older than anyone who lived in it, and it remembered things they had forgotten: the weight of furniture carried up five flights, the sound of a radio through a wall, the names written in pencil inside a closet door.",
            ],
            &[
                "Some of these places only exist in the pictures now.",
                "I wanted to write about what families say when they think nobody is listening.",
            ],
        ],
        Fam::Sport => [
            &[
                "It was a much-needed result for a team that had lost {K} of its previous ten games and had been hearing about it from the crowd.",
                "Injuries have complicated the season. Two regular starters watched from the bench in street clothes.",
            ],
            &[
                "The teams meet again later this month.",
                "Next up is a three-game road trip that will say a lot about where this team is headed.",
                "The winners have a day off before returning to action at home.",
            ],
            &[
                "Afterward, the coach kept the message simple:|We don't get too high and we don't get too low. We enjoy this one tonight, and tomorrow we get back to work.",
            ],
            &[
                "You wait all game for one chance, and then you just hit it.",
                "When it's late, you want the ball.",
                "Nobody gave us anything. We earned every bit of it.",
            ],
        ],
        Fam::Opinion => [
            &[
                "I want to be fair to the other side. The people who disagree with me are not villains, and many of them have lived here longer than I have. But good intentions do not change the arithmetic.",
                "I have heard the objection that this is a problem for another year, another administration. Every year someone says that, and every year the problem gets more expensive.",
                "It is worth remembering that this city has done hard things before. It built the subway, the water tunnels and the public housing that still shelters hundreds of thousands of people. It can do this.",
                "There is a habit in New York politics of mistaking process for progress. Hearings are held, reports are issued, task forces are convened. Meanwhile, nothing changes for the people in the middle of it.",
                "When I raised this with a friend who works in city government, the response was a weary shrug. Everyone agrees, I was told; nobody wants to go first. That is not a policy. It is an excuse.",
            ],
            &[
                "So here is my request of the mayor, the City Council and anyone else with a vote: stop studying and start deciding. The rest of us are waiting.",
                "I may be wrong about some of the details. I am not wrong about the urgency.",
                "We can keep having this argument, or we can fix the problem. I know which one I would choose.",
                "The city will make this decision one way or another, deliberately or by default. I would rather it chose.",
            ],
            &[
                "A reader wrote to me after my last column on the subject:|We keep being told to wait for the next plan. I have been waiting since my children were in grade school. They are grown now.",
                "The city's own planning report, published years ago, said it better than I can:|The costs of inaction are rarely visible in a single year, but they compound, and they fall hardest on those with the fewest choices.",
            ],
            &[
                "Good intentions do not change the arithmetic.",
                "Stop studying and start deciding.",
                "That is not a policy. It is an excuse.",
            ],
        ],
        Fam::Science => [
            &[
                "The study has limitations, the authors acknowledged. The data come from a single region, and the measurements were not collected in the same way across the entire period.",
                "Scientists not involved in the research said the findings were consistent with earlier work, though the size of the effect was somewhat larger than previous estimates.",
                "The researchers said they planned to expand the work with more sensors and a longer study period, and have applied for additional funding.",
                "The findings add to a growing body of research on how the physical environment of the city shapes the lives of the people, and other creatures, that live in it.",
            ],
            &[
                "The data from the study are publicly available, and the researchers said they hoped city agencies would use them.",
                "A follow-up study is already underway.",
                "The researchers plan to present their findings to city officials later this year.",
            ],
            &[
                "The authors summarize their conclusions plainly:|Our results indicate that local conditions can amplify regional trends, and that urban areas may experience these changes sooner and more intensely than surrounding regions.",
            ],
            &[
                "We expected to see a change. We did not expect to see this much.",
                "Cities are not ecological dead zones. They are ecosystems, just new kinds.",
            ],
        ],
    }
}
