//! Content generator for the demo newspaper, *The Hudson Ledger*.
//!
//! Everything here is original, template-generated text about fictional people
//! and organisations in a real New York. Output is deterministic for a given
//! `(count, seed)` and uses only `std` (a small SplitMix64 PRNG drives choices).

use std::collections::HashSet;

pub const PAPER_NAME: &str = "The Hudson Ledger";
pub const TAGLINE: &str = "The city, on the record.";

pub struct DemoSection {
    pub slug: &'static str,
    pub name: &'static str,
    pub parent: Option<&'static str>,
    pub description: &'static str,
}
pub struct DemoTopic {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}
pub struct DemoAuthor {
    pub slug: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub bio: String,
}
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoNoteKind {
    Correction,
    Update,
}
pub struct DemoNote {
    pub kind: DemoNoteKind,
    pub text: String,
    pub hours_after_publication: u32,
}
pub struct DemoPhoto {
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub scene_seed: u64,
}
pub struct DemoArticle {
    pub headline: String,
    pub dek: String,
    pub slug: String,
    pub section: &'static str,
    pub topics: Vec<&'static str>,
    pub authors: Vec<usize>,
    pub minutes_ago: u32,
    pub body_markdown: String,
    pub photo: Option<DemoPhoto>,
    pub notes: Vec<DemoNote>,
}
pub struct DemoPage {
    pub slug: &'static str,
    pub parent: Option<&'static str>,
    pub title: &'static str,
    pub body_markdown: String,
}

// ---------------------------------------------------------------- structure

pub fn sections() -> Vec<DemoSection> {
    let s = |slug, name, parent, description| DemoSection {
        slug,
        name,
        parent,
        description,
    };
    vec![
        s(
            "news",
            "News",
            None,
            "Reporting from the five boroughs and around the world.",
        ),
        s(
            "new-york",
            "New York",
            Some("news"),
            "The city block by block: transit, housing, schools, parks and the people who live here.",
        ),
        s(
            "world",
            "World",
            Some("news"),
            "International news, and the ways the wider world reaches New York.",
        ),
        s(
            "politics",
            "Politics",
            None,
            "City Hall, Albany and the campaigns that decide who runs them.",
        ),
        s(
            "business",
            "Business",
            None,
            "Companies, workers, markets and the economy of the city.",
        ),
        s(
            "real-estate",
            "Real Estate",
            Some("business"),
            "Deals, development and the never-ending story of New York property.",
        ),
        s(
            "culture",
            "Culture",
            None,
            "Art, music, theater, books and the city's cultural life.",
        ),
        s(
            "books",
            "Books",
            Some("culture"),
            "Reviews, interviews and news from the world of books.",
        ),
        s(
            "stage",
            "Stage",
            Some("culture"),
            "Theater and performance, from Broadway to basements.",
        ),
        s(
            "sport",
            "Sport",
            None,
            "From the ballpark to the playground courts.",
        ),
        s(
            "opinion",
            "Opinion",
            None,
            "Columns and arguments. Opinion pieces reflect the views of their authors.",
        ),
        s(
            "science",
            "Science",
            None,
            "Research, health, climate and the natural history of the city.",
        ),
    ]
}

pub fn topics() -> Vec<DemoTopic> {
    let t = |slug, name, description| DemoTopic {
        slug,
        name,
        description,
    };
    vec![
        t(
            "housing",
            "Housing",
            "Rents, tenants, landlords and the search for a place to live.",
        ),
        t(
            "transit",
            "Transit",
            "Subways, buses, ferries, bike lanes and how the city moves.",
        ),
        t(
            "elections",
            "Elections",
            "Campaigns, candidates and results, from council races to statewide contests.",
        ),
        t(
            "climate",
            "Climate",
            "Heat, flooding, emissions and a coastal city's response to a warming world.",
        ),
        t(
            "schools",
            "Schools",
            "Public schools, students, teachers and the politics of education.",
        ),
        t(
            "public-safety",
            "Public Safety",
            "Fires, emergencies, policing and the systems meant to keep people safe.",
        ),
        t(
            "city-budget",
            "City Budget",
            "Where the city's money comes from and where it goes.",
        ),
        t(
            "small-business",
            "Small Business",
            "Shops, restaurants and the owners who keep neighborhood streets alive.",
        ),
        t(
            "health",
            "Health",
            "Hospitals, public health and medical research.",
        ),
        t(
            "technology",
            "Technology",
            "Start-ups, software and the tech economy in New York.",
        ),
        t(
            "arts-funding",
            "Arts Funding",
            "Grants, donors and the economics of making art in an expensive city.",
        ),
        t(
            "waterfront",
            "Waterfront",
            "Piers, harbors, beaches and the city's 520 miles of shoreline.",
        ),
        t(
            "immigration",
            "Immigration",
            "Newcomers, immigrant communities and the policies that shape their lives.",
        ),
        t(
            "labor",
            "Labor",
            "Workers, unions, wages and the changing shape of work.",
        ),
        t(
            "parks",
            "Parks",
            "Green space, playgrounds and the fight to keep them open and clean.",
        ),
        t(
            "development",
            "Development",
            "Zoning, construction and what gets built where.",
        ),
        t(
            "libraries",
            "Libraries",
            "Branch libraries, their budgets and the people who rely on them.",
        ),
        t(
            "weather",
            "Weather",
            "Storms, heat waves and what the sky has in store.",
        ),
    ]
}

pub fn authors() -> Vec<DemoAuthor> {
    let a = |slug, name, role, bio: &str| DemoAuthor {
        slug,
        name,
        role,
        bio: bio.to_string(),
    };
    vec![
        a(
            "marguerite-okafor-binns",
            "Marguerite Okafor-Binns",
            "City Hall reporter",
            "Marguerite Okafor-Binns covers City Hall, the City Council and the budget for The Hudson Ledger. She previously reported on state government from Albany for eight years. She grew up in Flatbush and still lives in Brooklyn.",
        ),
        a(
            "daniel-reyes-whitlock",
            "Daniel Reyes-Whitlock",
            "Transit reporter",
            "Daniel Reyes-Whitlock writes about subways, buses, bridges and the people who use them. Before joining the Ledger he covered infrastructure for a trade publication. He commutes by bike from Jackson Heights, weather permitting.",
        ),
        a(
            "priya-castellano",
            "Priya Castellano",
            "Housing reporter",
            "Priya Castellano reports on housing, tenants and development across the five boroughs. Her investigation into heating failures in rent-stabilized buildings won a regional press award.",
        ),
        a(
            "theo-lindqvist-amari",
            "Theo Lindqvist-Amari",
            "Business reporter",
            "Theo Lindqvist-Amari covers companies, labor and the city's economy. He spent a decade as a financial analyst before becoming a journalist. He is the Ledger's resident reader of quarterly filings.",
        ),
        a(
            "hannah-adeyemi-ross",
            "Hannah Adeyemi-Ross",
            "Culture critic",
            "Hannah Adeyemi-Ross is the Ledger's critic at large, writing about books, theater and visual art. She has judged several literary prizes and teaches a criticism workshop in Manhattan.",
        ),
        a(
            "luis-ferrante-quist",
            "Luis Ferrante-Quist",
            "Sports columnist",
            "Luis Ferrante-Quist has covered New York sports for the Ledger since the days of dial-up box scores. He writes about professional teams, high school championships and the occasional pickup game. He believes every season deserves a second chance.",
        ),
        a(
            "ingrid-solvang-mehta",
            "Ingrid Solvang-Mehta",
            "Science and health reporter",
            "Ingrid Solvang-Mehta writes about science, medicine and the environment. She holds a doctorate in marine biology and spent two years studying oysters in the harbor before switching to journalism.",
        ),
        a(
            "augustin-pell",
            "Augustin Pell",
            "Opinion columnist",
            "Augustin Pell writes a twice-weekly column about city life and politics. He has lived in four boroughs and argued with residents of all five. His views are his own, and he is happy to hear yours.",
        ),
        a(
            "nadia-farouk-lane",
            "Nadia Farouk-Lane",
            "International correspondent",
            "Nadia Farouk-Lane reports on international affairs and on the many ways the wider world shows up in New York. She has filed from more than thirty countries and speaks four languages.",
        ),
        a(
            "corinne-baptiste-hale",
            "Corinne Baptiste-Hale",
            "Education reporter",
            "Corinne Baptiste-Hale covers the city's public schools, from kindergarten admissions to college campuses. She is a former middle school science teacher in the Bronx.",
        ),
    ]
}

pub fn pages() -> Vec<DemoPage> {
    let mut staff = String::from(
        "The Hudson Ledger is produced by a small newsroom in Lower Manhattan. These are the people whose bylines you see most often.\n\n",
    );
    for a in authors() {
        staff.push_str(&format!(
            "**{}**, {}. {}\n\n",
            a.name,
            a.role.to_lowercase(),
            a.bio
        ));
    }
    staff.push_str("Editors, copy editors, photographers and producers work behind the scenes on every story. You can reach any of us through the contact page.");
    let p = |slug, parent, title, body: &str| DemoPage {
        slug,
        parent,
        title,
        body_markdown: body.to_string(),
    };
    vec![
        p(
            "about",
            None,
            "About The Hudson Ledger",
            "The Hudson Ledger is an independent daily newspaper covering New York City. Our motto is simple: *the city, on the record.*\n\nWe report on the decisions that shape daily life in the five boroughs: the subway schedules and school budgets, the rezonings and rent hearings, the plays worth seeing and the games worth arguing about.\n\nThe Ledger is a demonstration publication. Its people, organizations and stories are fictional, generated to show what the Broadsheet publishing platform can do. The neighborhoods, streets and rivers are real.",
        ),
        DemoPage {
            slug: "staff",
            parent: Some("about"),
            title: "Our staff",
            body_markdown: staff,
        },
        p(
            "ethics",
            Some("about"),
            "Ethics and standards",
            "We aim to be accurate, fair and independent.\n\nOur reporters do not accept gifts, free travel or payment from the people and organizations they cover. We identify sources by name whenever possible, and we explain why when we do not.\n\nOpinion pieces are clearly labeled and kept separate from news coverage. Advertisers have no say over what we publish.\n\nWhen we get something wrong, we say so. See our [corrections policy](/corrections-policy) for details.",
        ),
        p(
            "contact",
            None,
            "Contact us",
            "Have a tip, a complaint or a correction? We want to hear from you.\n\n**Newsroom:** news@hudsonledger.example\n\n**Corrections:** corrections@hudsonledger.example\n\n**Letters to the editor:** letters@hudsonledger.example. Letters should be under 250 words and include your name and neighborhood.\n\nOur offices are in Lower Manhattan. Visits are by appointment.",
        ),
        p(
            "corrections-policy",
            None,
            "Corrections policy",
            "The Hudson Ledger corrects errors of fact promptly and transparently.\n\nWhen an article contains a factual error, we fix it and add a note at the end of the article explaining what was changed. We do not silently alter published stories.\n\nWhen a story develops after publication, we may add an update note describing new information.\n\nTo report an error, email corrections@hudsonledger.example with a link to the article.",
        ),
        p(
            "privacy",
            None,
            "Privacy",
            "We collect as little information about readers as we can.\n\nThis site does not use advertising trackers or sell personal data. Basic server logs are kept for a short period to keep the site secure and running.\n\nIf you write to us, we use your email address only to reply.",
        ),
        p(
            "advertise",
            None,
            "Advertise with us",
            "The Ledger reaches readers in every borough who care about their city.\n\nWe offer display advertising on our website and sponsorship of our newsletters. All advertising is clearly labeled and kept separate from our journalism.\n\nTo discuss rates and availability, email advertising@hudsonledger.example.",
        ),
    ]
}

// ---------------------------------------------------------------- randomness

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 1000 < pct * 10
    }
    fn pick<T: Copy>(&mut self, s: &[T]) -> T {
        s[self.below(s.len())]
    }
    fn shuffled<T: Copy>(&mut self, s: &[T]) -> Vec<T> {
        let mut v = s.to_vec();
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
        v
    }
}

// ---------------------------------------------------------------- vocabulary

const FIRST: &[&str] = &[
    "Maria", "James", "Aisha", "Wei", "Carlos", "Eleanor", "Darnell", "Sofia", "Raj", "Miriam",
    "Tomasz", "Keisha", "Hiroshi", "Beatriz", "Kwame", "Greta", "Omar", "Lucia", "Desmond", "Yael",
    "Nikhil", "Rosa", "Gideon", "Fatima", "Declan", "Mei", "Andre", "Svetlana", "Malik", "Colette",
    "Ezra", "Adaeze", "Franklin", "Noor", "Ivan", "Paloma", "Tobias", "Renata", "Samuel", "Anjali",
];
const LAST: &[&str] = &[
    "Okonjo",
    "Feldman",
    "Restrepo",
    "Caldwell",
    "Nakamura",
    "Ferreira",
    "Quintero",
    "Lindgren",
    "Osei",
    "Brannigan",
    "Kowalczyk",
    "Haddad",
    "Marchand",
    "Vasquez-Orr",
    "Pemberton",
    "Achterberg",
    "Tran",
    "Szabo",
    "Oyelaran",
    "Whitfield",
    "Abramovich",
    "Iyer",
    "Mendelsohn",
    "Rinaldi",
    "Sato",
    "Bhattacharya",
    "Kincaid",
    "Duvall",
    "Adeleke",
    "Yilmaz",
    "Solberg",
    "Kaczmarek",
    "Holloway",
    "Benedetto",
    "Tanaka-Reed",
    "Lachance",
    "Ogunleye",
    "Petrakis",
    "Galloway-Shah",
    "Montrose",
];
const PLACES: &[(&str, &str, [&str; 2])] = &[
    (
        "Astoria",
        "Queens",
        ["Steinway Street", "Ditmars Boulevard"],
    ),
    (
        "Jackson Heights",
        "Queens",
        ["Roosevelt Avenue", "37th Avenue"],
    ),
    ("Flushing", "Queens", ["Main Street", "Roosevelt Avenue"]),
    ("Ridgewood", "Queens", ["Myrtle Avenue", "Fresh Pond Road"]),
    (
        "Far Rockaway",
        "Queens",
        ["Mott Avenue", "Beach 20th Street"],
    ),
    (
        "Sunnyside",
        "Queens",
        ["Queens Boulevard", "Skillman Avenue"],
    ),
    (
        "Bushwick",
        "Brooklyn",
        ["Knickerbocker Avenue", "Wyckoff Avenue"],
    ),
    ("Sunset Park", "Brooklyn", ["Fifth Avenue", "Eighth Avenue"]),
    ("Bay Ridge", "Brooklyn", ["Third Avenue", "86th Street"]),
    (
        "Crown Heights",
        "Brooklyn",
        ["Nostrand Avenue", "Eastern Parkway"],
    ),
    (
        "Red Hook",
        "Brooklyn",
        ["Van Brunt Street", "Columbia Street"],
    ),
    (
        "Greenpoint",
        "Brooklyn",
        ["Manhattan Avenue", "Franklin Street"],
    ),
    ("Flatbush", "Brooklyn", ["Flatbush Avenue", "Church Avenue"]),
    (
        "Bedford-Stuyvesant",
        "Brooklyn",
        ["Fulton Street", "Malcolm X Boulevard"],
    ),
    (
        "Canarsie",
        "Brooklyn",
        ["Rockaway Parkway", "Flatlands Avenue"],
    ),
    (
        "Mott Haven",
        "the Bronx",
        ["Willis Avenue", "East 138th Street"],
    ),
    (
        "Fordham",
        "the Bronx",
        ["Fordham Road", "the Grand Concourse"],
    ),
    (
        "Riverdale",
        "the Bronx",
        ["Riverdale Avenue", "Johnson Avenue"],
    ),
    (
        "Parkchester",
        "the Bronx",
        ["Westchester Avenue", "Castle Hill Avenue"],
    ),
    (
        "Hunts Point",
        "the Bronx",
        ["Hunts Point Avenue", "Southern Boulevard"],
    ),
    (
        "Washington Heights",
        "Manhattan",
        ["St. Nicholas Avenue", "Broadway"],
    ),
    ("Inwood", "Manhattan", ["Dyckman Street", "Broadway"]),
    ("Harlem", "Manhattan", ["Lenox Avenue", "125th Street"]),
    (
        "the Lower East Side",
        "Manhattan",
        ["Delancey Street", "Essex Street"],
    ),
    ("Chinatown", "Manhattan", ["Canal Street", "Mott Street"]),
    (
        "Chelsea",
        "Manhattan",
        ["Eighth Avenue", "West 23rd Street"],
    ),
    (
        "East Harlem",
        "Manhattan",
        ["Lexington Avenue", "116th Street"],
    ),
    (
        "St. George",
        "Staten Island",
        ["Richmond Terrace", "Hyatt Street"],
    ),
    (
        "Stapleton",
        "Staten Island",
        ["Bay Street", "Van Duzer Street"],
    ),
    (
        "Port Richmond",
        "Staten Island",
        ["Port Richmond Avenue", "Castleton Avenue"],
    ),
];
const LINES: &[&str] = &[
    "A", "C", "F", "G", "L", "M", "N", "Q", "R", "J", "2", "4", "7",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const CITIES: &[&str] = &[
    "Rotterdam",
    "Lagos",
    "Lisbon",
    "Jakarta",
    "Montevideo",
    "Nairobi",
    "Manila",
    "Copenhagen",
    "Busan",
    "Santos",
    "Durban",
    "Hamburg",
];
const INSTS: &[&str] = &[
    "Morningside Polytechnic Institute",
    "the East River Medical Center",
    "the Gowanus Marine Laboratory",
    "the Palisades Climate Observatory",
    "Flatbush University",
    "the Inwood School of Public Health",
];
const JOURNALS: &[&str] = &[
    "the Journal of Coastal Systems",
    "Urban Ecology Letters",
    "the Annals of Community Health",
    "Atmospheric Dynamics Quarterly",
    "Estuarine Science Reports",
];
const VENUES: &[&str] = &[
    "the Greenpoint Playhouse",
    "the Bowery Lane Theater",
    "the Orchard Street Gallery",
    "the Astoria Music Hall",
    "the Red Hook Pier Theater",
    "the Mott Haven Arts Collective",
    "the Chelsea Loft Gallery",
];
const ADJ: &[&str] = &[
    "Quiet",
    "Borrowed",
    "Last",
    "Salt",
    "Winter",
    "Glass",
    "Northern",
    "Unfinished",
    "Crooked",
    "Paper",
    "Bright",
    "Long",
    "Hidden",
    "Tender",
];
const NOUN: &[&str] = &[
    "Harbor",
    "Inheritance",
    "Season",
    "Orchard",
    "Tenants",
    "Ferry",
    "Lantern",
    "Weather",
    "Archive",
    "Kitchen",
    "Bridge",
    "Silence",
    "Rooftop",
    "Crossing",
];
const QUARTERS: &[&str] = &[
    "first quarter",
    "second quarter",
    "third quarter",
    "fourth quarter",
];

// ---------------------------------------------------------------- templates

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fam {
    News,
    World,
    Business,
    Culture,
    Sport,
    Opinion,
    Science,
}

struct Story {
    fam: Fam,
    w: u32,
    sec: &'static [&'static str],
    top: &'static [&'static str],
    au: &'static [usize],
    heads: &'static [&'static str],
    deks: &'static [&'static str],
    ledes: &'static [&'static str],
    body: &'static [&'static str],
    quotes: &'static [&'static str],
    ra: &'static [&'static str],
    rb: &'static [&'static str],
    rc: &'static [&'static str],
    orgs: &'static [&'static str],
    orgs2: &'static [&'static str],
    photos: &'static [&'static str],
    score: [u32; 3],
    close: &'static [&'static str],
    bq: &'static [&'static str],
    solo: bool,
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
static STORIES: &[Story] = &[
    // ------------------------------------------------------------ New York
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
    // ------------------------------------------------------------ World
    Story {
        fam: Fam::World,
        w: 3,
        sec: &["world"],
        top: &["climate", "waterfront"],
        au: &[8],
        orgs: &["the Coastal Cities Compact"],
        heads: &[
            "Coastal cities meeting in {Ct} pledge {Bn} for flood defenses",
            "At {Ct} summit, port cities compare notes on rising seas",
            "Delegates in {Ct} struggle to agree on who pays for climate adaptation",
        ],
        deks: &[
            "New York sent a delegation to the gathering, which produced a joint statement and plenty of disagreement.",
            "Officials from more than {N} cities traded ideas on seawalls, sponges and managed retreat.",
        ],
        ledes: &[
            "Officials from more than {N} coastal cities gathered in {Ct} this week to share strategies for coping with rising seas, and to press national governments for money to pay for them.",
            "The mayors and planners who met in {Ct} on {D} agree that the water is coming. They do not agree on much else.",
        ],
        body: &[
            "The meeting, organized by {O}, a network of port cities founded a decade ago, ended with a pledge to mobilize about {Bn} in financing for flood protection over the next ten years. Much of that money has yet to be identified.",
            "Delegates from {Ct} led tours of the host city's flood barriers and floating neighborhoods, which have drawn interest from planners around the world.",
            "Smaller and poorer cities argued that the pledges favored places that can already afford expensive engineering, and called for grants rather than loans.",
            "New York officials attended to present the city's plans for lower Manhattan and southeast Queens, and to study designs that might be adapted for the Rockaways.",
        ],
        quotes: &[
            r#""We are not competing with each other. We are competing with the ocean," said {A}, {Ar}."#,
            r#""Every city here has a plan. What most of us do not have is the money," said {B}, {Br}."#,
        ],
        ra: &[
            "the deputy mayor of {Ct}",
            "the secretary general of the Coastal Cities Compact",
        ],
        rb: &[
            "a planning official from a West African port city",
            "a delegate from a Pacific island capital",
        ],
        rc: &[
            "a resilience adviser to New York City",
            "an engineer who studies storm surge barriers",
        ],
        photos: &[
            "Delegates seated in a conference hall in {Ct}|Delegates at the coastal cities meeting in {Ct} on {D}.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::World,
        w: 2,
        sec: &["world"],
        top: &["labor"],
        au: &[8, 3],
        orgs: &["the International Dockworkers Federation"],
        heads: &[
            "Port strike in {Ct} ripples through supply chains as far as New Jersey",
            "Dockworkers in {Ct} walk out over automation plans",
            "Talks to end {Ct} port strike stall as ships wait offshore",
        ],
        deks: &[
            "Importers in the New York region say they are watching closely as container ships idle offshore.",
            "The dispute centers on automated cranes and the jobs they could replace.",
        ],
        ledes: &[
            "Thousands of dockworkers in {Ct} walked off the job on {D}, halting traffic at one of the world's busiest container ports and raising concerns about shipping delays that could reach stores in the New York area within weeks.",
            "Dozens of container ships were waiting outside the port of {Ct} on {D} as a strike by dockworkers stretched into its second week.",
        ],
        body: &[
            "The workers, represented by a coalition of unions affiliated with {O}, are protesting a plan by port operators to install automated cranes and vehicles that they say would eliminate thousands of jobs.",
            "Port operators say automation is needed to remain competitive and have offered retraining and early retirement packages, which union leaders have called inadequate.",
            "Shipping analysts said the effects in the United States would be modest at first but could grow if the strike lasted more than a few weeks, particularly for goods such as furniture and auto parts.",
            "Importers at the port complex in New Jersey said some shipments had already been rerouted.",
        ],
        quotes: &[
            r#""They want the port to run without people. We are the people," said {A}, {Ar}."#,
            r#""A week is an inconvenience. A month is a real problem," said {C}, {Cr}."#,
        ],
        ra: &[
            "a union leader in {Ct}",
            "a spokesperson for the dockworkers' coalition",
        ],
        rb: &["a port operations manager"],
        rc: &[
            "a logistics consultant in New Jersey",
            "a shipping analyst in New York",
        ],
        photos: &[
            "Idle cranes and stacked containers at a port|Cranes stood idle at the port of {Ct} on {D}.",
        ],
        ..BASE
    },
    // ------------------------------------------------------------ Politics
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
    // ------------------------------------------------------------ Business
    Story {
        fam: Fam::Business,
        w: 3,
        sec: &["business"],
        top: &["small-business"],
        au: &[3],
        orgs: &[
            "Harrow & Vale",
            "Stillwater Foods",
            "Keystone Freight",
            "Pennant Health",
            "Lantern Media",
            "Bowline Apparel",
            "Corbel Financial",
            "Greenmarket Grocers",
        ],
        heads: &[
            "{O} profit climbs {Pc} percent on strong New York sales",
            "{O} beats expectations and raises its outlook",
            "{O} revenue tops {Bn} for the first time",
        ],
        deks: &[
            "The company credited cost cuts and a busy holiday season; analysts were less sure it would last.",
            "Executives said demand in the New York region remained resilient despite higher prices.",
        ],
        ledes: &[
            "{O}, the New York-based company, said on {D} that its profit rose {Pc} percent in the {Qt}, beating analysts' expectations and sending its shares up in early trading.",
            "It was a good quarter for {O}. Whether it was the start of a trend is another question.",
        ],
        body: &[
            "Revenue for the {Qt} was {Bn}, up from a year earlier. Profit came to {M}.",
            "The company attributed the results to strong demand in the New York area and to cost savings from a restructuring completed last year, which included closing a warehouse in New Jersey.",
            "Executives raised their forecast for the full year and said they planned to open {K} locations in the city over the next eighteen months.",
            "Shares of the company have risen about {Pc} percent since the start of the year.",
        ],
        quotes: &[
            r#""Our customers are telling us they value reliability, and we are delivering it," said {A}, {Ar}, on a call with analysts."#,
            r#""The numbers are good, but a lot of this is one-time savings," said {C}, {Cr}. "I want to see the next two quarters.""#,
        ],
        ra: &[
            "the company's chief executive",
            "the company's chief financial officer",
        ],
        rb: &["a longtime employee"],
        rc: &[
            "an analyst who follows the company",
            "a retail consultant in Manhattan",
        ],
        photos: &[
            "The headquarters of {O} in Manhattan|The company's offices in Manhattan.",
            "Shoppers inside a store|Shoppers at a location in {P}.",
        ],
        close: &[
            "The company is scheduled to report its next results in about three months.",
            "Executives will present their plans to investors at a meeting next month.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::Business,
        w: 2,
        sec: &["business"],
        top: &["labor"],
        au: &[3],
        orgs: &[
            "Harrow & Vale",
            "Stillwater Foods",
            "Keystone Freight",
            "Lantern Media",
            "Corbel Financial",
            "Bowline Apparel",
        ],
        heads: &[
            "{O} to cut {N2} jobs as it closes warehouse in {Bo}",
            "{O} cuts forecast, blaming weaker demand and higher costs",
            "Workers at {O} brace for layoffs after disappointing year",
        ],
        deks: &[
            "The company said the cuts would save {M} a year. Union officials said they were blindsided.",
            "The announcement is the latest sign of strain in the region's logistics and retail industries.",
        ],
        ledes: &[
            "{O} said on {D} that it would eliminate about {N2} jobs and close a warehouse in {Bo}, part of a restructuring that executives said was necessary after a difficult year.",
            "For {Y} years, the warehouse in {P} has been one of the largest private employers in the neighborhood. By the end of the year, it will be empty.",
        ],
        body: &[
            "The company lowered its full-year forecast and said revenue for the {Qt} fell {Pc} percent from a year earlier, to {Bn}.",
            "Executives blamed higher interest rates, rising wages and weaker demand from business customers, who have been cutting back on orders.",
            "Workers will receive severance and help finding new jobs, the company said. Union officials said they would seek to negotiate better terms.",
            "Shares of the company fell sharply after the announcement.",
        ],
        quotes: &[
            r#""These decisions are never easy, and they affect people who have given a great deal to this company," said {A}, {Ar}."#,
            r#""I found out from a text message," said {B}, {Br}. "That's how much they think of us.""#,
        ],
        ra: &["the company's chief executive", "a company spokesperson"],
        rb: &[
            "a forklift operator who has worked at the warehouse for {Y} years",
            "a shift supervisor at the warehouse",
        ],
        rc: &[
            "a labor economist at Flatbush University",
            "an analyst at a Midtown research firm",
        ],
        photos: &["A warehouse loading dock in {P}|The company's warehouse in {P}."],
        close: &[
            "The warehouse is expected to close by the end of the year.",
            "Union representatives are scheduled to meet with management next week.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::Business,
        w: 4,
        sec: &["business"],
        top: &["small-business"],
        au: &[3, 2],
        orgs: &["the local merchants association"],
        heads: &[
            "After {Y} years, a beloved {P} bakery is closing its doors",
            "On {St}, small shops are squeezed by rents and delivery apps",
            "{P} shop owners say rising rents are emptying {St}",
        ],
        deks: &[
            "Owners say rising costs left them little choice. Customers say the neighborhood is losing something irreplaceable.",
            "The numbers behind the storefronts tell a story of thin margins and long hours.",
        ],
        ledes: &[
            "The line outside a small bakery on {St} in {P} on {D} morning was longer than usual, and more somber. After {Y} years, the owners are closing.",
            "Walk down {St} in {P} and count the empty storefronts. On a recent afternoon there were {N}.",
        ],
        body: &[
            "The owners said their rent would rise about {Pc} percent under a new lease, on top of higher prices for flour, butter and insurance. Sales had not recovered fully since the pandemic.",
            "Storefront vacancy on the corridor is around {Pc} percent, according to the local merchants association, higher than the citywide average.",
            "Some shops have survived by diversifying: selling online, hosting classes, or renting space to pop-up vendors on weekends.",
            "The city offers small grants and low-interest loans to neighborhood businesses, but owners said the application process was complicated and the amounts too small to make much difference.",
        ],
        quotes: &[
            r#""We fed three generations of this neighborhood," said {A}, {Ar}. "I hope someone else gets the chance to do the same.""#,
            r#""Every time a place like this closes, a bank branch or a phone store moves in," said {B}, {Br}."#,
            r#""The margins in food are razor thin. One bad year can undo a decade," said {C}, {Cr}."#,
        ],
        ra: &["who owns the bakery with her brother", "the shop's owner"],
        rb: &["a customer since the 1990s", "who lives around the corner"],
        rc: &[
            "the director of the local merchants association",
            "a restaurant consultant",
        ],
        photos: &[
            "Customers line up outside a bakery on {St}|Customers lined up outside the bakery in {P} on {D}.",
            "Empty storefronts along {St}|Vacant storefronts on {St} in {P}.",
        ],
        solo: true,
        close: &[
            "The bakery's last day is Sunday. The owners say they will sell out of everything well before then.",
            "The merchants association is holding a meeting for business owners on {D} evening.",
        ],
        bq: &[
            "A handwritten note taped to the bakery's window thanked customers:|Thank you for {Y} wonderful years. You were never just customers. You were our neighbors, and we will miss you.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::Business,
        w: 4,
        sec: &["real-estate"],
        top: &["development", "housing"],
        au: &[3, 2],
        orgs: &[
            "Meridian Row Partners",
            "Castleton Realty",
            "Blue Slate Development",
            "Lowell & Quist Properties",
        ],
        heads: &[
            "{O} buys {P} office tower for {M}, a fraction of its old value",
            "Developers bet on turning Midtown offices into apartments",
            "{O} to convert {St} office building into apartments",
            "Manhattan office vacancy hits {Pc} percent as landlords cut rents",
        ],
        deks: &[
            "The deal is the latest sign of a reset in commercial property values.",
            "Conversions are expensive and complicated, but the math is starting to work.",
        ],
        ledes: &[
            "{O} has agreed to buy a 1960s office building on {St} for {M}, according to people briefed on the deal, less than half what the property sold for a decade ago.",
            "Office landlords in New York are facing a reckoning, and some of them are deciding that the answer is to stop being office landlords.",
        ],
        body: &[
            "The buyer plans to convert much of the building into about {N}0 apartments, a growing strategy as remote and hybrid work have left many older office buildings half empty.",
            "Office vacancy in Manhattan stands at roughly {Pc} percent, according to brokerage data, well above levels before the pandemic.",
            "Conversions are expensive. Office floors are deep and often lack windows in the middle, and plumbing must be rebuilt. Developers say tax incentives passed by the state have made more projects viable.",
            "The seller, a real estate fund, had defaulted on a loan backed by the building earlier this year, records show.",
        ],
        quotes: &[
            r#""Buildings like this were designed for a way of working that is not coming back," said {A}, {Ar}."#,
            r#""The price tells you everything. The market has reset," said {C}, {Cr}."#,
        ],
        ra: &[
            "a managing partner at {O}",
            "the firm's head of development",
        ],
        rb: &["a tenant in the building"],
        rc: &[
            "a commercial real estate broker",
            "a professor of real estate finance at Flatbush University",
        ],
        photos: &["An office tower on {St}|The building on {St} that {O} plans to convert."],
        bq: &[
            "A marketing brochure for the building, prepared for the sale, promised:|Column-free floors, abundant natural light and an address at the heart of the city's next chapter.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::Business,
        w: 3,
        sec: &["business"],
        top: &["technology", "labor"],
        au: &[3],
        orgs: &[
            "Loomwork",
            "Parcelkit",
            "Tinplate Labs",
            "Brightline Health Systems",
            "Quayside AI",
            "Stoop",
        ],
        heads: &[
            "{P} start-up {O} raises {M} to expand",
            "{O}, a New York software start-up for small businesses, lands new funding",
            "Tech hiring in New York slows, but {O} is still growing",
        ],
        deks: &[
            "Investors are more cautious than they were a few years ago, but some New York companies are still finding money.",
            "The company plans to double its staff over the next year.",
        ],
        ledes: &[
            "{O}, a start-up based in {P}, said on {D} that it had raised {M} from investors, money it plans to use to hire engineers and expand beyond New York.",
            "In a year when many tech companies are cutting staff, {O} is doing the opposite.",
        ],
        body: &[
            "The company, founded {K} years ago, makes software that helps small businesses manage scheduling, payments and inventory. It says it has about {N2} paying customers.",
            "Venture funding for New York start-ups has fallen about {Pc} percent from its peak, according to industry data, as higher interest rates made investors more selective.",
            "{O} employs {N} people, most of them in an office above a former garment factory.",
            "The company is not yet profitable, but executives said they expected to break even within two years.",
        ],
        quotes: &[
            r#""We build for the kind of businesses you see on every block in this city," said {A}, {Ar}."#,
            r#""Investors want a path to profit now, not just growth," said {C}, {Cr}."#,
        ],
        ra: &[
            "the company's co-founder and chief executive",
            "a co-founder who previously ran a restaurant",
        ],
        rb: &["a customer who owns a hair salon in {P}"],
        rc: &[
            "a venture capitalist who is not an investor in the company",
            "an analyst who tracks the city's tech sector",
        ],
        photos: &["Employees at work in a loft office in {P}|The offices of {O} in {P}."],
        ..BASE
    },
    Story {
        fam: Fam::Business,
        w: 2,
        sec: &["business"],
        top: &["labor", "city-budget"],
        au: &[3, 0],
        orgs: &["the state labor department"],
        heads: &[
            "New York City unemployment rate holds at {Pd} percent",
            "City adds {N2} jobs as health care hiring continues",
            "Economists see cooling in the New York job market",
        ],
        deks: &[
            "Health care and hospitality led gains, while finance and tech lost ground.",
            "The figures suggest the city's economy is growing, but slowly.",
        ],
        ledes: &[
            "New York City's unemployment rate was {Pd} percent last month, according to figures released on {D} by {O}, as employers added jobs at a slower pace than earlier in the year.",
            "The city's economy added about {N2} jobs last month, new figures show, with nearly all of the growth in health care and social assistance.",
        ],
        body: &[
            "Health care remained the largest source of new jobs, continuing a trend that has lasted more than a decade. Hospitality added jobs as tourism recovered.",
            "The securities industry, a major source of tax revenue, lost jobs for a third straight month.",
            "The unemployment rate in the Bronx remained the highest of the five boroughs, at several points above the citywide figure.",
            "Wages have risen, but not as quickly as rents, according to an analysis by a budget watchdog group.",
        ],
        quotes: &[
            r#""The city's economy is like a big ship. It turns slowly," said {C}, {Cr}."#,
            r#""We are seeing steady, if unspectacular, growth," said {A}, {Ar}."#,
        ],
        ra: &["a state labor department economist"],
        rb: &["a job seeker at a career center in {P}"],
        rc: &[
            "an economist at a Midtown research institute",
            "the chief economist at a regional business group",
        ],
        photos: &["Pedestrians in Midtown Manhattan at rush hour|Workers in Midtown Manhattan."],
        solo: true,
        close: &["The next monthly figures are due in about four weeks."],
        ..BASE
    },
    // ------------------------------------------------------------ Culture
    Story {
        fam: Fam::Culture,
        w: 4,
        sec: &["books"],
        top: &[],
        au: &[4],
        orgs: &["a small Brooklyn press", "a major publisher"],
        heads: &[
            "Review: '{T}' is a quietly devastating novel about a {P} family",
            "In '{T},' a debut novelist finds poetry in the city's margins",
            "'{T}' maps a century of {P} history through one apartment building",
        ],
        deks: &[
            "{Af}'s book is patient, funny and more ambitious than it first appears.",
            "A portrait of a neighborhood, and of the people who keep leaving it.",
        ],
        ledes: &[
            "About halfway through *{T}*, the new novel by {A}, a character stands at her kitchen window in {P} and watches the building across the street being torn down. It is the kind of scene that would be sentimental in lesser hands. Here it is something closer to a reckoning.",
            "There are novels that announce themselves, and then there are novels like *{T}*, which takes its time, trusts its reader and sneaks up on you.",
        ],
        body: &[
            "The book follows three generations of a family living in the same rent-stabilized apartment, from the 1960s to the present. The chapters move back and forth in time, and {A} handles the shifts with confidence.",
            "{A}, who grew up in {Bo}, has a sharp ear for the way New Yorkers talk: the arguments that are really expressions of love, the jokes that are really complaints.",
            "Not everything works. A subplot involving a long-lost uncle feels like it belongs in a different book, and the final chapters hurry where the rest of the novel lingers.",
            "But the central relationship, between a mother and the daughter who left for California and keeps almost coming back, is rendered with such tenderness that it is hard not to be moved.",
            "The prose is plain in the best sense. There are few showy sentences, but many that stay with you.",
        ],
        quotes: &[
            r#"In an interview, {A} said the book began with a list of objects from a grandmother's apartment. "I wanted to know what happens to a place when the people who made it are gone," {A} said."#,
        ],
        ra: &["the novel's author"],
        rb: &["an editor at {O}"],
        rc: &["a bookseller in {P}"],
        photos: &[
            "The cover of the novel {T} on a table|The novel *{T}* is published by {O}.",
            "The author {Af} in a {P} bookshop|{Af} at a bookshop in {P}.",
        ],
        close: &[
            "*{T}* is published by {O}.",
            "*{T}* is out now from {O}, in hardcover and as an audiobook.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::Culture,
        w: 4,
        sec: &["stage"],
        top: &[],
        au: &[4],
        orgs: &["a small storefront company", "a touring ensemble"],
        heads: &[
            "Review: '{T}' brings a family feud to the {P} stage",
            "'{T}' is a small play with a very big heart",
            "A revival of '{T}' finds new urgency in old lines",
        ],
        deks: &[
            "The production runs a brisk ninety minutes and wastes none of them.",
            "The staging is modest; the performances are anything but.",
        ],
        ledes: &[
            "The set of *{T}*, now playing at {Ve}, is a single kitchen: a table, four chairs, a refrigerator covered in magnets. By the end of the evening, you will feel you have lived in it.",
            "It takes about ten minutes for *{T}* to find its footing, and after that it does not let go.",
        ],
        body: &[
            "The play, written by {A}, follows two sisters who return to their childhood home in {P} after their father's death and discover that he has left the house to a stranger.",
            "{B}, {Br}, gives a performance of remarkable control, letting small gestures carry enormous weight. A scene in which she silently sorts her father's mail is the evening's emotional center.",
            "The direction is unfussy, and the production, mounted by {O} on a tight budget, makes a virtue of its constraints. Lighting changes do the work of scene changes.",
            "The second act sags a little, weighed down by a revelation that the audience will see coming. But the final scene, wordless and unexpected, lands with real force.",
        ],
        quotes: &[
            r#""I wanted to write about what families say when they think nobody is listening," {A} said in a conversation after a preview performance."#,
        ],
        ra: &["the playwright"],
        rb: &["who plays the older sister"],
        rc: &["the production's director"],
        photos: &["Two actors seated at a kitchen table on stage|A scene from *{T}* at {Ve}."],
        close: &[
            "*{T}* runs through the end of next month at {Ve}. Running time: 90 minutes, without an intermission.",
            "*{T}* is at {Ve} through next month. Tickets start at $35.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::Culture,
        w: 3,
        sec: &["culture"],
        top: &[],
        au: &[4],
        heads: &[
            "At {Ve}, an exhibition turns {P} into a work of art",
            "'{T}': photographs of a changing {P}, at {Ve}",
            "Review: an artist's love letter to {P}, in photographs and salvaged signs",
        ],
        deks: &[
            "It is one of the most rewarding shows in the city right now, and one of the least expected.",
            "Doorways, storefronts and stoops become a portrait of a neighborhood in flux.",
        ],
        ledes: &[
            "The first thing you see at {Ve} is a wall of photographs of doorways: brownstone stoops, bodega entrances, the steel gates of shuttered shops. The exhibition, *{T}*, is a love letter to {P}, and a complicated one.",
            "Most exhibitions ask you to stand back and admire. *{T}*, at {Ve}, asks you to remember.",
        ],
        body: &[
            "The show brings together {N} works by {A}, an artist who has lived in {Bo} for {Y} years, including photographs, drawings and a large installation made from salvaged shop signs.",
            "Admission is free, and on a recent weekday afternoon the gallery was busy with schoolchildren, retirees and a few people who seemed to have wandered in out of the rain.",
            "Some of the strongest pieces are the smallest: a row of snapshots of the same corner on {St}, taken a decade apart, in which almost nothing and almost everything has changed.",
            "The installation at the center of the room, a tower of hand-painted signs for businesses long gone, is less successful. It is striking from across the room and oddly inert up close.",
        ],
        quotes: &[
            r#""I've been photographing these blocks since I was a teenager," {A} said. "Some of these places only exist in the pictures now.""#,
            r#""People come in and find their grandmother's shop on the wall," said {C}, {Cr}. "Then they stay for an hour.""#,
        ],
        ra: &["the artist"],
        rb: &["a visitor from {P2}"],
        rc: &["the exhibition's curator"],
        close: &["*{T}* is at {Ve} through the end of next month. Admission is free."],
        photos: &["Visitors look at photographs on a gallery wall|Visitors at *{T}* at {Ve}."],
        ..BASE
    },
    Story {
        w: 2,
        sec: &["culture"],
        top: &["arts-funding", "city-budget"],
        au: &[4, 0],
        orgs: &["the city's cultural affairs department"],
        heads: &[
            "Small theaters and galleries warn of closures as city arts grants shrink",
            "Arts groups in {Bo} say flat funding has pushed them to the brink",
            "City cultural grants fall {Pc} percent, and small stages feel it first",
        ],
        deks: &[
            "Arts groups say rising costs and flat funding have pushed many to the edge.",
            "Larger institutions have weathered the squeeze. Smaller ones, many outside Manhattan, have not.",
        ],
        ledes: &[
            "Dozens of small arts organizations say they are struggling to survive after a round of cuts to city cultural grants, leaving some to wonder whether their next season will be their last.",
            "At a storefront theater in {P}, the company's entire staff fits around one folding table. This year, there will be two fewer chairs.",
        ],
        body: &[
            "Grants from {O} fell about {Pc} percent this year, according to an analysis of city data, while rents and insurance costs for arts spaces continued to climb.",
            "Several organizations said they had cut staff, reduced the number of performances or moved to smaller spaces.",
            "Larger institutions, with endowments and wealthy donors, have largely weathered the squeeze. Smaller groups, many of them in the outer boroughs, have not.",
            "The cultural affairs department said overall arts spending had been protected as much as possible in a difficult budget year.",
        ],
        quotes: &[
            r#""We are not asking for a bailout. We are asking to be treated like the economic engine we are," said {C}, {Cr}."#,
            r#""We know how much these groups mean to their neighborhoods, and we are fighting for every dollar," said {A}, {Ar}."#,
        ],
        ra: &["a spokesperson for the cultural affairs department"],
        rb: &["a choreographer who rehearses in {P}"],
        rc: &[
            "the executive director of a theater company in {P}",
            "the head of a coalition of small arts groups",
        ],
        photos: &["An empty theater with folding chairs|A storefront theater in {P}."],
        ..BASE
    },
    // ------------------------------------------------------------ Sport
    Story {
        fam: Fam::Sport,
        w: 4,
        sec: &["sport"],
        top: &[],
        au: &[5],
        orgs: &["Harbormen", "Ironbacks"],
        orgs2: &[
            "Lamplighters",
            "Keystones",
            "Canalmen",
            "Riverhawks",
            "Commodores",
            "Foxes",
        ],
        score: [4, 11, 5],
        heads: &[
            "{W} beat {L} {S1}-{S2} behind {As}'s big night",
            "{As} carries {W} past {L}, {S1}-{S2}",
            "{W} rally late to top {L} {S1}-{S2}",
        ],
        deks: &[
            "{As} drove in {K} runs, and the bullpen held on through a tense ninth.",
            "A crowd of {Att} watched the {W} win for the first time in a week.",
        ],
        ledes: &[
            "{A} had gone {K} games without an extra-base hit. On {D} night, {A} ended the drought in emphatic fashion, driving a bases-loaded double into the gap in the eighth inning as the {W} beat the {L}, {S1}-{S2}.",
            "The {W} needed a spark. They got one from {A}, {Ar}, who homered twice in a {S1}-{S2} win over the {L} on {D}.",
        ],
        body: &[
            "The {L} had taken the lead in the sixth on a two-run single, and for a while it looked as if the {W} would waste another solid start. Instead, a lineup that has struggled for most of the month strung together four straight hits.",
            "{B}, {Br}, allowed {K} runs over six innings and was charged with the loss.",
            "The {W} bullpen, a source of anxiety all season, retired the final seven batters in order. The closer needed only eleven pitches in the ninth.",
            "The {W} are now {Rec} on the season.",
        ],
        quotes: &[
            r#""I've been pressing, no question," {A} said. "Tonight I just tried to put the ball in play and let the guys behind me do the rest.""#,
            r#""We had our chances," said {C}, {Cr}. "You can't leave that many runners on base and expect to win.""#,
        ],
        ra: &[
            "the {W} shortstop",
            "the {W} designated hitter",
            "the {W} catcher",
        ],
        rb: &["the {L} starter", "the {L} left-hander"],
        rc: &["the {L} manager"],
        photos: &[
            "A batter watches the flight of the ball|{Af} of the {W} during the game against the {L}.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::Sport,
        w: 4,
        sec: &["sport"],
        top: &[],
        au: &[5],
        orgs: &["Skylines", "Bridgers"],
        orgs2: &[
            "Herons",
            "Summits",
            "Prospectors",
            "Lakeshores",
            "Monarchs",
            "Drifters",
        ],
        score: [92, 126, 6],
        heads: &[
            "{W} hold off {L} {S1}-{S2} as {As} scores {Pts}",
            "{As} takes over late as {W} beat {L}",
            "{W} snap skid with {S1}-{S2} win over {L}",
        ],
        deks: &[
            "{As} scored {K} straight points in the final minutes to seal it.",
            "It was a third win in four games for the {W}.",
        ],
        ledes: &[
            "{A} scored {Pts} points, including {K} in the final four minutes, and the {W} held off a late rally to beat the {L}, {S1}-{S2}, on {D} night.",
            "For three quarters, the {W} looked like a team running on fumes. Then {A} took over.",
        ],
        body: &[
            "The {L} cut a double-digit deficit to two with under a minute to play, but {B}, {Br}, missed a contested 3-pointer at the buzzer.",
            "The {W} outrebounded the {L} by {K} and scored {N} points off turnovers, a statistic their coach has emphasized all season.",
            "{B}, {Br}, led the {L} with 2{K} points but made only one basket in the final five minutes.",
            "The win improved the {W} to {Rec}. They play the second game of a back-to-back tomorrow.",
        ],
        quotes: &[
            r#""When it's late, you want the ball," {A} said. "My teammates trusted me, and I wasn't going to let them down.""#,
            r#""We dug a hole and almost climbed out of it," said {C}, {Cr}. "Almost doesn't count.""#,
        ],
        ra: &["the {W} guard", "the {W} forward"],
        rb: &["the {L} guard"],
        rc: &["the {L} coach"],
        photos: &["A player drives to the basket|{Af} of the {W} drives against the {L}."],
        ..BASE
    },
    Story {
        fam: Fam::Sport,
        w: 3,
        sec: &["sport"],
        top: &[],
        au: &[5],
        orgs: &["Meridians", "Rovers"],
        orgs2: &[
            "Wanderers",
            "Pioneers",
            "Quarrymen",
            "Tidesmen",
            "Highlanders",
        ],
        score: [1, 4, 2],
        heads: &[
            "{W} beat {L} {S1}-{S2} on {As}'s late winner",
            "Late goal lifts {W} past {L}",
            "{W} climb the table with {S1}-{S2} win over {L}",
        ],
        deks: &[
            "{As} struck in stoppage time in front of {Att} fans.",
            "The result keeps the {W} in the race for a playoff spot.",
        ],
        ledes: &[
            "{A} had been on the field for eleven minutes when the ball fell to {A}'s feet at the edge of the box in stoppage time. One touch, one shot, and the {W} had a {S1}-{S2} win over the {L} on {D}.",
            "The {W} have made a habit of doing things the hard way this season. {D}'s {S1}-{S2} win over the {L} was no exception.",
        ],
        body: &[
            "The {L} controlled much of the first half and went close twice from set pieces, but the {W} goalkeeper made a sharp save to keep the score level.",
            "The {W} changed shape at halftime, pushing their fullbacks higher, and the game opened up.",
            "{B}, {Br}, was cautioned for a late challenge in the 70th minute, one of {K} yellow cards in a scrappy second half.",
            "The announced crowd of {Att} was the largest of the season at the team's stadium in {Bo}.",
        ],
        quotes: &[
            r#""You wait all game for one chance, and then you can't think, you just hit it," {A} said."#,
            r#""We were the better team for an hour. Football doesn't care," said {C}, {Cr}."#,
        ],
        ra: &["the {W} substitute forward", "the {W} midfielder"],
        rb: &["the {L} defender"],
        rc: &["the {L} coach"],
        photos: &["Players celebrate a goal|{W} players celebrate a goal against the {L}."],
        ..BASE
    },
    Story {
        fam: Fam::Sport,
        w: 2,
        sec: &["sport"],
        top: &["schools"],
        au: &[5, 9],
        orgs: &[
            "Eastchester Collegiate",
            "Bushwick Technical",
            "Clinton Hill Academy",
            "Flushing Bay High",
            "Mott Haven Preparatory",
            "Bay Ridge Central",
        ],
        orgs2: &[
            "Riverdale Latin",
            "Canarsie Heights",
            "St. George Academy",
            "Jamaica Bay High",
            "Inwood Science",
        ],
        score: [48, 78, 14],
        heads: &[
            "{W} wins first city basketball title in {Y} years",
            "{W} edges {L} {S1}-{S2} for city championship",
            "A title for {W}, and a celebration for a neighborhood",
        ],
        deks: &[
            "The championship capped a season that started with a borrowed gym and a coach who almost quit.",
            "The team finished the season with {N} straight wins.",
        ],
        ledes: &[
            "When the final buzzer sounded, the players from {W} sprinted to the bleachers, where their families had been standing for the entire fourth quarter. After {Y} years, the city championship was theirs: {S1}-{S2} over {L}.",
            "Nobody picked {W} to win the city title this season. On {D}, it did, beating {L} {S1}-{S2} in front of a packed gym.",
        ],
        body: &[
            "{A}, {Ar}, scored {Pts} points and was named the game's most valuable player.",
            "The team practiced in a borrowed gym for much of the season after a leak closed its own. Players often took two buses to get there.",
            "{L} led by {K} at halftime, but {W} pressed full-court in the third quarter and forced a series of turnovers.",
            "Several players on the team will play in college next year, and two have received scholarship offers.",
        ],
        quotes: &[
            r#""Nobody gave us anything. We earned every bit of it," said {A}."#,
            r#""These kids never stopped believing, even when I almost did," said {C}, {Cr}."#,
        ],
        ra: &["a senior guard", "a junior forward"],
        rb: &["the {L} point guard"],
        rc: &["the {W} coach"],
        photos: &[
            "High school players celebrate with a trophy|Players from {W} celebrate the city title.",
        ],
        close: &[
            "The wait is over. The celebration, by the sound of it, will last a while longer.",
            "The players will be honored at a school assembly next week.",
        ],
        ..BASE
    },
    // ------------------------------------------------------------ Opinion
    Story {
        fam: Fam::Opinion,
        w: 2,
        sec: &["opinion"],
        top: &["housing", "development"],
        au: &[7],
        heads: &[
            "The city doesn't need another housing study. It needs cranes.",
            "{P} can't say no to every new building and still complain about rent",
            "I used to oppose new housing in my neighborhood. I was wrong.",
        ],
        deks: &[
            "Every year of delay is paid for by the people who can least afford it.",
            "I've heard every argument against new housing in {P}. I used to make some of them.",
        ],
        ledes: &[
            "I have lived in {P} for {Y} years, and in that time I have attended more community board meetings about housing than I can count. I used to be one of the people at the microphone asking the city to slow down. I have changed my mind, and I want to explain why.",
            "Let me start with a number: {N2}. That is roughly how many households applied for every affordable apartment in a recent housing lottery in {Bo}. If that figure does not alarm you, I am not sure what will.",
        ],
        body: &[
            "The case against building is usually framed as a defense of neighborhood character. But character is not brick and cornices. It is people, and the people are being priced out one lease renewal at a time.",
            "I understand the fear. When a glass tower goes up on {St}, longtime residents see a sign that the neighborhood is no longer meant for them. That fear is real. But the answer to a shortage is not more shortage.",
            "Consider what happened the last time the city tried to thread this needle. The plan was studied, revised, shrunk and studied again, and by the time it was approved, construction costs had risen so much that half the promised units were never built.",
            "None of this means developers should get whatever they want. The city should demand more affordable units, better construction and real protections for tenants who already live here. It should just stop treating every demand as a reason to delay.",
        ],
        quotes: &[
            r#"A neighbor of mine, a retired teacher who has rented the same apartment since the 1980s, put it to me plainly over coffee: "I'm not afraid of new buildings. I'm afraid of my landlord.""#,
        ],
        photos: &["Construction cranes over {P}|Construction in {P}."],
        ..BASE
    },
    Story {
        fam: Fam::Opinion,
        w: 2,
        sec: &["opinion"],
        top: &["transit"],
        au: &[7],
        heads: &[
            "Give {St} back to the people who actually use it",
            "The bus lane on {St} works. Stop apologizing for it.",
            "I gave up my car {Y} years ago. The city still plans as if I hadn't.",
        ],
        deks: &[
            "Buses carry more people than cars on most of our busiest streets. Our streets should reflect that.",
            "A small experiment became a big success. Now the city seems afraid of it.",
        ],
        ledes: &[
            "Every weekday morning, I watch a crowded bus crawl along {St} behind a line of cars, most of them carrying one person. It is the best argument for dedicated bus lanes I know, and it plays out in {P} hundreds of times a day.",
            "When the city painted the first red bus lane on {St}, I predicted chaos. I was wrong, and I think it is worth saying so in public.",
        ],
        body: &[
            "The numbers are not ambiguous. Since the lane opened, bus trips along the corridor have become roughly {Pc} percent faster, according to the city's own data, and ridership has ticked up for the first time in years.",
            "Yes, some drivers are inconvenienced. Delivery trucks need somewhere to stop, and the city has been slow to provide loading zones. That is a design problem, not a reason to abandon the idea.",
            "What frustrates me most is the timidity. Every successful pilot is followed by months of hand-wringing, another round of meetings and, too often, a quiet retreat.",
            "The people who ride these buses are nurses heading to early shifts, students, older New Yorkers who cannot manage subway stairs. They rarely show up at community board meetings, because they are working. Their time matters too.",
        ],
        quotes: &[
            r#"A bus driver I met at the end of the line in {P} summed it up: "Give me a clear lane and I'll give you a schedule you can set your watch by.""#,
        ],
        photos: &["A city bus in a red-painted lane on {St}|A bus lane on {St}."],
        ..BASE
    },
    Story {
        fam: Fam::Opinion,
        w: 2,
        sec: &["opinion"],
        top: &["schools"],
        au: &[7],
        heads: &[
            "Our schools should lock up the phones. All of them, all day.",
            "Parents, I know the phone ban is inconvenient. Do it anyway.",
            "What I learned when my kids' school in {P} took away the phones",
        ],
        deks: &[
            "It is cheap, it is popular with teachers, and it works.",
            "The objections are real. So are the answers.",
        ],
        ledes: &[
            "I was skeptical when my children's middle school in {P} announced it would collect students' phones at the door each morning. Months later, I am a convert, and I think every public school in the city should follow.",
            "There is a particular sound in a school cafeteria where nobody has a phone. I heard it for the first time this year, and I have not stopped thinking about it.",
        ],
        body: &[
            "The objections are familiar. Parents want to reach their children in an emergency. Teachers worry about enforcement. Students, naturally, are furious. All of these concerns are real, and all of them have workable answers.",
            "At my children's school, the phones go into locked pouches at the door. The office keeps a landline for emergencies, and in {N} months nobody has described a crisis that a phone in a backpack would have solved.",
            "What changed was harder to measure but impossible to miss. Teachers say students talk to each other at lunch. Fewer fights start over something posted online during third period.",
            "I am not naive about this. A phone ban will not fix a shortage of counselors or overcrowded classrooms. But it is one thing we can do this year, at almost no cost.",
        ],
        quotes: &[
            r#"My son's verdict, delivered with great reluctance after a month: "It's fine. Lunch is actually louder now.""#,
        ],
        photos: &["Locked phone pouches on a classroom desk|Phone pouches at a school in {P}."],
        ..BASE
    },
    Story {
        fam: Fam::Opinion,
        w: 2,
        sec: &["opinion"],
        top: &["libraries", "city-budget"],
        au: &[7],
        heads: &[
            "Cutting library hours is the most expensive way to save money",
            "The city budget is a moral document. This one fails the test.",
            "Keep the branch libraries open on Sundays",
        ],
        deks: &[
            "Nobody marches on City Hall over a branch that closes early. That is exactly why we should worry.",
            "A rounding error in the budget is a lifeline for the people who use it.",
        ],
        ledes: &[
            "Every budget season, the city rediscovers that libraries are easy to cut. Nobody marches on City Hall over a branch that closes at five instead of eight. I think that is precisely why we should pay attention.",
            "I spent last Sunday afternoon at the public library branch in {P}, counting. In three hours, {N2} people came through the door.",
        ],
        body: &[
            "They came to use computers, to print job applications, to sit somewhere warm and quiet. Children did homework at long tables while their parents read the newspapers. It was, in other words, a normal day at one of the busiest public buildings in {Bo}.",
            "The proposed cuts would save about {M}, a rounding error in a city budget measured in the tens of billions. The cost, meanwhile, would fall almost entirely on people who have nowhere else to go.",
            "I have heard the argument that everything is online now. That is true only for people with a laptop, a reliable connection and a quiet room. A great many New Yorkers have none of the three.",
            "If the city needs savings, there are better places to look. Start with the consultants. Start with the overtime. Do not start with the one institution that still serves everyone, for free, without asking who they are.",
        ],
        quotes: &[
            r#"A librarian in {P}, who asked me not to use her name, told me: "For some of our regulars, we are the only people they talk to all day.""#,
        ],
        photos: &["Readers at long tables in a branch library|The public library branch in {P}."],
        ..BASE
    },
    // ------------------------------------------------------------ Science
    Story {
        fam: Fam::Science,
        w: 2,
        sec: &["science"],
        top: &["climate", "waterfront"],
        au: &[6],
        orgs: &["a federal science agency", "a private foundation"],
        heads: &[
            "New York Harbor is warming faster than the open ocean, study finds",
            "The harbor is heating up, and scientists are worried about what comes next",
            "Warming waters around New York could reshape the harbor, researchers say",
        ],
        deks: &[
            "Researchers at {I} say the findings have implications for fisheries, flooding and public health.",
            "The study, published in {J}, draws on {Y} years of measurements.",
        ],
        ledes: &[
            "The waters around New York City have warmed by about 1.{K} degrees Fahrenheit over the past four decades, faster than the nearby open ocean, according to a study by researchers at {I} published this week in {J}.",
            "Scientists have long suspected that the waters around New York were warming. A study published this week in {J} suggests it is happening faster than almost anyone expected.",
        ],
        body: &[
            "The researchers analyzed {N2} temperature readings collected from buoys, research vessels and sensors attached to piers, some dating to the early 1980s.",
            "The warming appears to be driven partly by changes in ocean currents offshore and partly by local factors, including runoff and heat from the surrounding city.",
            "Warmer water holds less oxygen, which can stress fish and shellfish, and fuels stronger storms. It also contributes, modestly, to sea level rise as water expands.",
            "The research team, led by scientists at {I}, found that the warming was most pronounced in late summer, when the water is already at its warmest.",
        ],
        quotes: &[
            r#""We expected to see warming. We did not expect to see this much," said {A}, {Ar}."#,
            r#""It is a careful study, and the trend is hard to argue with," said {C}, {Cr}, who was not involved in the research."#,
        ],
        ra: &[
            "an oceanographer at {I} and the study's lead author",
            "a climate scientist at {I} who led the research",
        ],
        rb: &["a graduate student who collected much of the data"],
        rc: &[
            "a marine ecologist at Flatbush University",
            "a climate researcher at the Palisades Climate Observatory",
        ],
        photos: &[
            "A research boat on the harbor with Manhattan behind it|Researchers collecting samples in New York Harbor.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::Science,
        w: 2,
        sec: &["science"],
        top: &["health"],
        au: &[6],
        orgs: &["a federal health research program", "a private foundation"],
        heads: &[
            "Study links noisy streets to poorer sleep and higher blood pressure",
            "Living on a loud street may be bad for your heart, study finds",
            "Traffic noise linked to health risks in long-term study of New Yorkers",
        ],
        deks: &[
            "The findings, from a study of {N2} New Yorkers, come with important caveats.",
            "Researchers say the results should prompt more study, not panic.",
        ],
        ledes: &[
            "People who live on the city's noisiest streets sleep less and have slightly higher blood pressure than those on quieter blocks, according to a study of {N2} New Yorkers published on {D} in {J}.",
            "If you live on a busy avenue and sleep badly, you are probably not imagining it, according to a new study by researchers at {I}.",
        ],
        body: &[
            "The study followed participants for {K} years, combining medical records with measurements from sound monitors placed around the city.",
            "The effect was modest but consistent. Even after accounting for income, age and other factors, participants exposed to the most traffic noise had about a {Pc} percent higher risk of developing high blood pressure.",
            "The researchers cautioned that the study showed an association, not proof of cause, and that other factors could explain some of the difference.",
            "The work was funded in part by {O}.",
        ],
        quotes: &[
            r#""We tend to think of noise as an annoyance. Our data suggest it is also a health issue," said {A}, {Ar}."#,
            r#""This is a well-designed study, but I'd want to see it replicated in other cities before drawing firm conclusions," said {C}, {Cr}."#,
        ],
        ra: &[
            "an epidemiologist at {I} who led the study",
            "a cardiologist at {I} and senior author of the paper",
        ],
        rb: &["a study participant from {P}"],
        rc: &[
            "a public health researcher at Flatbush University",
            "a physician at the East River Medical Center",
        ],
        photos: &[
            "Traffic on a busy avenue at night|Traffic on {St}. The study tracked noise levels across the city.",
        ],
        ..BASE
    },
    Story {
        fam: Fam::Science,
        w: 2,
        sec: &["science"],
        top: &["parks", "climate"],
        au: &[6],
        orgs: &["the city's parks department"],
        heads: &[
            "Coyotes are settling in the Bronx. Scientists are taking notes.",
            "Camera traps reveal the secret night life of city coyotes",
            "How coyotes learned to live in New York, according to {N} hidden cameras",
        ],
        deks: &[
            "Researchers say urban wildlife is adapting in surprising ways.",
            "Volunteers and scientists are teaming up to understand nature in the city.",
        ],
        ledes: &[
            "On a cold night in {P}, a camera strapped to a tree captured a grainy image of a coyote trotting across a path. For researchers at {I}, it was one more data point in a study of how wild animals are learning to live in the city.",
            "Coyotes first turned up in the Bronx a generation ago. A new study suggests they are now a permanent, if mostly invisible, part of city life.",
        ],
        body: &[
            "The study, published in {J}, used {N} motion-activated cameras placed in parks across the Bronx and upper Manhattan.",
            "The animals appear to have adjusted their schedules to avoid people, becoming more active at night than their rural counterparts.",
            "Scientists say urban wildlife offers a kind of natural experiment in adaptation, with species changing behavior, diet and even physical traits in response to city life.",
            "The city's parks department said it would use the findings to plan plantings and to educate residents about how to coexist with wildlife.",
        ],
        quotes: &[
            r#""Cities are not ecological dead zones. They are ecosystems, just new kinds," said {A}, {Ar}."#,
            r#""Every observation helps, even a blurry photo from your phone," said {B}, {Br}."#,
        ],
        ra: &[
            "an ecologist at {I} who leads the project",
            "a wildlife biologist at {I}",
        ],
        rb: &[
            "a volunteer who has counted birds in {P} for {Y} years",
            "a graduate student on the project",
        ],
        rc: &["a naturalist with the city's parks department"],
        photos: &[
            "A coyote at dusk in a wooded park|A coyote photographed in a park in the Bronx.",
        ],
        ..BASE
    },
];

// Family-wide paragraphs: [generic body, closers, blockquotes ("intro|text"), pull quotes].
fn family(f: Fam) -> [&'static [&'static str]; 4] {
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

const LINK_SENTENCES: &[&str] = &[
    "The issue is not a new one; [the Ledger reported on it %W](EARLIER:%J).",
    "That followed [a report in these pages %W](EARLIER:%J).",
    "For background, see [the Ledger's earlier coverage](EARLIER:%J).",
    "Some of the same concerns were raised in [coverage published %W](EARLIER:%J).",
    "It builds on [what the Ledger reported %W](EARLIER:%J).",
];
const LINK_SOFT: &[&str] = &[
    "For more, see [the Ledger's coverage from %W](EARLIER:%J).",
    "[Our coverage from %W](EARLIER:%J) has more of the backstory.",
];
const LINK_OPINION: &[&str] = &[
    "As [this newspaper reported %W](EARLIER:%J), the question is not going away.",
    "This newspaper covered a related problem [%W](EARLIER:%J), and little has changed since.",
];
const UPDATES: &[&str] = &[
    "This article has been updated to include figures released after publication.",
    "This article has been updated with new details.",
    "This article has been updated to reflect developments since it was first published.",
];
const HEBREW_INDEX: usize = 97;
const FORCED_NOTES: &[usize] = &[11, 58, 143];

// ---------------------------------------------------------------- filling

struct Ctx {
    full: [String; 3],
    sur: [&'static str; 3],
    roles: [String; 3],
    seen: [bool; 3],
    track: bool,
    place: (&'static str, &'static str),
    place2: &'static str,
    street: &'static str,
    line: &'static str,
    org: &'static str,
    org2: &'static str,
    n: u32,
    n2: u32,
    k: u32,
    pts: u32,
    pc: u32,
    pd: String,
    m: String,
    bn: String,
    y: u32,
    day: &'static str,
    title: String,
    w: &'static str,
    l: &'static str,
    s: [u32; 2],
    rec: String,
    att: u32,
    inst: &'static str,
    journal: &'static str,
    city: &'static str,
    venue: &'static str,
    quarter: &'static str,
}

fn commas(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Ctx {
    fn new(st: &Story, rng: &mut Rng, weekday: usize) -> Ctx {
        let mut surs = [""; 3];
        let mut full: [String; 3] = Default::default();
        for i in 0..3 {
            let mut last = rng.pick(LAST);
            while surs[..i].contains(&last) {
                last = rng.pick(LAST);
            }
            surs[i] = last;
            full[i] = format!("{} {}", rng.pick(FIRST), last);
        }
        let (pl, bo, streets) = rng.pick(PLACES);
        let mut place2 = rng.pick(PLACES);
        while place2.0 == pl || place2.1 != bo {
            place2 = rng.pick(PLACES);
        }
        let (w, l) = if st.fam == Fam::Sport && !rng.chance(65) {
            (rng.pick(st.orgs2), rng.pick(st.orgs))
        } else {
            (rng.pick(st.orgs), rng.pick(st.orgs2))
        };
        let s1 = rng.range(st.score[0], st.score[1].max(st.score[0]));
        let s2 = s1.saturating_sub(rng.range(
            1,
            st.score[2].min(s1.saturating_sub(st.score[0] / 2)).max(1),
        ));
        let title = match rng.below(3) {
            0 => format!("The {} {}", rng.pick(ADJ), rng.pick(NOUN)),
            1 => format!("{} and {}", rng.pick(NOUN), rng.pick(NOUN)),
            _ => format!("A {} {}", rng.pick(ADJ), rng.pick(NOUN)),
        };
        let mut c = Ctx {
            full,
            sur: surs,
            roles: Default::default(),
            seen: [false; 3],
            track: false,
            place: (pl, bo),
            place2: place2.0,
            street: rng.pick(&streets),
            line: rng.pick(LINES),
            org: rng.pick(st.orgs),
            org2: rng.pick(st.orgs2),
            n: rng.range(4, 28),
            n2: rng.range(15, 480) * 10,
            k: rng.range(2, 7),
            pts: rng.range(22, 41),
            pc: rng.range(4, 45),
            pd: format!("{}.{}", rng.range(1, 9), rng.range(0, 9)),
            m: format!("${}.{} million", rng.range(2, 95), rng.range(1, 9)),
            bn: format!("${}.{} billion", rng.range(1, 9), rng.range(1, 9)),
            y: rng.range(3, 30),
            day: DAYS[(weekday + 7 - rng.below(2)) % 7],
            title,
            w,
            l,
            s: [s1, s2],
            rec: format!("{}-{}", rng.range(12, 60), rng.range(10, 50)),
            att: rng.range(180, 460) * 100,
            inst: rng.pick(INSTS),
            journal: rng.pick(JOURNALS),
            city: rng.pick(CITIES),
            venue: rng.pick(VENUES),
            quarter: rng.pick(QUARTERS),
        };
        let ra = rng.pick(st.ra);
        let rb = rng.pick(st.rb);
        let rc = rng.pick(st.rc);
        c.roles = [c.fill(ra), c.fill(rb), c.fill(rc)];
        c
    }
    fn fill(&mut self, t: &str) -> String {
        let mut out = String::with_capacity(t.len() + 48);
        let mut rest = t;
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            match after.find('}') {
                Some(j) => {
                    self.put(&after[..j], &mut out);
                    rest = &after[j + 1..];
                }
                None => {
                    out.push_str(after);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
    fn put(&mut self, key: &str, out: &mut String) {
        let person = |c: char| match c {
            'A' => 0,
            'B' => 1,
            _ => 2,
        };
        match key {
            "A" | "B" | "C" => {
                let p = person(key.chars().next().unwrap_or('C'));
                if self.track && self.seen[p] {
                    out.push_str(self.sur[p]);
                } else {
                    out.push_str(&self.full[p]);
                }
                if self.track {
                    self.seen[p] = true;
                }
            }
            "Af" | "Bf" | "Cf" => {
                out.push_str(&self.full[person(key.chars().next().unwrap_or('C'))])
            }
            "As" | "Bs" | "Cs" => out.push_str(self.sur[person(key.chars().next().unwrap_or('C'))]),
            "Ar" | "Br" | "Cr" => {
                out.push_str(&self.roles[person(key.chars().next().unwrap_or('C'))])
            }
            "P" => out.push_str(self.place.0),
            "P2" => out.push_str(self.place2),
            "Bo" => out.push_str(self.place.1),
            "St" => out.push_str(self.street),
            "Ln" => out.push_str(self.line),
            "O" => out.push_str(self.org),
            "O2" => out.push_str(self.org2),
            "N" => out.push_str(&self.n.to_string()),
            "N2" => out.push_str(&commas(self.n2)),
            "K" => out.push_str(&self.k.to_string()),
            "Pts" => out.push_str(&self.pts.to_string()),
            "Pc" => out.push_str(&self.pc.to_string()),
            "Pd" => out.push_str(&self.pd),
            "M" => out.push_str(&self.m),
            "Bn" => out.push_str(&self.bn),
            "Y" => out.push_str(&self.y.to_string()),
            "D" => out.push_str(self.day),
            "T" => out.push_str(&self.title),
            "W" => out.push_str(self.w),
            "L" => out.push_str(self.l),
            "S1" => out.push_str(&self.s[0].to_string()),
            "S2" => out.push_str(&self.s[1].to_string()),
            "Rec" => out.push_str(&self.rec),
            "Att" => out.push_str(&commas(self.att)),
            "I" => out.push_str(self.inst),
            "J" => out.push_str(self.journal),
            "Ct" => out.push_str(self.city),
            "Ve" => out.push_str(self.venue),
            "Qt" => out.push_str(self.quarter),
            _ => out.push_str(key),
        }
    }
}

fn capitalize(mut s: String) -> String {
    if s.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        s[..1].make_ascii_uppercase();
    }
    s
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '*' {
            continue;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > 70 {
        out.truncate(70);
        if let Some(i) = out.rfind('-') {
            out.truncate(i);
        }
    }
    if out.is_empty() {
        out.push_str("story");
    }
    out
}

/// Index of a prose paragraph at or after `from` (not the lede, a blockquote, its colon-ended intro or an embed).
fn prose_at(paras: &[String], from: usize) -> usize {
    let ok = |p: &String| !p.starts_with('>') && !p.ends_with(':') && !p.starts_with("[[");
    (from.max(1)..paras.len())
        .find(|&k| ok(&paras[k]))
        .or_else(|| (1..paras.len()).rev().find(|&k| ok(&paras[k])))
        .unwrap_or(0)
}

fn when(days: u32) -> &'static str {
    match days {
        0 => "earlier today",
        1 => "yesterday",
        2..=6 => "earlier this week",
        7..=13 => "last week",
        14..=30 => "a few weeks ago",
        31..=62 => "last month",
        63..=300 => "earlier this year",
        _ => "last year",
    }
}

/// Minutes-ago for each index: ~6 articles a day (fewer at weekends), published 06:00-23:00.
fn timeline(count: usize, seed: u64) -> (Vec<u32>, Vec<usize>) {
    let mut rng = Rng(seed ^ 0x7155_ED11_A7E0_0001);
    let now: i64 = 14 * 60 + 35; // "now" is a Thursday afternoon
    let (mut ages, mut wds) = (Vec::with_capacity(count), Vec::with_capacity(count));
    let mut day: i64 = 0;
    while ages.len() < count {
        let wd = ((3 - day % 7 + 7) % 7) as usize;
        let n = if wd >= 5 {
            rng.range(3, 6)
        } else {
            rng.range(5, 8)
        };
        let mut times: Vec<i64> = (0..n).map(|_| i64::from(rng.range(360, 1380))).collect();
        times.sort_unstable_by(|a, b| b.cmp(a));
        for t in times {
            if ages.len() == count {
                break;
            }
            if day == 0 && t + 5 > now {
                continue;
            }
            ages.push((day * 1440 + now - t) as u32);
            wds.push(wd);
        }
        day += 1;
    }
    (ages, wds)
}

struct Meta {
    story: usize,
    section: &'static str,
    topics: Vec<&'static str>,
}

fn pick_earlier(i: usize, metas: &[Meta], rng: &mut Rng, exclude: &[usize]) -> Option<usize> {
    let count = metas.len();
    if i + 1 >= count {
        return None;
    }
    let me = &metas[i];
    let cands: Vec<usize> = (i + 1..count.min(i + 250))
        .filter(|&j| {
            !exclude.contains(&j)
                && (metas[j].section == me.section
                    || metas[j].topics.iter().any(|t| me.topics.contains(t)))
        })
        .take(6)
        .collect();
    if !cands.is_empty() {
        return Some(rng.pick(&cands));
    }
    let j = i + 1 + rng.below((count - i - 1).min(40));
    if exclude.contains(&j) { None } else { Some(j) }
}

pub fn articles(count: usize, seed: u64) -> Vec<DemoArticle> {
    let (ages, wds) = timeline(count, seed);
    let total: u32 = STORIES.iter().map(|s| s.w).sum();
    let mut rngs = Vec::with_capacity(count);
    let mut metas = Vec::with_capacity(count);
    for i in 0..count {
        let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
            ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        if i == HEBREW_INDEX {
            metas.push(Meta {
                story: usize::MAX,
                section: "stage",
                topics: vec!["arts-funding", "immigration"],
            });
        } else {
            let mut r = rng.below(total as usize) as u32;
            let mut idx = 0;
            while r >= STORIES[idx].w {
                r -= STORIES[idx].w;
                idx += 1;
            }
            let st = &STORIES[idx];
            let mut topics: Vec<&'static str> = rng.shuffled(st.top);
            topics.truncate(if rng.chance(8) { 0 } else { 1 + rng.below(3) });
            metas.push(Meta {
                story: idx,
                section: rng.pick(st.sec),
                topics,
            });
        }
        rngs.push(rng);
    }
    let mut slugs: HashSet<String> = HashSet::with_capacity(count);
    let mut out = Vec::with_capacity(count);
    for (i, mut rng) in rngs.into_iter().enumerate() {
        let mut a = if metas[i].story == usize::MAX {
            hebrew_article()
        } else {
            build(i, &metas, &ages, wds[i], &mut rng)
        };
        a.minutes_ago = ages[i];
        let base = slugify(&a.headline);
        let mut slug = base.clone();
        let mut n = 2;
        while slugs.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        slugs.insert(slug.clone());
        a.slug = slug;
        out.push(a);
    }
    out
}

fn build(i: usize, metas: &[Meta], ages: &[u32], weekday: usize, rng: &mut Rng) -> DemoArticle {
    let st = &STORIES[metas[i].story];
    let [generic, closers, bqs, pulls] = family(st.fam);
    let generic: &[&str] = if st.solo { &[] } else { generic };
    let bqs = if st.bq.is_empty() && !st.solo {
        bqs
    } else {
        st.bq
    };
    let mut c = Ctx::new(st, rng, weekday);
    let headline = capitalize(c.fill(rng.pick(st.heads)));
    let dek = capitalize(c.fill(rng.pick(st.deks)));
    // Decide the shape, then fill in reading order so first mentions get full names.
    let target = rng.range(5, 12) as usize;
    let has_bq = rng.chance(30) && !bqs.is_empty();
    let embed_kind = if rng.chance(15) { 1 + rng.below(2) } else { 0 }; // 1 pull quote, 2 article card
    let reserve = 1 + if has_bq { 2 } else { 0 } + usize::from(embed_kind > 0);
    let mid_len = target.saturating_sub(1 + reserve).max(3);
    let quotes = rng.shuffled(st.quotes);
    let nq = if st.fam == Fam::Opinion {
        rng.below(2)
    } else {
        1 + rng.below(2)
    }
    .min(quotes.len())
    .min(mid_len);
    let spec = rng.shuffled(st.body);
    let gen_pool = rng.shuffled(generic);
    let mut mid: Vec<&str> = spec
        .iter()
        .copied()
        .chain(gen_pool.iter().copied())
        .take(mid_len - nq)
        .collect();
    if nq > 0 {
        mid.insert(1.min(mid.len()), quotes[0]);
    }
    if nq > 1 {
        let at = mid.len().saturating_sub(1).max(2).min(mid.len());
        mid.insert(at, quotes[1]);
    }
    c.track = true;
    let mut paras: Vec<String> = vec![capitalize(c.fill(rng.pick(st.ledes)))];
    for t in &mid {
        paras.push(capitalize(c.fill(t)));
    }
    if has_bq {
        let (intro, text) = rng.pick(bqs).split_once('|').unwrap_or(("", ""));
        let at = 3.min(paras.len());
        paras.insert(at, capitalize(c.fill(intro)));
        paras.insert(at + 1, format!("> {}", c.fill(text)));
    }
    paras.push(capitalize(c.fill(rng.pick(if st.close.is_empty() {
        closers
    } else {
        st.close
    }))));
    // Links to earlier coverage.
    let mut used = Vec::new();
    if rng.chance(25) {
        let n_links = if rng.chance(30) { 2 } else { 1 };
        let first_sentence = rng.below(8);
        for k in 0..n_links {
            if let Some(j) = pick_earlier(i, metas, rng, &used) {
                used.push(j);
                let days = (ages[j] - ages[i]) / 1440;
                let sentences = match st.fam {
                    Fam::Opinion => LINK_OPINION,
                    Fam::Sport | Fam::Culture => LINK_SOFT,
                    _ => LINK_SENTENCES,
                };
                let s = sentences[(first_sentence + k) % sentences.len()]
                    .replace("%W", when(days))
                    .replace("%J", &j.to_string());
                let p = prose_at(&paras, 1 + k * 2);
                paras[p].push(' ');
                paras[p].push_str(&s);
            }
        }
    }
    if embed_kind == 2 {
        if let Some(j) = pick_earlier(i, metas, rng, &used) {
            let at = prose_at(&paras, paras.len() / 2);
            paras.insert(at + 1, format!("[[article EARLIER:{j}]]"));
        }
    } else if embed_kind == 1 {
        let by = match st.fam {
            Fam::Opinion => "Augustin Pell".to_string(),
            Fam::News => c.full[1].clone(),
            Fam::Business => c.full[2].clone(),
            _ => c.full[0].clone(),
        };
        let q = rng.pick(pulls).replace('"', "'");
        let at = prose_at(&paras, paras.len() / 2);
        paras.insert(at + 1, format!("[[pullquote \"{q}\" by=\"{by}\"]]"));
    }
    paras.truncate(12);
    c.track = false;
    let photo = if rng.chance(80) && !st.photos.is_empty() {
        let (alt, cap) = rng.pick(st.photos).split_once('|').unwrap_or(("", ""));
        let cap = cap.trim_end_matches('|');
        let sep = if rng.chance(50) { " for " } else { "/" };
        let credit = format!(
            "{} {}{sep}The Hudson Ledger",
            rng.pick(FIRST),
            rng.pick(LAST)
        );
        Some(DemoPhoto {
            alt: c.fill(alt),
            caption: c.fill(cap),
            credit,
            scene_seed: rng.next(),
        })
    } else {
        None
    };
    let body_markdown = paras.join("\n\n");
    let mut notes = Vec::new();
    if rng.chance(3) || FORCED_NOTES.contains(&i) {
        // Only correct things that actually appear in the article.
        let named = (0..3).find(|&k| body_markdown.contains(c.full[k].as_str()));
        let text = if rng.chance(60) {
            let mut opts: Vec<String> = Vec::new();
            if let Some(k) = named {
                opts.push(format!(
                    "An earlier version of this article misspelled the surname of {}.",
                    c.full[k]
                ));
            }
            if body_markdown.contains(c.place.0) && !body_markdown.contains(c.place2) {
                opts.push(format!("An earlier version of this article misidentified the neighborhood. It is {}, not {}.", c.place.0, c.place2));
            }
            if body_markdown.contains(c.day) {
                opts.push(format!("An earlier version of this article misstated the day on which some of the events described took place. It was {}.", c.day));
            }
            if opts.is_empty() {
                opts.push(
                    "An earlier version of this article misstated a figure. It has been corrected."
                        .into(),
                );
            }
            (
                DemoNoteKind::Correction,
                {
                    let k = rng.below(opts.len());
                    opts.swap_remove(k)
                },
                rng.range(2, 96),
            )
        } else {
            let mut opts: Vec<String> = UPDATES.iter().map(|s| s.to_string()).collect();
            if let Some(k) = named {
                opts.push(format!(
                    "This article has been updated with additional comment from {}.",
                    c.full[k]
                ));
            }
            (
                DemoNoteKind::Update,
                {
                    let k = rng.below(opts.len());
                    opts.swap_remove(k)
                },
                rng.range(1, 12),
            )
        };
        notes.push(DemoNote {
            kind: text.0,
            text: text.1,
            hours_after_publication: text.2,
        });
    }
    let mut authors = vec![rng.pick(st.au)];
    let desk: &[usize] = match st.fam {
        Fam::News | Fam::World => &[0, 1, 2, 8, 9],
        Fam::Business => &[3, 2, 0],
        Fam::Sport => &[5, 9],
        Fam::Science => &[6, 1, 9],
        Fam::Culture | Fam::Opinion => &[],
    };
    let others: Vec<usize> = desk.iter().copied().filter(|&a| a != authors[0]).collect();
    if !others.is_empty() && rng.chance(18) {
        authors.push(rng.pick(&others));
    }
    DemoArticle {
        headline,
        dek,
        slug: String::new(),
        section: metas[i].section,
        topics: metas[i].topics.clone(),
        authors,
        minutes_ago: 0,
        body_markdown,
        photo,
        notes,
    }
}

fn hebrew_article() -> DemoArticle {
    let body = [
        "On a rainy evening on Essex Street, a line of umbrellas stretched half a block from the door of the Bowery Lane Theater. Inside, a small brass band was warming up, and an usher was greeting arrivals in three languages.",
        "The occasion was the opening night of a weeklong festival of Yiddish and Hebrew theater on the Lower East Side, now in its ninth year. Its organizers describe it, only half joking, as the neighborhood's longest-running family reunion.",
        "The festival's motto, painted in tall blue letters above the box office, is a single Hebrew word: ביחד, which means \"together.\" Many in the audience also knew the Yiddish greeting printed on the programs, א גוטן אָוונט, or good evening.",
        r#""My grandmother saw plays in Yiddish three blocks from here," said Rivka Adler-Sameth, the festival's artistic director. "I wanted my children to hear the same words in the same streets, and then I wanted them to write new ones.""#,
        "That mix of old and new defines the program. A revival of a 1920s comedy about a boarding house shares the schedule with a bilingual play about a family of Israeli software engineers in Astoria, and a late-night cabaret of songs translated between Yiddish, Hebrew, Spanish and English.",
        "> The language is small now, but the audience is not. Every year we add chairs.",
        "Performances continue through Sunday. Most tickets cost $25, and the festival offers free seats to students and to anyone over 80.",
    ];
    DemoArticle {
        headline: "A Yiddish and Hebrew theater festival fills the Lower East Side with old songs and new plays".into(),
        dek: "The weeklong festival draws audiences who come for the nostalgia and stay for the experiments.".into(),
        slug: String::new(), section: "stage", topics: vec!["arts-funding", "immigration"], authors: vec![4], minutes_ago: 0,
        body_markdown: body.join("\n\n"),
        photo: Some(DemoPhoto { alt: "A brass band performs in a theater lobby on the Lower East Side".into(), caption: "The opening night of the festival at the Bowery Lane Theater.".into(), credit: "Yael Kincaid for The Hudson Ledger".into(), scene_seed: 0x00C0_FFEE }),
        notes: Vec::new(),
    }
}

// ---------------------------------------------------------------- tests

#[cfg(test)]
mod tests {
    use super::*;

    fn earlier_refs(body: &str) -> Vec<usize> {
        body.split("EARLIER:")
            .skip(1)
            .map(|s| {
                s.chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect::<String>()
                    .parse()
                    .expect("index")
            })
            .collect()
    }

    #[test]
    fn static_minima() {
        let secs = sections();
        assert!(secs.iter().filter(|s| s.parent.is_none()).count() >= 7);
        assert!(secs.iter().filter(|s| s.parent.is_some()).count() >= 3);
        for s in &secs {
            if let Some(p) = s.parent {
                assert!(secs.iter().any(|x| x.slug == p && x.parent.is_none()));
            }
        }
        assert!(topics().len() >= 15);
        assert_eq!(authors().len(), 10);
        let pages = pages();
        for (i, p) in pages.iter().enumerate() {
            if let Some(parent) = p.parent {
                assert!(pages[..i].iter().any(|x| x.slug == parent));
            }
        }
        for s in [
            "about",
            "staff",
            "ethics",
            "contact",
            "corrections-policy",
            "privacy",
            "advertise",
        ] {
            assert!(pages.iter().any(|p| p.slug == s));
        }
        let mut seen = HashSet::new();
        for t in topics() {
            assert!(seen.insert(t.slug));
        }
        for s in secs {
            assert!(seen.insert(s.slug));
        }
    }

    #[test]
    fn deterministic() {
        let (a, b) = (articles(300, 42), articles(300, 42));
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(
                (&x.slug, &x.body_markdown, x.minutes_ago, &x.authors),
                (&y.slug, &y.body_markdown, y.minutes_ago, &y.authors)
            );
        }
        assert_ne!(
            articles(50, 1)[3].body_markdown,
            articles(50, 2)[3].body_markdown
        );
    }

    #[test]
    fn ten_thousand_are_valid() {
        let start = std::time::Instant::now();
        let arts = articles(10_000, 7);
        eprintln!("10k articles in {:?}", start.elapsed());
        assert_eq!(arts.len(), 10_000);
        let secs = sections();
        let tops = topics();
        let mut slugs = HashSet::new();
        let (mut links, mut embeds, mut photos, mut bqs, mut notes, mut second) =
            (0, 0, 0, 0, 0, 0);
        for (i, a) in arts.iter().enumerate() {
            assert!(slugs.insert(a.slug.clone()), "dup slug {}", a.slug);
            assert!(
                !a.slug.is_empty()
                    && a.slug.len() <= 80
                    && a.slug
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                a.slug
            );
            assert!(!a.slug.starts_with('-') && !a.slug.ends_with('-') && !a.slug.contains("--"));
            if i > 0 {
                assert!(a.minutes_ago >= arts[i - 1].minutes_ago);
            }
            assert!(secs.iter().any(|s| s.slug == a.section));
            assert!(
                a.topics.len() <= 3 && a.topics.iter().all(|t| tops.iter().any(|x| x.slug == *t))
            );
            let set: HashSet<_> = a.topics.iter().collect();
            assert_eq!(set.len(), a.topics.len());
            assert!((1..=2).contains(&a.authors.len()) && a.authors.iter().all(|&x| x < 10));
            if a.authors.len() == 2 {
                assert_ne!(a.authors[0], a.authors[1]);
                second += 1;
            }
            for j in earlier_refs(&a.body_markdown) {
                assert!(j > i && j < arts.len(), "bad ref {j} at {i}");
            }
            let blocks: Vec<&str> = a.body_markdown.split("\n\n").collect();
            assert!(
                (5..=12).contains(&blocks.len()),
                "{} blocks at {i}",
                blocks.len()
            );
            for text in [&a.headline, &a.dek, &a.body_markdown] {
                assert!(
                    !text.contains('{') && !text.contains('}') && !text.contains('%'),
                    "unfilled: {text}"
                );
            }
            for b in &blocks {
                if b.contains("[[") {
                    embeds += 1;
                    assert!(b.starts_with("[[") && b.ends_with("]]") && !b.contains('\n'));
                    assert!(
                        b.starts_with("[[article EARLIER:")
                            || (b.starts_with("[[pullquote \"")
                                && b.matches('"').count() == 4
                                && b.contains("\" by=\"")),
                        "{b}"
                    );
                }
                if b.starts_with("> ") {
                    bqs += 1;
                }
            }
            if a.body_markdown.contains("](EARLIER:") {
                links += 1;
            }
            if let Some(p) = &a.photo {
                photos += 1;
                assert!(!p.alt.is_empty() && !p.caption.contains('{'));
            }
            notes += a.notes.len();
            assert!(!a.headline.is_empty() && !a.dek.is_empty());
        }
        let pct = |n: usize| n * 100 / arts.len();
        eprintln!(
            "links {}% embeds {}% photos {}% blockquotes {}% notes {} second bylines {}%",
            pct(links),
            pct(embeds),
            pct(photos),
            pct(bqs),
            notes,
            pct(second)
        );
        assert!(
            (18..=32).contains(&pct(links))
                && (10..=20).contains(&pct(embeds))
                && (70..=90).contains(&pct(photos))
                && (22..=40).contains(&pct(bqs))
        );
        let days = arts[9_999].minutes_ago / 1440;
        assert!((900..2500).contains(&days), "{days} days");
    }

    #[test]
    fn first_two_hundred() {
        let arts = articles(200, 1);
        assert!(arts.iter().map(|a| a.notes.len()).sum::<usize>() >= 3);
        let days = arts[199].minutes_ago / 1440;
        assert!((25..=50).contains(&days), "{days} days");
        assert!(arts[HEBREW_INDEX].body_markdown.contains("ביחד"));
        for a in &arts {
            let minute_of_day = (14 * 60 + 35 + 100 * 1440 - a.minutes_ago as i64).rem_euclid(1440);
            assert!((360..=1380).contains(&minute_of_day), "{minute_of_day}");
        }
        assert!(articles(1, 3)[0].body_markdown.find("EARLIER").is_none());
        assert!(articles(0, 3).is_empty());
        for seed in 0..6 {
            assert!(
                articles(200, seed)
                    .iter()
                    .map(|a| a.notes.len())
                    .sum::<usize>()
                    >= 3
            );
        }
    }
}
