//! Culture desk story templates (placeholders are listed in `stories/mod.rs`).

use super::{BASE, Fam, Story};

pub(super) static STORIES: &[Story] = &[
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
];
