//! Science desk story templates (placeholders are listed in `stories/mod.rs`).

use super::{BASE, Fam, Story};

pub(super) static STORIES: &[Story] = &[
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
