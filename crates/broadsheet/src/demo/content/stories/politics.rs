//! Politics desk story templates (placeholders are listed in `stories/mod.rs`).

use super::{BASE, Story};

pub(super) static STORIES: &[Story] = &[
    Story {
        w: 5,
        sec: &["politics"],
        top: &["city-budget", "housing", "transit"],
        au: &[0],
        orgs: &["the City Council"],
        heads: &[
            "Council passes {As}'s bus lane bill after heated debate",
            "City Council votes to expand tenant protections in bill led by {P} member",
            "{As} bill to expand tenant protections clears City Council",
            "Council approves sidewalk shed crackdown over industry objections",
            "Council backs {As}'s plan to speed up repairs in public housing",
        ],
        deks: &[
            "Supporters called it overdue; opponents said the city was moving too fast.",
            "The measure now goes to the mayor, who has not said whether he will sign it.",
        ],
        ledes: &[
            "After months of negotiations and a marathon hearing, {O} voted on {D} to approve a bill that its sponsors say will change daily life for hundreds of thousands of New Yorkers.",
            "A bill that had quietly circulated at City Hall for more than a year cleared the City Council on {D}, in a vote that exposed divisions within the body's majority.",
        ],
        body: &[
            "The bill's chief sponsor, {A}, {Ar}, said it was the product of dozens of meetings with residents, business owners and city agencies.",
            "Opponents, including several members from Staten Island and eastern Queens, argued the measure would impose costs on residents and small businesses without clear evidence it would work.",
            "The city's budget office estimated the measure would cost about {M} a year to carry out, a figure critics said was likely an underestimate.",
            "The mayor's office said it was reviewing the legislation. The mayor has 30 days to sign or veto it; the Council could override a veto with a two-thirds majority.",
        ],
        quotes: &[
            r#""This is about whether government can actually deliver for working people," said {A}. "Today, it did.""#,
            r#""We all want the same outcome. This bill is the wrong way to get there," said {B}, {Br}."#,
            r#""Council members heard from thousands of constituents. The vote reflects that," said {C}, {Cr}."#,
        ],
        ra: &[
            "a council member who represents {P}",
            "a council member from {Bo} who chairs the transportation committee",
        ],
        rb: &[
            "a council member from Staten Island",
            "a council member who represents parts of {Bo}",
        ],
        rc: &[
            "a spokesperson for the Council speaker",
            "a professor who studies city government at Flatbush University",
        ],
        photos: &[
            "Council members in the chamber at City Hall|Council members during the vote at City Hall on {D}.",
        ],
        ..BASE
    },
    Story {
        w: 4,
        sec: &["politics"],
        top: &["elections"],
        au: &[0, 0, 7],
        orgs: &["the city's campaign finance regulator"],
        heads: &[
            "Crowded race for open {P} council seat draws {K} candidates",
            "{As} leads fund-raising in race for {P} council seat",
            "In {P}, a first-time candidate tests the neighborhood's political machine",
            "Race for open {P} council seat turns on housing and safety",
        ],
        deks: &[
            "The race is shaping up as a test of the neighborhood's shifting politics.",
            "Housing, public safety and the cost of living dominate conversations on the campaign trail.",
        ],
        ledes: &[
            "When the council member who has represented {P} for {Y} years announced her retirement, the scramble to replace her began almost immediately. Now {K} candidates are on the ballot.",
            "On a cold {D} morning outside a supermarket on {St}, {A}, {Ar}, was handing out flyers and asking shoppers the same question: what would you change?",
        ],
        body: &[
            "{A} has raised about ${N}0,000, according to filings with {O}, more than any other candidate, and has been endorsed by two major unions.",
            "Turnout in the district's last primary was about {Pc} percent of registered voters, and political consultants say a few thousand votes could decide the outcome.",
            "The district, which includes {P} and parts of {P2}, has changed significantly over the past decade as rents rose and younger residents moved in.",
            "The candidates have clashed over a proposed homeless shelter, a rezoning plan and whether to add police officers to the local precinct.",
        ],
        quotes: &[
            r#""People are not asking for miracles. They want the trash picked up and their rent to be something they can pay," said {A}."#,
            r#""I am not a politician, and I think that is the point," said {B}, {Br}."#,
            r#""In a race this crowded, organization beats inspiration almost every time," said {C}, {Cr}."#,
        ],
        ra: &[
            "a former district chief of staff",
            "a tenant lawyer running for the seat",
        ],
        rb: &[
            "a small-business owner running as an independent",
            "a public school teacher and first-time candidate",
        ],
        rc: &[
            "a political consultant who is not working for any candidate",
            "a professor of political science at Flatbush University",
        ],
        photos: &[
            "A candidate speaks with voters outside a supermarket|A candidate greeted voters on {St} in {P} on {D}.",
        ],
        solo: true,
        close: &[
            "Early voting begins next week. Primary day is later this month.",
            "The candidates will meet for a televised debate next week.",
        ],
        bq: &[
            "One candidate's mailer, which arrived in mailboxes across the district this week, makes the pitch in a single line:|Your neighbor, not a politician. Ready to fix what is broken on our block.",
        ],
        ..BASE
    },
    Story {
        w: 3,
        sec: &["politics"],
        top: &["city-budget", "schools", "libraries"],
        au: &[0, 9],
        orgs: &["the mayor's budget office"],
        heads: &[
            "Mayor's budget proposal cuts library hours and parks staff",
            "Proposed budget would end Sunday hours at most branch libraries",
            "Budget talks stall over police overtime and library hours",
            "{P} library would lose Sunday hours under mayor's budget",
            "City faces {Bn} gap as mayor proposes cuts to libraries and parks",
        ],
        deks: &[
            "The spending plan faces weeks of negotiation with the City Council before a deadline at the end of June.",
            "Advocates say the cuts would fall hardest on neighborhoods with the fewest alternatives.",
        ],
        ledes: &[
            "The mayor on {D} released a budget proposal that would trim spending at most city agencies, reduce hours at public libraries and leave hundreds of vacant jobs unfilled.",
            "Branch libraries would close on Sundays, parks would lose seasonal workers and hundreds of city jobs would go unfilled under a budget proposal released on {D}.",
        ],
        body: &[
            "Officials at {O} said the cuts were needed to close a projected gap of about {Bn} in the coming fiscal year, driven by rising pension and health care costs and the end of federal pandemic aid.",
            "Library systems said the proposal would force them to end Sunday service at most branches and cut spending on books and programs by {Pc} percent.",
            "Council members have said they will push to restore funding for libraries, parks and programs for young people. They have also questioned the budget office's revenue forecasts, which they say are too pessimistic.",
            "Police overtime, which has exceeded its budgeted amount for several years in a row, has become a flashpoint in the negotiations.",
        ],
        quotes: &[
            r#""Nobody likes making these choices, but responsible government means living within our means," said {A}, {Ar}."#,
            r#""You cannot balance a budget on the backs of kids doing homework at the library," said {B}, {Br}."#,
        ],
        ra: &[
            "the city's budget director",
            "a deputy mayor for operations",
        ],
        rb: &[
            "the chair of the Council's finance committee",
            "a council member from {Bo}",
        ],
        rc: &[
            "a fiscal analyst at a budget watchdog group",
            "the president of the library workers' union local",
        ],
        photos: &[
            "The mayor's budget proposal displayed on a screen|Officials presented the budget proposal on {D}.",
        ],
        ..BASE
    },
    Story {
        w: 2,
        sec: &["politics"],
        top: &["transit", "housing", "labor"],
        au: &[0, 1],
        orgs: &["the State Legislature"],
        heads: &[
            "Albany lawmakers reach deal on transit funding as session ends",
            "Albany sends the city new transit money, but less than it wanted",
            "Albany's session ends with big promises and little action for the city",
        ],
        deks: &[
            "City officials had lobbied for months. The result was a partial win.",
            "The compromise leaves several city priorities for next year.",
        ],
        ledes: &[
            "State lawmakers in Albany wrapped up their legislative session early on {D} with a flurry of deals, some of which will shape the city's transit system and housing market for years.",
            "After months of lobbying by city officials, lawmakers in Albany approved a package on {D} that will send new money to the city's transit system, though far less than some had hoped for.",
        ],
        body: &[
            "The package includes {Bn} in new funding for transit capital projects, to be raised through a combination of fees and a tax on large businesses in the metropolitan area.",
            "City officials had hoped for more. A proposal to let the city set its own rules for converting office buildings into apartments was left out of the final deal.",
            "Lawmakers from upstate and suburban districts have long resisted measures they see as favoring the city, and several voted against the package.",
        ],
        quotes: &[
            r#""This is real money for real projects," said {A}, {Ar}. "It is not everything, but it is a start.""#,
            r#""Once again, the city came to Albany with a list and went home with a receipt for half of it," said {C}, {Cr}."#,
        ],
        ra: &[
            "a state senator who represents parts of {Bo}",
            "an Assembly member from {P}",
        ],
        rb: &["a Republican senator from Long Island"],
        rc: &[
            "a government watchdog advocate",
            "a lobbyist for city business groups",
        ],
        photos: &["The State Capitol in Albany at dusk|The State Capitol in Albany."],
        ..BASE
    },
];
