//! Sport desk story templates (placeholders are listed in `stories/mod.rs`).

use super::{BASE, Fam, Story};

pub(super) static STORIES: &[Story] = &[
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
];
