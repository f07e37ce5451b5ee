//! New York desk story templates (placeholders are listed in `stories/mod.rs`).

use super::{BASE, Story};

pub(super) static STORIES: &[Story] = &[
    Story {
        w: 6,
        top: &["transit"],
        au: &[1, 1, 9],
        orgs: &["the Metropolitan Transit Board"],
        heads: &[
            "{Ln} train repairs will shut {P} station for {N} weeks",
            "Riders in {P} brace for longer commutes as {Ln} line overhaul begins",
            "Transit board approves {M} plan to replace signals on the {Ln} line",
            "Weekend {Ln} train closures leave {P} riders scrambling",
        ],
        deks: &[
            "Officials call the work overdue. Commuters and shop owners in {Bo} say the timing could hardly be worse.",
            "The closure is the latest in a string of repair projects that have tested the patience of riders across {Bo}.",
            "Shuttle buses will run along {St}, but advocates warn they will not be enough for the station's {N2} daily riders.",
        ],
        ledes: &[
            "Riders who depend on the {Ln} train in {P} will have to find another way to work starting {D}, when {O} begins a {N}-week closure of the station to replace signal equipment that in places dates to the 1930s.",
            "For the roughly {N2} people who board the {Ln} train in {P} each weekday, the next few months are going to be long.",
        ],
        body: &[
            "The closure is part of a {M} capital project that transit officials have described as the most significant upgrade to the line in a generation. Shuttle buses will run along {St} about every {K} minutes during rush hours, according to a notice posted at the station.",
            "Officials said the aging equipment accounts for a disproportionate share of delays on the line. Signal problems were blamed for {Pc} percent of late trains on the route last year, according to the board's own performance data.",
            "Business owners along {St} said they were bracing for a drop in foot traffic. Several said they had not heard about the closure until signs appeared on the platform last week.",
            "Advocates for riders with disabilities raised particular concerns. The nearest accessible station is more than a mile away, and the board acknowledged that not every replacement bus would have a working ramp on the first day.",
            "The board said it would add trains on parallel lines and post staff at the station to direct passengers during the first two weeks of the work.",
        ],
        quotes: &[
            r#""We know this is painful, and we are not pretending otherwise," said {A}, {Ar}. "But the alternative is a line that keeps failing, week after week, with no end date at all.""#,
            r#""I have a forty-minute commute that is about to become an hour and a half," said {B}, {Br}. "Nobody asked us.""#,
            r#""Shuttle buses on {St} at rush hour? Good luck," said {C}, {Cr}. "That street is already a parking lot.""#,
        ],
        ra: &[
            "a spokesperson for the Metropolitan Transit Board",
            "the board's chief of capital projects",
        ],
        rb: &[
            "a nurse who lives near the station",
            "a home health aide from {P}",
            "a retired bus operator",
        ],
        rc: &[
            "the owner of a hardware store on {St}",
            "a member of the local community board",
        ],
        photos: &[
            "Commuters wait for a shuttle bus on {St} in {P}|Commuters waited for a shuttle bus on {St} in {P} on {D}.",
            "A nearly empty subway platform at the {P} station|The {P} station, where {Ln} trains will stop running for {N} weeks.",
        ],
        ..BASE
    },
    Story {
        w: 5,
        top: &["housing", "development"],
        au: &[2, 2, 0],
        orgs: &["the city's planning department"],
        heads: &[
            "{P} rezoning would add {N2} apartments. Neighbors are split.",
            "City unveils plan to allow taller buildings along {St} in {P}",
            "{P} rezoning clears first hurdle amid fears of displacement",
        ],
        deks: &[
            "Supporters call it the neighborhood's best chance at affordable housing in a generation; opponents fear it will speed up displacement.",
            "The proposal, which still faces months of public review, would set aside about a quarter of new units for lower-income households.",
        ],
        ledes: &[
            "A plan to rezone roughly {N} blocks of {P} to allow taller residential buildings cleared its first hurdle on {D}, setting up what is likely to be one of the most closely watched land-use fights in {Bo} this year.",
            "The city wants to let developers build higher along {St} in {P}. Whether that is a lifeline for a neighborhood short on housing or the beginning of its end depends on whom you ask.",
        ],
        body: &[
            "Under the proposal, developers would be allowed to build up to {N} stories along {St} in exchange for setting aside a share of new apartments at below-market rents. City planners estimate the changes could produce about {N2} homes over the next decade.",
            "Median rent in {P} has risen {Pc} percent over the past five years, according to an analysis of listings data, far outpacing wage growth for the neighborhood's residents.",
            "Opponents have organized under the banner of a coalition that includes tenant groups, a church and two block associations. They want a binding commitment that at least half of any new units be affordable.",
            "The plan must pass through the city's formal land-use review, which includes votes by the community board, the borough president and, finally, the City Council. The process typically takes about seven months.",
        ],
        quotes: &[
            r#""We are in a housing emergency, and emergencies require us to build," said {A}, {Ar}. "This plan does that while protecting the people who already call {P} home.""#,
            r#""Every time they say affordable, they mean affordable to somebody else," said {B}, {Br}. "I want to know who these apartments are actually for.""#,
        ],
        ra: &[
            "a deputy director at the city's planning department",
            "a spokesperson for the mayor's housing office",
        ],
        rb: &[
            "a tenant organizer who has lived in {P} for {Y} years",
            "a retired schoolteacher who rents on {St}",
        ],
        rc: &[
            "a land-use lawyer who advises community groups",
            "the chair of the local community board's housing committee",
        ],
        photos: &[
            "Apartment buildings and storefronts along {St} in {P}|Low-rise buildings along {St} in {P}, where the rezoning would allow towers of up to {N} stories.",
        ],
        ..BASE
    },
    Story {
        w: 4,
        top: &["housing", "public-safety"],
        au: &[2],
        orgs: &["the city's housing agency"],
        heads: &[
            "Tenants in {P} building withhold rent after weeks without heat",
            "'We sleep in our coats': {P} tenants say landlord ignored heat complaints",
            "City sues {P} landlord over {N} heat and hot-water violations",
        ],
        deks: &[
            "Residents say repeated complaints to the landlord and the city went unanswered through the coldest weeks of winter.",
            "The building's owner has been cited dozens of times, records show, but tenants say little has changed.",
        ],
        ledes: &[
            "For much of the winter, the tenants of a {N}-unit building on {St} in {P} have slept in their coats. On {D}, they announced they would stop paying rent until the heat comes back for good.",
            "The complaints began in November, when the radiators in a six-story building on {St} in {P} went cold. By February, tenants had filed more than {N} of them with the city.",
        ],
        body: &[
            "The building's owner, a limited liability company registered to an address in New Jersey, has been cited for heat and hot-water violations {N} times since October, according to city records. Tenants say the boiler has been patched repeatedly but never replaced.",
            "Several tenants said they had bought space heaters, raising their electricity bills and, they worry, the risk of fire. One family said it had moved a newborn to a relative's apartment in {P2}.",
            "Under city law, landlords must keep indoor temperatures at least 68 degrees during the day from October through May when it is colder than 55 degrees outside. Fines for violations are modest, and advocates say many owners treat them as a cost of doing business.",
            "A lawyer for the owner said in an email that a new boiler had been ordered and that the company was \"working diligently\" to restore reliable service.",
        ],
        quotes: &[
            r#""My kids do their homework in gloves," said {B}, {Br}. "That is not a way to live in the richest city in the world.""#,
            r#""We have inspectors in that building regularly, and we will use every tool we have," said {A}, {Ar}. "The owner has been put on notice.""#,
        ],
        ra: &["a spokesperson for the city's housing agency"],
        rb: &[
            "who has lived in the building for {Y} years",
            "a building superintendent's daughter who grew up on the block",
        ],
        rc: &[
            "a lawyer with a tenants' legal aid group",
            "an organizer with a tenants' union in {Bo}",
        ],
        photos: &[
            "A tenant holds up a thermometer inside a cold apartment in {P}|A tenant showed the temperature inside an apartment on {St} in {P}.",
        ],
        ..BASE
    },
    Story {
        w: 5,
        top: &["schools", "city-budget"],
        au: &[9, 9, 0],
        orgs: &["the city's schools department"],
        heads: &[
            "{P} parents fight plan to merge two elementary schools",
            "City plan to merge {P} schools draws fierce opposition",
            "Falling enrollment prompts plan to merge {P} elementary schools",
        ],
        deks: &[
            "Education officials say the change is about enrollment and money. Families say it is about something harder to measure.",
            "The plan, announced with little warning, has left parents scrambling to understand their options.",
        ],
        ledes: &[
            "Parents packed a school auditorium in {P} on {D} evening to oppose a plan by {O} that would reshape where hundreds of children in {Bo} go to school next fall.",
            "Officials at {O} describe the change as a technical adjustment. For families in {P}, it feels like anything but.",
        ],
        body: &[
            "Enrollment in the neighborhood's elementary schools has fallen about {Pc} percent over the past decade, a decline officials attribute to rising rents, lower birth rates and families leaving the city.",
            "Under the plan, students would be reassigned over two years, and one building would be converted to house a pre-kindergarten center and offices. Officials estimate it would save about {M} annually.",
            "Several teachers who spoke at the meeting said class sizes at the receiving school were already near the legal maximum, and that a merger would push them over.",
            "A vote by the city's education panel is expected next month. Parents said they would ask the local council member to intervene before then.",
        ],
        quotes: &[
            r#""No child will lose a seat, and every child will have access to the same programs they have today," said {A}, {Ar}."#,
            r#""My daughter has had the same art teacher since kindergarten," said {B}, {Br}. "You cannot put that in a spreadsheet.""#,
            r#""The department has a habit of announcing decisions and calling it engagement," said {C}, {Cr}."#,
        ],
        ra: &[
            "a spokesperson for the city's schools department",
            "the district superintendent",
        ],
        rb: &[
            "a parent of two students at the school",
            "a mother who works nights as a nurse",
        ],
        rc: &[
            "the president of the local parent association",
            "a teacher at the school for {Y} years",
        ],
        photos: &[
            "Parents and children outside an elementary school in {P}|Families outside an elementary school in {P} on {D}.",
        ],
        ..BASE
    },
    Story {
        w: 4,
        top: &["public-safety"],
        au: &[0, 1, 9],
        orgs: &["the city's fire department"],
        heads: &[
            "Fire in {P} apartment building displaces {N} families",
            "Early-morning fire on {St} leaves {N} families without homes",
            "Fire tears through {P} building; investigators look at e-bike battery",
        ],
        deks: &[
            "No one was seriously injured, officials said, but residents face weeks, perhaps months, away from home.",
            "City inspectors were on the scene on {D} trying to determine the cause.",
        ],
        ledes: &[
            "A fire that started in a ground-floor unit tore through a five-story building on {St} in {P} early {D}, forcing residents into the street and leaving {N} families without a place to live.",
            "Residents of {P} woke on {D} to emergency vehicles lining {St} and an order to leave their homes.",
        ],
        body: &[
            "Firefighters arrived within four minutes of the first call, officials said, and brought the situation under control in a little over an hour. Two residents and a firefighter were treated for minor injuries.",
            "The cause was under investigation. Officials said they were looking at whether a lithium-ion battery, of the kind used in electric bikes and scooters, may have been involved, but cautioned that it was too early to draw conclusions.",
            "Disaster relief volunteers were helping displaced families with temporary housing. A neighborhood church opened its basement as a gathering place, and by midday volunteers had collected bags of clothing and diapers.",
            "City records show the building had {K} open violations, most of them minor, including a missing smoke detector reported last year.",
        ],
        quotes: &[
            r#""I grabbed my kids and my mother's medication, and that's it," said {B}, {Br}. "Everything else is still up there.""#,
            r#""The quick actions of our members prevented this from becoming a much larger tragedy," said {A}, {Ar}."#,
        ],
        ra: &[
            "a battalion chief with the city's fire department",
            "a spokesperson for the city's emergency management office",
        ],
        rb: &[
            "who lived on the third floor",
            "a neighbor who helped carry an elderly resident down the stairs",
        ],
        rc: &[
            "the pastor of a nearby church",
            "a local council member who visited the scene",
        ],
        photos: &[
            "Firefighters outside a damaged building on {St}|Firefighters at the scene on {St} in {P} on {D}.",
            "Emergency vehicles line a street in {P}|Emergency crews on {St} in {P}.",
        ],
        solo: true,
        close: &[
            "The cause of the fire remains under investigation.",
            "Neighbors have organized a clothing and supply drive for displaced families at a nearby church on {D}.",
        ],
        bq: &[
            "A notice from city inspectors, taped to the building's front door on {D}, read:|This building has been vacated. No person shall enter or occupy these premises until authorized by the city.",
        ],
        ..BASE
    },
    Story {
        w: 4,
        top: &["parks", "waterfront", "climate"],
        au: &[9, 2, 6],
        orgs: &["the city's parks department"],
        sec: &["new-york", "news"],
        heads: &[
            "A long-promised waterfront park in {P} is finally taking shape",
            "Work begins on a waterfront park and flood barrier in {P}",
            "City to spend {M} protecting the {P} shoreline from storms",
        ],
        deks: &[
            "The project has been delayed by lawsuits, contaminated soil and a pandemic. Neighbors are cautiously optimistic.",
            "The plan would combine flood barriers with new lawns, playgrounds and a kayak launch.",
        ],
        ledes: &[
            "For {Y} years, residents of {P} have been promised a park on the abandoned industrial lots along the water. On {D}, officials finally broke ground.",
            "The city will spend about {M} on a combination of berms, marsh restoration and raised walkways along the {P} waterfront, officials said on {D}, in an effort to protect a neighborhood that flooded badly in recent storms.",
        ],
        body: &[
            "The design includes {N} acres of lawns and native plantings, a playground, a fishing pier and a kayak launch. A berm along the water's edge is intended to hold back storm surge while doubling as a walking path.",
            "Cleanup of the site, which was used for decades to store fuel oil and scrap metal, took longer than expected after engineers found contamination deeper than earlier surveys suggested.",
            "The neighborhood has very little green space. By one estimate, residents of {P} have access to less than half the parkland per person of the citywide average.",
            "Construction is expected to take about two years. Officials said portions of the site could open sooner.",
        ],
        quotes: &[
            r#""This is a park that the community designed, in meeting after meeting, and it is going to be spectacular," said {A}, {Ar}."#,
            r#""I'll believe it when I can sit on a bench there," said {B}, {Br}, who has attended planning meetings for the project since they began."#,
        ],
        ra: &[
            "the parks department's borough commissioner",
            "a landscape architect who worked on the design",
        ],
        rb: &[
            "a retired longshoreman",
            "a mother of three who lives across {St}",
        ],
        rc: &[
            "a member of the neighborhood's waterfront alliance",
            "an environmental scientist who advises the community board",
        ],
        photos: &[
            "Construction equipment on a vacant lot by the water in {P}|The future park site on the {P} waterfront.",
            "A kayaker paddles near the shoreline|The shoreline near {P}, where the city plans new flood protections.",
        ],
        ..BASE
    },
    Story {
        w: 3,
        top: &["immigration", "labor"],
        au: &[8, 0, 9],
        orgs: &["the city's immigrant services office"],
        heads: &[
            "New legal clinic in {P} is swamped on its first day",
            "In {P}, a free legal clinic for immigrants can't keep up with demand",
            "Immigrant legal clinic in {P} serves {N2} people in first month",
        ],
        deks: &[
            "Advocates say demand has long outstripped the help available. The city says more is coming.",
            "The program is small, but supporters say it could become a model for other neighborhoods.",
        ],
        ledes: &[
            "By 7 a.m. on {D}, the line outside a storefront office on {St} in {P} stretched around the corner. Most of the people in it had come with folders of documents and a single question: what happens next?",
            "When {O} announced a new program in {P}, officials expected a few dozen people a week. In its first month, it served {N2}.",
        ],
        body: &[
            "The program, run by a nonprofit with city funding, offers free consultations with lawyers and help filling out applications for work permits, asylum and other forms of legal status.",
            "Many of those seeking help are recent arrivals, but advocates said a growing share are people who have lived in the city for years and are trying to resolve their status after changes in federal policy.",
            "The clinic has {N} staff members and volunteers. Organizers said they would need at least twice as many to meet demand.",
            "The city has committed {M} to expand similar services to other neighborhoods over the next two years.",
        ],
        quotes: &[
            r#""People come here because they want to do everything right," said {A}, {Ar}. "Our job is to make that possible.""#,
            r#""I have been working here for {Y} years," said {B}, {Br}, speaking in Spanish through an interpreter. "I just want to be able to plan my life.""#,
        ],
        ra: &[
            "the clinic's director",
            "a deputy commissioner in the city's immigrant services office",
        ],
        rb: &[
            "a restaurant worker from {P}",
            "a construction worker who arrived from Ecuador",
        ],
        rc: &[
            "an immigration lawyer who volunteers at the clinic",
            "an organizer with a workers' center in {Bo}",
        ],
        photos: &[
            "People wait in line outside a storefront office in {P}|People waited outside the clinic on {St} in {P} on {D}.",
        ],
        solo: true,
        close: &[
            "The clinic is open Monday through Saturday. Appointments are not required.",
            "Organizers said they hoped to extend evening hours by the end of the year.",
        ],
        bq: &[
            "A handwritten sign taped to the clinic's window read:|We will see everyone we can today. If we cannot see you, please come back tomorrow. We are not going anywhere.",
        ],
        ..BASE
    },
    Story {
        w: 3,
        top: &["weather", "climate", "public-safety"],
        au: &[6, 1],
        sec: &["news", "new-york"],
        orgs: &["the city's emergency management office"],
        heads: &[
            "Storm drops {K} inches of rain, flooding basements from {P} to {P2}",
            "Flash floods swamp streets and subway stations after evening downpour",
            "Basement apartments flood again as storm overwhelms drains in {Bo}",
        ],
        deks: &[
            "Forecasters expect conditions to ease by the weekend, but officials urged caution.",
            "The city's drainage system, built for a different climate, was overwhelmed in several neighborhoods.",
        ],
        ledes: &[
            "Water poured down subway stairs, rose over car tires and seeped into basement apartments across {Bo} on {D} evening, as a fast-moving storm dropped more rain in an hour than the city's sewers were built to handle.",
            "A storm that swept across the region on {D} flooded streets and basements in {P} and {P2}, stranded drivers on highways and disrupted subway service during the evening rush.",
        ],
        body: &[
            "Forecasters had issued flash flood warnings for all five boroughs hours before the storm arrived. Skies were expected to clear by the weekend.",
            "Sewer systems in older parts of the city were designed to handle about an inch and three-quarters of rain an hour. Recent storms have repeatedly exceeded that, and climate scientists expect such bursts to become more frequent.",
            "Firefighters rescued {N} people from stalled vehicles, officials said. Utility crews worked through the night to restore power to about {N2} customers.",
            "Residents in basement apartments are among the most vulnerable. Several people have died in recent years after water poured into below-grade units during intense storms.",
        ],
        quotes: &[
            r#""Stay inside if you can, check on your neighbors, and please, do not drive through standing water," said {A}, {Ar}."#,
            r#""The water came in under the door in about ten minutes," said {B}, {Br}. "We lost the furniture, the photographs, everything on the floor.""#,
        ],
        ra: &[
            "the city's emergency management commissioner",
            "a spokesperson for the city's emergency management office",
        ],
        rb: &[
            "who lives in a basement apartment in {P}",
            "a bodega owner on {St}",
        ],
        rc: &[
            "a climate scientist at Morningside Polytechnic Institute",
            "a meteorologist with a private forecasting firm",
        ],
        photos: &["A car stalled in floodwater on {St}|A flooded stretch of {St} in {P} on {D}."],
        solo: true,
        close: &[
            "More rain is in the forecast for later in the week.",
            "Officials urged residents to report flooding by calling 311.",
        ],
        bq: &[
            "An emergency alert sent to phones across the city read:|Flash flood warning in effect. Avoid travel. If you live in a basement, move to higher ground now.",
        ],
        ..BASE
    },
];
