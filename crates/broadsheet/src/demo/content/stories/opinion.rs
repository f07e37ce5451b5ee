//! Opinion desk story templates (placeholders are listed in `stories/mod.rs`).

use super::{BASE, Fam, Story};

pub(super) static STORIES: &[Story] = &[
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
];
