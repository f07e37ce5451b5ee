//! The paper's fixed structure: sections, topics, staff and static pages.

use super::{DemoAuthor, DemoPage, DemoSection, DemoTopic};

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
