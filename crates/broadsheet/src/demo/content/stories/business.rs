//! Business desk story templates (placeholders are listed in `stories/mod.rs`).

use super::{BASE, Fam, Story};

pub(super) static STORIES: &[Story] = &[
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
];
